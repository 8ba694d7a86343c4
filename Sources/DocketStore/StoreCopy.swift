import Foundation

/// What happens when a row being copied has the key of a row already there.
public enum CopyConflict: Sendable {
    /// The statement fails (a copy writes no row twice).
    case fail
    /// The row already there stays.
    case keep(key: [String])
    /// The copied row replaces the columns of the one there.
    case replace(key: [String])
}

/// Writes copied rows inside one transaction of the destination.
public protocol CopyWriter {
    /// `count` ids that no row of `table` has, and that the database will not give a new row.
    func reserveIDs(in table: String, count: Int) throws -> [Int64]
    /// Inserts the rows in batches (several rows a statement).
    func insert(_ rows: CopiedTable, onConflict: CopyConflict) throws
}

/// A store that `docket copy` can read from and write to. Each backend's extension holds the SQL.
public protocol CopyableStore: Store {
    /// Every table's columns, leaving out the store's own bookkeeping (migrations, search indexes)
    /// and columns it derives from others.
    func copyColumns() throws -> [String: [String]]
    /// Every document's id and sha256, in the order of their ids.
    func copiedDocumentKeys() throws -> [(id: Int64, sha256: String)]
    /// The rows of `columns`' tables (document tables only) that belong to these documents.
    func readCopiedDocuments(_ ids: [Int64], columns: [String: [String]]) throws -> [CopiedDocument]
    /// All rows of a table no document owns.
    func readCopiedTable(_ table: String, columns: [String]) throws -> CopiedTable
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func writeCopy<T>(_ body: (any CopyWriter) throws -> T) throws -> T
    /// Moves the database's id counters past the ids a copy inserted as given.
    func finishCopy() throws
}

public enum CopyError: Error, Equatable, Sendable, CustomStringConvertible {
    case destinationNotEmpty(destination: String, documents: Int)
    case sameStore(String)
    case unknownTables(store: String, tables: [String])
    case missingColumns(destination: String, columns: [String])
    case webhooksPending(store: String, events: Int)

    public var description: String {
        switch self {
        case .destinationNotEmpty(let destination, let documents):
            "\(destination) is not empty: it holds \(documents) document\(documents == 1 ? "" : "s") this source does not have under the same id; nothing was copied. Give an empty destination, or --merge to add the source's documents to it."
        case .sameStore(let store):
            "--from and --to both name \(store); give two different stores."
        case .unknownTables(let store, let tables):
            "\(store) has tables docket copy does not know (\(tables.joined(separator: ", "))); nothing was copied. Upgrade docket, or copy them by hand."
        case .missingColumns(let destination, let columns):
            "\(destination) lacks columns the source has (\(columns.joined(separator: ", "))); nothing was copied. Run `docket migrate --db` on it with this docket, or upgrade docket."
        case .webhooksPending(let store, let events):
            "\(store) has \(events) webhook event\(events == 1 ? "" : "s") not yet delivered; nothing was copied. Run a worker on it until `docket webhooks list --state pending` is empty (or the events have failed), then copy."
        }
    }
}

/// Progress of a copy, after each document.
public struct CopyProgress: Sendable {
    public var documentsDone: Int
    public var documentsTotal: Int
    public var documentsCopied: Int
    public var documentsAlreadyThere: Int
    public var jobsCopied: Int
    public var pagesCopied: Int
}

/// What a copy did and how the two stores compare afterwards.
public struct CopyReport: Sendable {
    public var progress: CopyProgress
    /// True when the destination's ids are the source's (it was empty, or held an interrupted copy).
    public var keptIDs: Bool
    public var source: CopyChecksums
    public var destination: CopyChecksums

    public var tableNames: [String] {
        CopiedSchema.tableNames.filter { source.tables[$0] != nil || destination.tables[$0] != nil }
    }

    /// The tables whose rows differ between the source and the destination's copy of them.
    public var differingTables: [String] {
        tableNames.filter { (source.tables[$0] ?? .init()) != (destination.tables[$0] ?? .init()) }
    }
}

