import Foundation
import NIOCore
import PostgresNIO
import Synchronization

extension PostgresStore: CopyableStore {
    /// Every table's columns and their types, leaving out the migrations' record and the search
    /// vector (the trigger on pages makes it from the text).
    func columnTypes(_ connection: PostgresConnection) throws -> [String: [(name: String, type: String)]] {
        var tables: [String: [(name: String, type: String)]] = [:]
        let rows = try connection.run("""
            SELECT c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
              AND c.table_name <> 'docket_migrations' AND c.data_type <> 'tsvector'
            ORDER BY c.table_name, c.ordinal_position
            """)
        for row in rows {
            let (table, column, type) = try row.decode((String, String, String).self)
            tables[table, default: []].append((column, type))
        }
        return tables
    }

    public func copyColumns() throws -> [String: [String]] {
        try pool.withConnection { connection in try columnTypes(connection).mapValues { $0.map(\.name) } }
    }

    public func copiedDocumentKeys() throws -> [(id: Int64, sha256: String)] {
        try pool.withConnection { connection in
            try connection.run("SELECT id, sha256 FROM documents ORDER BY id").map { try $0.decode((Int64, String).self) }
        }
    }

    public func readCopiedDocuments(_ ids: [Int64], columns: [String: [String]]) throws -> [CopiedDocument] {
        guard !ids.isEmpty else { return [] }
        return try pool.withTransaction { connection in
            // One snapshot for all the tables, as SQLite's read has.
            try connection.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            var tables: [Int64: [String: CopiedTable]] = [:]
            var shas: [Int64: String] = [:]
            for row in try connection.run("SELECT id, sha256 FROM documents WHERE id = ANY(\(ids))") {
                let (id, sha) = try row.decode((Int64, String).self)
                shas[id] = sha
            }
            for table in CopiedSchema.documentTables {
                guard let names = columns[table.name] else { continue }
                let selected = names.map { "t.\(Self.quoted($0))" }.joined(separator: ", ")
                let name = Self.quoted(table.name)
                let sql = switch table.link {
                case .document: "SELECT t.id, \(selected) FROM documents t WHERE t.id = ANY($1)"
                case .documentID: "SELECT t.document_id, \(selected) FROM \(name) t WHERE t.document_id = ANY($1)"
                case .page: "SELECT p.document_id, \(selected) FROM \(name) t JOIN pages p ON p.id = t.page_id WHERE p.document_id = ANY($1)"
                case .job: "SELECT j.document_id, \(selected) FROM \(name) t JOIN jobs j ON j.id = t.job_id WHERE j.document_id = ANY($1)"
                }
                for id in ids { tables[id, default: [:]][table.name] = CopiedTable(name: table.name, columns: names) }
                var binds = PostgresBindings()
                binds.append(ids)
                for row in try connection.run(PostgresQuery(unsafeSQL: sql, binds: binds)) {
                    let cells = Array(row)
                    let document = try cells[0].decode(Int64.self)
                    tables[document]?[table.name]?.rows.append(try cells.dropFirst().map(Self.copiedValue))
                }
            }
            return ids.compactMap { id in shas[id].map { CopiedDocument(id: id, sha256: $0, tables: tables[id] ?? [:]) } }
        }
    }

    public func readCopiedTable(_ table: String, columns: [String]) throws -> CopiedTable {
        try pool.withConnection { connection in
            let exists = try connection.run("SELECT to_regclass(\(Self.quoted(table))) IS NOT NULL").first?.decode(Bool.self) ?? false
            guard exists else { return CopiedTable(name: table, columns: columns) }
            let sql = "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table))"
            let rows = try connection.run(PostgresQuery(unsafeSQL: sql)).map { row in try Array(row).map(Self.copiedValue) }
            return CopiedTable(name: table, columns: columns, rows: rows)
        }
    }

