/// Problems with the database itself, each with what to do about it.
public enum StoreError: Error, Equatable, Sendable {
    case migratedByNewerDocket(path: String, unknownMigrations: [String])
    case cannotOpen(path: String, reason: String)
    case documentNotFound(Int64)
    case jobNotFound(Int64)
    case notProcessed(document: Int64)
    case emptySearch
    case badSearch(query: String, reason: String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .migratedByNewerDocket(let path, let unknown):
            "\(path) was migrated by a newer docket (it has migrations this one does not know: \(unknown.joined(separator: ", "))). Upgrade docket, or point --db at another database."
        case .cannotOpen(let path, let reason):
            "Cannot open the database at \(path): \(reason). Check the path and its permissions, or set --db / DOCKET_DB."
        case .documentNotFound(let id):
            "There is no document \(id). `docket jobs` lists jobs with their documents."
        case .jobNotFound(let id):
            "There is no job \(id). `docket jobs` lists them."
        case .notProcessed(let id):
            "Document \(id) has not been read yet. Run `docket worker --drain`, then try again; `docket jobs` shows its job."
        case .emptySearch:
            "The search has no words. Give one or more, e.g. docket search \"total due\" or docket search invoice*."
        case .badSearch(let query, let reason):
            "Cannot search for \(query): \(reason). Put a phrase in double quotes, end a word with * to match its prefix, and join words with OR or NOT."
        }
    }
}