/// Copies every document of one store (its bytes, jobs, attempts and results), its studies and its
/// secrets into another, one transaction per document, then compares the two.
///
/// A destination that is empty, or holds only documents of this source with the source's ids (a
/// copy that was interrupted), gets the source's ids; documents already there are skipped, so
/// running a copy again finishes it. `merge` adds to a destination that has documents of its own:
/// the copied rows get new ids, and a document already there (by sha256) gets only the jobs it lacks
/// (by creation time and questions).
public final class StoreCopier {
    let source: any CopyableStore
    let destination: any CopyableStore
    let merge: Bool
    /// Documents read from the source at a time.
    let batchSize: Int

    public init(source: any CopyableStore, destination: any CopyableStore, merge: Bool, batchSize: Int = 16) {
        self.source = source
        self.destination = destination
        self.merge = merge
        self.batchSize = batchSize
    }

    public func run(progress report: (CopyProgress) -> Void = { _ in }) throws -> CopyReport {
        if source.location == destination.location { throw CopyError.sameStore(source.location.description) }
        let columns = try columnsToCopy()
        let documentColumns = columns.filter { name, _ in !CopiedSchema.sharedTables.contains(name) }

        let sourceDocuments = try source.copiedDocumentKeys()
        let destinationDocuments = try destination.copiedDocumentKeys()
        let sourceKeys = Set(sourceDocuments.map { "\($0.id) \($0.sha256)" })
        let strangers = destinationDocuments.filter { !sourceKeys.contains("\($0.id) \($0.sha256)") }
        if !strangers.isEmpty && !merge {
            throw CopyError.destinationNotEmpty(destination: destination.location.description, documents: strangers.count)
        }
        let keepIDs = strangers.isEmpty
        var present = Dictionary(destinationDocuments.map { ($0.sha256, $0.id) }, uniquingKeysWith: { first, _ in first })

        let studyIDs = try copyShared(columns: columns, replacingSecrets: !merge)
        try destination.finishCopy()
        var progress = CopyProgress(documentsDone: 0, documentsTotal: sourceDocuments.count, documentsCopied: 0,
                                    documentsAlreadyThere: 0, jobsCopied: 0, pagesCopied: 0)
        var sourceSums = CopyChecksums()
        var sourceJobKeys: [String: Set<String>] = [:]
        // Merging, a document the destination had before keeps its own results: only its jobs are compared.
        var onlyJobsCompared: Set<String> = []
        let sourceStudyKeys = try studyKeys(of: source)

        for batch in sourceDocuments.map(\.id).chunked(into: batchSize) {
            for var document in try source.readCopiedDocuments(Array(batch), columns: documentColumns) {
                document.releaseHeldJobs()
                sourceJobKeys[document.sha256] = Set(document.jobKeys().values)
                if let existing = present[document.sha256] {
                    if !keepIDs { onlyJobsCompared.insert(document.sha256) }
                    progress.jobsCopied += try addMissingJobs(of: document, to: existing, keepIDs: keepIDs, columns: documentColumns)
                    progress.documentsAlreadyThere += 1
                } else {
                    present[document.sha256] = try write(document, keepIDs: keepIDs, studyIDs: studyIDs)
                    progress.documentsCopied += 1
                    progress.jobsCopied += document.tables["jobs"]?.rows.count ?? 0
                    progress.pagesCopied += document.tables["pages"]?.rows.count ?? 0
                }
                sourceSums.add(onlyJobsCompared.contains(document.sha256) ? document.onlyJobs() : document, studyKeys: sourceStudyKeys.keys)
                progress.documentsDone += 1
                report(progress)
            }
            if keepIDs { try destination.finishCopy() }
        }
        try destination.finishCopy()
        try destination.checkpoint()

        for (name, rows) in try sharedRows(of: source, columns: columns) where !(merge && CopiedSchema.sharedTablesNotMerged.contains(name)) {
            sourceSums.add(rows)
        }
        let destinationSums = try checksums(
            ofDestinationDocuments: sourceDocuments.compactMap { present[$0.sha256] }, jobs: sourceJobKeys,
            onlyJobs: onlyJobsCompared, studies: Set(sourceStudyKeys.keys.values), columns: columns)
        return CopyReport(progress: progress, keptIDs: keepIDs, source: sourceSums, destination: destinationSums)
    }