    public func writeCopy<T>(_ body: (any CopyWriter) throws -> T) throws -> T {
        try pool.withTransaction { connection in
            let types = try Self.copyColumnTypes.withLock { cached in
                if let types = cached[address.url] { return types }
                let types = try columnTypes(connection).mapValues { Dictionary($0.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }) }
                cached[address.url] = types
                return types
            }
            return try body(PostgresCopyWriter(connection: connection, columnTypes: types))
        }
    }

    /// Each table's id counter moves to its highest id, so that rows inserted later get new ones.
    public func finishCopy() throws {
        try pool.withTransaction { connection in
            for table in CopiedSchema.tablesWithIDCounter.sorted() {
                try connection.run(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), max(id)) FROM \(Self.quoted(table)) HAVING max(id) IS NOT NULL
                    """))
            }
        }
    }

    /// Column types by table, per database: they are read once for the copy's many transactions.
    private static let copyColumnTypes = Mutex<[String: [String: [String: String]]]>([:])

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func copiedValue(_ cell: PostgresCell) throws -> CopiedValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea: return .bytes(Array(buffer: try cell.decode(ByteBuffer.self)))
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// Writes copied rows with multi-row INSERTs, as many rows a statement as PostgreSQL's limit of
/// 65,535 parameters allows, at most 1,000; each value bound as the type of its column.
struct PostgresCopyWriter: CopyWriter {
    let connection: PostgresConnection
    let columnTypes: [String: [String: String]]

    func reserveIDs(in table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try connection.run(PostgresQuery(unsafeSQL: """
            SELECT nextval(pg_get_serial_sequence('\(table)', 'id')) FROM generate_series(1, \(count))
            """)).map { try $0.decode(Int64.self) }
    }

    func insert(_ rows: CopiedTable, onConflict: CopyConflict) throws {
        guard !rows.rows.isEmpty else { return }
        let types = rows.columns.map { columnTypes[rows.name]?[$0] ?? "text" }
        let columns = rows.columns.map(PostgresStore.quoted)
        let conflict = switch onConflict {
        case .fail: ""
        case .keep(let key): " ON CONFLICT (\(key.map(PostgresStore.quoted).joined(separator: ", "))) DO NOTHING"
        case .replace(let key):
            " ON CONFLICT (\(key.map(PostgresStore.quoted).joined(separator: ", "))) DO UPDATE SET "
                + columns.filter { !key.map(PostgresStore.quoted).contains($0) }.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        }
        let perStatement = max(1, min(1_000, 65_000 / columns.count))
        for batch in rows.rows.chunked(into: perStatement) {
            var binds = PostgresBindings(capacity: batch.count * columns.count)
            var sql = "INSERT INTO \(PostgresStore.quoted(rows.name)) (\(columns.joined(separator: ", "))) VALUES "
            for (index, row) in batch.enumerated() {
                sql += index == 0 ? "(" : ",("
                for (column, value) in row.enumerated() {
                    try Self.bind(value, as: types[column], to: &binds)
                    sql += (column == 0 ? "$" : ",$") + String(binds.count)
                }
                sql += ")"
            }
            try connection.run(PostgresQuery(unsafeSQL: sql + conflict, binds: binds))
        }
    }

    /// Binds `value` as the column's type: SQLite keeps a flag as an integer, PostgreSQL as a boolean.
    static func bind(_ value: CopiedValue, as type: String, to binds: inout PostgresBindings) throws {
        switch (value, type) {
        case (.null, _): binds.appendNull()
        case (.integer(let value), "boolean"): binds.append(value != 0)
        case (.integer(let value), "double precision"), (.integer(let value), "real"): binds.append(Double(value))
        case (.integer(let value), "text"): binds.append(String(value))
        case (.integer(let value), _): binds.append(value)
        case (.real(let value), "bigint"), (.real(let value), "integer"):
            guard let whole = CopiedValue.real(value).wholeNumber else { throw PostgresCopyError.notWhole(value) }
            binds.append(whole)
        case (.real(let value), "text"): binds.append(String(value))
        case (.real(let value), _): binds.append(value)
        case (.text(let value), "bytea"): binds.append(ByteBuffer(string: value))
        case (.text(let value), _): binds.append(value)
        case (.bytes(let value), "text"): binds.append(String(decoding: value, as: UTF8.self))
        case (.bytes(let value), _): binds.append(ByteBuffer(bytes: value))
        }
    }
}

enum PostgresCopyError: Error, CustomStringConvertible {
    case notWhole(Double)

    var description: String { "\(value) is not a whole number, and PostgreSQL's column holds integers" }

    private var value: Double {
        switch self {
        case .notWhole(let value): value
        }
    }
}
