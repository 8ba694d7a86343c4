import Foundation
import GRDB

extension SQLiteStore: CopyableStore {
    public func copyColumns() throws -> [String: [String]] {
        try database.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT IN ('grdb_migrations', 'page_search') AND name NOT LIKE 'page_search_%'
                """)
            var columns: [String: [String]] = [:]
            for table in tables {
                columns[table] = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                    .map { $0["name"] }
            }
            return columns
        }
    }

    public func copiedDocumentKeys() throws -> [(id: Int64, sha256: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, sha256 FROM documents ORDER BY id").map { row -> (id: Int64, sha256: String) in
                (row["id"], row["sha256"])
            }
        }
    }

    public func readCopiedDocuments(_ ids: [Int64], columns: [String: [String]]) throws -> [CopiedDocument] {
        guard !ids.isEmpty else { return [] }
        return try database.read { db in
            let list = "(" + ids.map(String.init).joined(separator: ",") + ")"
            var tables: [Int64: [String: CopiedTable]] = [:]
            var shas: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, sha256 FROM documents WHERE id IN \(list)") {
                shas[row["id"]] = row["sha256"]
            }
            for table in CopiedSchema.documentTables {
                guard let names = columns[table.name] else { continue }
                let selected = names.map { "t.\(Self.quoted($0))" }.joined(separator: ", ")
                let sql = switch table.link {
                case .document: "SELECT t.id, \(selected) FROM documents t WHERE t.id IN \(list)"
                case .documentID: "SELECT t.document_id, \(selected) FROM \(Self.quoted(table.name)) t WHERE t.document_id IN \(list)"
                case .page:
                    "SELECT p.document_id, \(selected) FROM \(Self.quoted(table.name)) t JOIN pages p ON p.id = t.page_id WHERE p.document_id IN \(list)"
                case .job:
                    "SELECT j.document_id, \(selected) FROM \(Self.quoted(table.name)) t JOIN jobs j ON j.id = t.job_id WHERE j.document_id IN \(list)"
                }
                for id in ids { tables[id, default: [:]][table.name] = CopiedTable(name: table.name, columns: names) }
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() {
                    let document: Int64 = row[0]
                    let values = (1...names.count).map { Self.copiedValue(row[$0] as DatabaseValue) }
                    tables[document]?[table.name]?.rows.append(values)
                }
            }
            return ids.compactMap { id in shas[id].map { CopiedDocument(id: id, sha256: $0, tables: tables[id] ?? [:]) } }
        }
    }

    public func readCopiedTable(_ table: String, columns: [String]) throws -> CopiedTable {
        try database.read { db in
            guard try db.tableExists(table) else { return CopiedTable(name: table, columns: columns) }
            let rows = try Row.fetchAll(db, sql: "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table))")
            return CopiedTable(name: table, columns: columns, rows: rows.map { row in
                (0..<columns.count).map { Self.copiedValue(row[$0] as DatabaseValue) }
            })
        }
    }

    public func writeCopy<T>(_ body: (any CopyWriter) throws -> T) throws -> T {
        try database.write { db in try body(SQLiteCopyWriter(db: db)) }
    }

    /// SQLite gives a new row the highest id plus one: there is no counter to move.
    public func finishCopy() throws {}

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func copiedValue(_ value: DatabaseValue) -> CopiedValue {
        switch value.storage {
        case .null: .null
        case .int64(let value): .integer(value)
        case .double(let value): .real(value)
        case .string(let value): .text(value)
        case .blob(let value): .bytes(Array(value))
        }
    }

    static func databaseValue(_ value: CopiedValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .bytes(let value): Data(value).databaseValue
        }
    }
}

/// Writes copied rows with multi-row INSERTs, as many rows a statement as SQLite's limit on
/// parameters allows (32,766), at most 500.
struct SQLiteCopyWriter: CopyWriter {
    let db: Database

    /// The ids after the table's highest: SQLite gives a new row the highest id plus one, and this
    /// transaction holds the write lock until the reserved rows are in.
    func reserveIDs(in table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        let highest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM \(SQLiteStore.quoted(table))") ?? 0
        return (1...Int64(count)).map { highest + $0 }
    }

    func insert(_ rows: CopiedTable, onConflict: CopyConflict) throws {
        guard !rows.rows.isEmpty else { return }
        let columns = rows.columns.map(SQLiteStore.quoted)
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let conflict = switch onConflict {
        case .fail: ""
        case .keep(let key): " ON CONFLICT (\(key.map(SQLiteStore.quoted).joined(separator: ", "))) DO NOTHING"
        case .replace(let key):
            " ON CONFLICT (\(key.map(SQLiteStore.quoted).joined(separator: ", "))) DO UPDATE SET "
                + columns.filter { !key.map(SQLiteStore.quoted).contains($0) }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        }
        let perStatement = max(1, min(500, 32_000 / columns.count))
        for batch in rows.rows.chunked(into: perStatement) {
            let sql = "INSERT INTO \(SQLiteStore.quoted(rows.name)) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: batch.count).joined(separator: ",") + conflict
            let arguments = StatementArguments(batch.flatMap { $0.map(SQLiteStore.databaseValue) })
            try db.execute(sql: sql, arguments: arguments)
        }
    }
}