    /// The columns each table has in the source, all of which the destination must have.
    private func columnsToCopy() throws -> [String: [String]] {
        let sourceColumns = try source.copyColumns(), destinationColumns = try destination.copyColumns()
        let unknown = Set(sourceColumns.keys).subtracting(CopiedSchema.tableNames).subtracting(CopiedSchema.tablesLeftBehind).sorted()
        if !unknown.isEmpty { throw CopyError.unknownTables(store: source.location.description, tables: unknown) }
        if let outbox = sourceColumns["webhook_events"], outbox.contains("state") {
            let pending = try source.readCopiedTable("webhook_events", columns: ["state"]).rows.filter { $0.first == .text("pending") }.count
            if pending > 0 { throw CopyError.webhooksPending(store: source.location.description, events: pending) }
        }
        var missing: [String] = []
        var columns: [String: [String]] = [:]
        for name in CopiedSchema.tableNames {
            guard let have = sourceColumns[name] else { continue }
            let there = Set(destinationColumns[name] ?? [])
            missing += have.filter { !there.contains($0) }.map { "\(name).\($0)" }
            columns[name] = have
        }
        if !missing.isEmpty { throw CopyError.missingColumns(destination: destination.location.description, columns: missing) }
        return columns
    }

    private func sharedRows(of store: any CopyableStore, columns: [String: [String]]) throws -> [String: CopiedTable] {
        var tables: [String: CopiedTable] = [:]
        for name in CopiedSchema.sharedTables {
            if let have = columns[name] { tables[name] = try store.readCopiedTable(name, columns: have) }
        }
        return tables
    }

    private func studyKeys(of store: any CopyableStore) throws -> (keys: [Int64: String], ids: [String: Int64]) {
        let studies = try store.readCopiedTable("studies", columns: ["id", "key"])
        var keys: [Int64: String] = [:], ids: [String: Int64] = [:]
        for row in studies.rows {
            guard let id = row[0].wholeNumber, case .text(let key) = row[1] else { continue }
            keys[id] = key
            ids[key] = id
        }
        return (keys, ids)
    }

    /// Copies the studies the destination lacks and the secrets (replacing the destination's,
    /// unless merging: its study keys were made with its own); returns source study id to destination study id.
    private func copyShared(columns: [String: [String]], replacingSecrets: Bool) throws -> [Int64: Int64] {
        let shared = try sharedRows(of: source, columns: columns)
        let existing = try studyKeys(of: destination).ids
        try destination.writeCopy { writer in
            if let secrets = shared["secrets"] {
                try writer.insert(secrets, onConflict: replacingSecrets ? .replace(key: ["name"]) : .keep(key: ["name"]))
            }
            if let keys = shared["api_keys"], !merge, !keys.rows.isEmpty {
                try writer.insert(keys, onConflict: .keep(key: ["id"]))
            }
            guard var studies = shared["studies"], let id = studies.index(of: "id"), let keyColumn = studies.index(of: "key") else { return }
            studies.rows.removeAll { row in
                guard case .text(let key) = row[keyColumn] else { return true }
                return existing[key] != nil
            }
            if existing.isEmpty == false || merge {
                let fresh = try writer.reserveIDs(in: "studies", count: studies.rows.count)
                for row in studies.rows.indices { studies.rows[row][id] = .integer(fresh[row]) }
            }
            try writer.insert(studies, onConflict: .keep(key: ["key"]))
        }
        let sourceIDs = try studyKeys(of: source).keys, destinationIDs = try studyKeys(of: destination).ids
        return sourceIDs.compactMapValues { destinationIDs[$0] }
    }

