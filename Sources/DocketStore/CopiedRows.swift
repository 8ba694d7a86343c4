import Crypto
import DocketModel
import Foundation

/// One stored value as it moves between backends: SQLite's storage classes, which PostgreSQL's
/// columns map onto (a boolean is an integer 0 or 1, bytea is bytes).
public enum CopiedValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])

    /// The value as an integer, when it is one (SQLite may hold an id or a count as a whole REAL).
    var wholeNumber: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value) where value == value.rounded() && abs(value) < 9.2e18: Int64(value)
        default: nil
        }
    }

    /// The same text for the same value on either backend: a whole REAL reads as the integer it holds.
    var canonical: String {
        switch self {
        case .null: "-"
        case .integer(let value): "n\(value)"
        case .real(let value) where value == value.rounded() && abs(value) < 9.0e15: "n\(Int64(value))"
        case .real(let value): "r\(value.bitPattern)"
        case .text(let value): "t" + value
        case .bytes(let value): "b\(value.count):" + SHA256.hash(data: value).hexString
        }
    }
}

/// Rows of one table, with the names of their columns.
public struct CopiedTable: Sendable {
    public let name: String
    public let columns: [String]
    public var rows: [[CopiedValue]]

    public init(name: String, columns: [String], rows: [[CopiedValue]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    func index(of column: String) -> Int? { columns.firstIndex(of: column) }
}

/// A document with every row stored about it: its bytes, its jobs and their attempts, and what
/// reading it found. `tables` has an entry for each table read, empty or not.
public struct CopiedDocument: Sendable {
    public let id: Int64
    public let sha256: String
    public var tables: [String: CopiedTable]
}

/// How rows of a table belong to a document.
public enum CopiedLink: Sendable {
    /// The documents table itself.
    case document
    /// A `document_id` column.
    case documentID
    /// A `page_id` column naming one of the document's pages.
    case page
    /// A `job_id` column naming one of the document's jobs.
    case job
}

/// The tables a copy moves, in the order a document's rows are written (each after the rows it refers to).
public enum CopiedSchema {
    public struct DocumentTable: Sendable {
        public let name: String
        public let link: CopiedLink
        /// The table's rows have an `id` the database assigns.
        public let hasOwnID: Bool
    }

    public static let documentTables: [DocumentTable] = [
        .init(name: "documents", link: .document, hasOwnID: true),
        .init(name: "document_contents", link: .documentID, hasOwnID: false),
        .init(name: "jobs", link: .documentID, hasOwnID: true),
        .init(name: "job_attempts", link: .job, hasOwnID: false),
        .init(name: "pages", link: .documentID, hasOwnID: true),
        .init(name: "lines", link: .page, hasOwnID: false),
        .init(name: "words", link: .page, hasOwnID: false),
        .init(name: "layout_blocks", link: .page, hasOwnID: false),
        .init(name: "layout_tables", link: .page, hasOwnID: false),
        .init(name: "table_cells", link: .page, hasOwnID: false),
        .init(name: "key_values", link: .page, hasOwnID: false),
        .init(name: "checkboxes", link: .page, hasOwnID: false),
        .init(name: "answers", link: .documentID, hasOwnID: true),
        .init(name: "fields", link: .documentID, hasOwnID: true),
        .init(name: "document_runs", link: .documentID, hasOwnID: false),
        .init(name: "reports", link: .documentID, hasOwnID: false),
        .init(name: "image_metadata", link: .documentID, hasOwnID: false),
        .init(name: "study_documents", link: .documentID, hasOwnID: false),
        .init(name: "passage_vectors", link: .documentID, hasOwnID: false),
        .init(name: "embedded_documents", link: .documentID, hasOwnID: false),
    ]

    /// Tables no document owns: studies (named by their key), the database's secrets (by name) and
    /// its API keys (by id, which every key's text carries, so a copied key keeps working).
    public static let sharedTables = ["studies", "secrets", "api_keys"]

    /// Shared tables a merge leaves alone: the destination's secrets and keys are its own.
    public static let sharedTablesNotMerged: Set<String> = ["secrets", "api_keys"]

    /// The webhook outbox stays with the source: a copy is refused while any event is still to be
    /// delivered, and the record of delivered events is the source's history.
    public static let tablesLeftBehind = ["webhook_events", "webhook_deliveries"]

    public static var tableNames: [String] { documentTables.map(\.name) + sharedTables }

    /// The tables whose `id` is assigned by the database, and which other tables' `*_id` columns name.
    static let referencedTables: [String: String] = [
        "document_id": "documents", "job_id": "jobs", "page_id": "pages", "study_id": "studies",
    ]
    static let tablesWithOwnID: Set<String> = Set(documentTables.filter(\.hasOwnID).map(\.name) + ["studies"])
    /// The tables whose id counter must move past the ids a copy inserted as given.
    static let tablesWithIDCounter: Set<String> = tablesWithOwnID.union(["api_keys"])
}

extension CopiedDocument {
    /// The document's jobs as the destination gets them: a job that a worker holds is queued again
    /// (its worker stays with the source), or cancelled when it was asked to stop; lease fields cleared.
    public mutating func releaseHeldJobs() {
        guard var jobs = tables["jobs"], let state = jobs.index(of: "state") else { return }
        let cancelRequested = jobs.index(of: "cancel_requested")
        for row in jobs.rows.indices where jobs.rows[row][state] == .text("running") {
            let cancelled = cancelRequested.map { jobs.rows[row][$0].wholeNumber ?? 0 != 0 } ?? false
            jobs.rows[row][state] = .text(cancelled ? "cancelled" : "queued")
            if cancelled, let finished = jobs.index(of: "finished_at"), let started = jobs.index(of: "started_at") {
                jobs.rows[row][finished] = jobs.rows[row][started]
            }
            for column in ["lease_token", "lease_until", "worker", "claimed_at"] {
                if let index = jobs.index(of: column) { jobs.rows[row][index] = .null }
            }
            if let cancelRequested { jobs.rows[row][cancelRequested] = .integer(0) }
        }
        tables["jobs"] = jobs
    }

    /// What names a job across stores: when it was created and what it asks.
    func jobKeys() -> [Int64: String] {
        guard let jobs = tables["jobs"], let id = jobs.index(of: "id"), let created = jobs.index(of: "created_at"),
              let questions = jobs.index(of: "questions") else { return [:] }
        var keys: [Int64: String] = [:]
        for row in jobs.rows {
            if let jobID = row[id].wholeNumber { keys[jobID] = row[created].canonical + "|" + row[questions].canonical }
        }
        return keys
    }

    func pageKeys() -> [Int64: String] {
        guard let pages = tables["pages"], let id = pages.index(of: "id"), let number = pages.index(of: "number") else { return [:] }
        var keys: [Int64: String] = [:]
        for row in pages.rows {
            if let pageID = row[id].wholeNumber { keys[pageID] = row[number].canonical }
        }
        return keys
    }

    /// Only the jobs (and their attempts) whose keys are in `keys`.
    func keepingJobs(_ keys: Set<String>) -> CopiedDocument {
        var copy = self
        let jobKeys = jobKeys()
        let kept = Set(jobKeys.filter { keys.contains($0.value) }.keys)
        if var jobs = copy.tables["jobs"], let id = jobs.index(of: "id") {
            jobs.rows.removeAll { !kept.contains($0[id].wholeNumber ?? -1) }
            copy.tables["jobs"] = jobs
        }
        if var attempts = copy.tables["job_attempts"], let job = attempts.index(of: "job_id") {
            attempts.rows.removeAll { !kept.contains($0[job].wholeNumber ?? -1) }
            copy.tables["job_attempts"] = attempts
        }
        return copy
    }

    /// Only the document's jobs and their attempts.
    func onlyJobs() -> CopiedDocument {
        CopiedDocument(id: id, sha256: sha256, tables: tables.filter { $0.key == "jobs" || $0.key == "job_attempts" })
    }

    /// The document's rows with every id replaced from `ids` (table name to old id to new id).
    /// An id a map lacks becomes NULL: a reference to a job that was pruned, for instance.
    func renumbered(_ ids: [String: [Int64: Int64]]) -> CopiedDocument {
        var copy = self
        for (name, table) in tables {
            var renumbered = table
            for (index, column) in table.columns.enumerated() {
                let referenced = column == "id" ? name : CopiedSchema.referencedTables[column]
                guard let referenced, let map = ids[referenced] else { continue }
                for row in renumbered.rows.indices {
                    if let old = renumbered.rows[row][index].wholeNumber {
                        renumbered.rows[row][index] = map[old].map(CopiedValue.integer) ?? .null
                    }
                }
            }
            copy.tables[name] = renumbered
        }
        return copy
    }
}

/// Row counts and an order-free checksum of each table's rows, with ids replaced by what they name
/// (a document by its sha256, a page by its number, a job by its creation time and questions, a
/// study by its key), so that the same content in two stores sums the same whatever ids it has.
public struct CopyChecksums: Sendable {
    public struct Table: Sendable, Equatable {
        public var rows = 0
        var lanes: [UInt64] = [0, 0, 0, 0]

        public init() {}

        /// The sum, as 16 hex digits.
        public var checksum: String { String(format: "%016llx", lanes[0] ^ lanes[1] ^ lanes[2] ^ lanes[3]) }

        mutating func add(_ line: String) {
            rows += 1
            let digest = Array(SHA256.hash(data: Data(line.utf8)))
            for lane in 0..<4 {
                let word = digest[(lane * 8)..<(lane * 8 + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                lanes[lane] &+= word
            }
        }
    }

    public private(set) var tables: [String: Table] = [:]

    public init() {}

    mutating func add(_ document: CopiedDocument, studyKeys: [Int64: String]) {
        let references: [String: [Int64: String]] = [
            "page_id": document.pageKeys(), "job_id": document.jobKeys(), "study_id": studyKeys,
        ]
        for table in document.tables.values {
            add(table, prefix: document.sha256, references: references)
        }
    }

    mutating func add(_ table: CopiedTable, prefix: String = "", references: [String: [Int64: String]] = [:]) {
        let order = table.columns.indices.filter { index in
            let column = table.columns[index]
            return !(column == "id" && CopiedSchema.tablesWithOwnID.contains(table.name)) && column != "document_id"
        }.sorted { table.columns[$0] < table.columns[$1] }
        var summed = tables[table.name] ?? Table()
        for row in table.rows {
            var line = prefix
            for index in order {
                let column = table.columns[index]
                line += "\u{1f}" + column + "="
                if let names = references[column], let id = row[index].wholeNumber {
                    line += names[id] ?? "?"
                } else {
                    line += row[index].canonical
                }
            }
            summed.add(line)
        }
        tables[table.name] = summed
    }
}
