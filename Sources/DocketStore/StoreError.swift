/// Problems with the database itself, each with what to do about it.
public enum StoreError: Error, Equatable, Sendable {
    case migratedByNewerDocket(path: String, unknownMigrations: [String])
    case cannotOpen(path: String, reason: String)
    /// `--db` or `DOCKET_DB` is neither a path nor a PostgreSQL URL Docket can use.
    case badLocation(String, reason: String)
    /// A read found no database at the path, or one with no tables yet.
    case noDatabase(path: String)
    /// The file has tables, and none of them are Docket's.
    case notDocketDatabase(path: String)
    /// A read found a database that an older docket made, and its schema is not brought up to date by reads.
    case needsMigration(path: String, missingMigrations: [String])
    case documentNotFound(Int64)
    case jobNotFound(Int64)
    case webhookEventNotFound(String)
    case notProcessed(document: Int64)
    case emptySearch
    case badSearch(query: String, reason: String)
    /// A job with a callback URL ended in a store opened without a `WebhookBodyEncoder`.
    case noWebhookBodyEncoder(job: Int64)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .migratedByNewerDocket(let path, let unknown):
            "\(path) was migrated by a newer docket (it has migrations this one does not know: \(unknown.joined(separator: ", "))). Upgrade docket, or point --db at another database."
        case .cannotOpen(let path, let reason):
            "Cannot open the database at \(path): \(reason). Check the path and its permissions, or set --db / DOCKET_DB."
        case .badLocation(let location, let reason):
            "Cannot use \(location) as a database: \(reason)."
        case .noDatabase(let path):
            "There is no Docket database at \(path) yet: submit a document or run `docket migrate --db \(path)` first, or point --db / DOCKET_DB at the database."
        case .notDocketDatabase(let path):
            "\(path) is not a Docket database: it has tables, and none of them are Docket's. Nothing was changed. Point --db / DOCKET_DB at Docket's database; `docket migrate --force --db \(path)` adds Docket's tables to it (and switches it to WAL)."
        case .needsMigration(let path, let missing):
            "\(path) was made by an older docket (it lacks \(missing.joined(separator: ", "))). Run `docket migrate --db \(path)` to bring it up to date; reading it changes nothing."
        case .documentNotFound(let id):
            "There is no document \(id). `docket jobs` lists jobs with their documents."
        case .jobNotFound(let id):
            "There is no job \(id). `docket jobs` lists them."
        case .webhookEventNotFound(let reference):
            "There is no webhook event \(reference). `docket webhooks list` lists them."
        case .notProcessed(let id):
            "Document \(id) has not been read yet. Run `docket worker --drain`, then try again; `docket jobs` shows its job."
        case .emptySearch:
            "The search has no words. Give one or more, e.g. docket search \"total due\" or docket search invoice*."
        case .badSearch(let query, let reason):
            "Cannot search for \(query): \(reason). Put a phrase in double quotes, end a word with * to match its prefix, and join words with OR or NOT."
        case .noWebhookBodyEncoder(let job):
            "Job \(job) has a callback URL, and this store was opened without a webhook body encoder, so its end was not recorded. Open the store with one (DocketJSON's WebhookBodyJSON)."
        }
    }
}