    /// Writes a document the destination lacks, with all its rows, in one transaction; returns its id there.
    private func write(_ document: CopiedDocument, keepIDs: Bool, studyIDs: [Int64: Int64]) throws -> Int64 {
        try destination.writeCopy { writer in
            var ids: [String: [Int64: Int64]] = ["studies": studyIDs]
            for table in CopiedSchema.documentTables where table.hasOwnID {
                guard let rows = document.tables[table.name], let id = rows.index(of: "id") else { continue }
                let old = rows.rows.compactMap { $0[id].wholeNumber }
                let new = keepIDs ? old : try writer.reserveIDs(in: table.name, count: old.count)
                ids[table.name] = Dictionary(zip(old, new), uniquingKeysWith: { first, _ in first })
            }
            let renumbered = keepIDs && studyIDs.allSatisfy { $0.key == $0.value } ? document : document.renumbered(ids)
            for table in CopiedSchema.documentTables {
                if let rows = renumbered.tables[table.name], !rows.rows.isEmpty { try writer.insert(rows, onConflict: .fail) }
            }
            return ids["documents"]?[document.id] ?? document.id
        }
    }

    /// Adds the jobs of `document` that the destination's copy of it (`existing`) lacks; returns how many.
    private func addMissingJobs(of document: CopiedDocument, to existing: Int64, keepIDs: Bool, columns: [String: [String]]) throws -> Int {
        let jobColumns = columns.filter { $0.key == "jobs" }
        let there = try destination.readCopiedDocuments([existing], columns: jobColumns).first.map { Set($0.jobKeys().values) } ?? []
        let wanted = Set(document.jobKeys().values).subtracting(there)
        guard !wanted.isEmpty else { return 0 }
        let missing = document.keepingJobs(wanted)
        return try destination.writeCopy { writer in
            var ids: [String: [Int64: Int64]] = ["documents": [document.id: existing]]
            let old = Array(missing.jobKeys().keys)
            let new = keepIDs ? old : try writer.reserveIDs(in: "jobs", count: old.count)
            ids["jobs"] = Dictionary(zip(old, new), uniquingKeysWith: { first, _ in first })
            let renumbered = missing.renumbered(ids)
            for name in ["jobs", "job_attempts"] {
                if let rows = renumbered.tables[name], !rows.rows.isEmpty { try writer.insert(rows, onConflict: .fail) }
            }
            return old.count
        }
    }

    /// The destination's rows for the source's documents, jobs and studies.
    private func checksums(
        ofDestinationDocuments ids: [Int64], jobs: [String: Set<String>], onlyJobs: Set<String>, studies: Set<String>,
        columns: [String: [String]]
    ) throws -> CopyChecksums {
        var sums = CopyChecksums()
        let studyKeys = try studyKeys(of: destination).keys
        let documentColumns = columns.filter { name, _ in !CopiedSchema.sharedTables.contains(name) }
        for batch in ids.sorted().chunked(into: batchSize) {
            for var document in try destination.readCopiedDocuments(Array(batch), columns: documentColumns) {
                document.releaseHeldJobs()
                let compared = document.keepingJobs(jobs[document.sha256] ?? [])
                sums.add(onlyJobs.contains(document.sha256) ? compared.onlyJobs() : compared, studyKeys: studyKeys)
            }
        }
        for (name, var rows) in try sharedRows(of: destination, columns: columns) where !(merge && CopiedSchema.sharedTablesNotMerged.contains(name)) {
            if name == "studies", let keyColumn = rows.index(of: "key") {
                rows.rows.removeAll { row in
                    guard case .text(let key) = row[keyColumn] else { return true }
                    return !studies.contains(key)
                }
            }
            sums.add(rows)
        }
        return sums
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
