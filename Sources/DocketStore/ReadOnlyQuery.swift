import Foundation
import GRDBSQLite

/// One cell of a query's result, as SQLite typed it.
public enum SQLCell: Sendable, Equatable, Encodable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// A blob is shown by its size, not its bytes.
    case blob(bytes: Int)

    public var display: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .blob(let bytes): "<\(bytes) bytes>"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .blob(let bytes): try container.encode("<\(bytes) bytes>")
        }
    }
}

public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[SQLCell]]
}

public enum QueryError: Error, Equatable, CustomStringConvertible {
    /// The statement would change something, or reach outside the database.
    case refused(statement: String, reason: String)
    case invalid(String)
    case multipleStatements
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .refused(let statement, let reason):
            "docket sql only reads: \(statement) was refused (\(reason)). Nothing was changed. Query the docket_* views with SELECT; change data with docket's own commands."
        case .invalid(let message):
            "The query is not valid SQL: \(message). `docket sql \"SELECT name FROM sqlite_schema WHERE type = 'view'\"` lists the views."
        case .multipleStatements:
            "Give one statement at a time; nothing was run."
        case .cannotOpen(let path, let reason):
            "Cannot open the database at \(path) for reading: \(reason). Check the path and its permissions, or set --db / DOCKET_DB."
        }
    }
}

/// Runs one SQL statement that can only read: on a connection opened read-only, with
/// `query_only` set, through an authorizer that allows nothing but reading tables, calling
/// functions and pragmas that only report, and only if SQLite itself calls the statement read-only.
public enum ReadOnlyQuery {
    public static func run(_ sql: String, databasePath: String) throws -> QueryResult {
        var connection: OpaquePointer?
        let status = sqlite3_open_v2(
            Store.readOnlyFilename(for: databasePath), &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nil)
        defer { sqlite3_close_v2(connection) }
        guard status == SQLITE_OK, let connection else {
            throw QueryError.cannotOpen(path: databasePath, reason: connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory")
        }
        sqlite3_busy_timeout(connection, 5_000)
        guard sqlite3_exec(connection, "PRAGMA query_only = 1", nil, nil, nil) == SQLITE_OK else {
            throw QueryError.cannotOpen(path: databasePath, reason: String(cString: sqlite3_errmsg(connection)))
        }
        let refusal = Refusal()
        sqlite3_set_authorizer(connection, { context, action, first, second, _, _ in
            let refusal = Unmanaged<Refusal>.fromOpaque(context!).takeUnretainedValue()
            if let reason = ReadOnlyQuery.refusalReason(
                action: action, name: first.map { String(cString: $0) }, argument: second.map { String(cString: $0) }) {
                refusal.reason = refusal.reason ?? reason
                return SQLITE_DENY
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(refusal).toOpaque())

        var statement: OpaquePointer?
        var rest = ""
        let prepared = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v2(connection, text, -1, &statement, &tail)
            rest = tail.map { String(cString: $0) } ?? ""
            return status
        }
        defer { sqlite3_finalize(statement) }
        let summary = sql.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
        if let reason = refusal.reason { throw QueryError.refused(statement: summary, reason: reason) }
        guard prepared == SQLITE_OK else {
            // SQLite rejects some writes before asking the authorizer ("cannot modify a view").
            let firstWord = sql.split(whereSeparator: { !$0.isLetter }).first.map { $0.uppercased() } ?? ""
            if Self.writingKeywords.contains(firstWord) { throw QueryError.refused(statement: summary, reason: "\(firstWord) writes") }
            throw QueryError.invalid(String(cString: sqlite3_errmsg(connection)))
        }
        if !rest.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";"))).isEmpty {
            throw QueryError.multipleStatements
        }
        guard let statement else { throw QueryError.invalid("the statement is empty") }
        guard sqlite3_stmt_readonly(statement) != 0 else {
            throw QueryError.refused(statement: summary, reason: "SQLite reports that it writes")
        }

        let columnCount = Int(sqlite3_column_count(statement))
        let columns = (0..<columnCount).map { String(cString: sqlite3_column_name(statement, Int32($0))) }
        var rows: [[SQLCell]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                if let reason = refusal.reason { throw QueryError.refused(statement: summary, reason: reason) }
                throw QueryError.invalid(String(cString: sqlite3_errmsg(connection)))
            }
            rows.append((0..<Int32(columnCount)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
                case SQLITE_TEXT: .text(String(cString: sqlite3_column_text(statement, column)))
                case SQLITE_BLOB: .blob(bytes: Int(sqlite3_column_bytes(statement, column)))
                default: .null
                }
            })
        }
        withExtendedLifetime(refusal) {}
        return QueryResult(columns: columns, rows: rows)
    }

    /// Why an action is refused, or nil when it only reads.
    static func refusalReason(action: Int32, name: String?, argument: String? = nil) -> String? {
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_FUNCTION, SQLITE_RECURSIVE:
            return nil
        case SQLITE_PRAGMA:
            let pragma = name?.lowercased() ?? ""
            if argument == nil ? reportingPragmas.contains(pragma) : tableNamingPragmas.contains(pragma) { return nil }
            return "PRAGMA \(name ?? "")\(argument.map { " = " + $0 } ?? "") may change the database or the connection"
        case SQLITE_INSERT: return "it inserts into \(name ?? "a table")"
        case SQLITE_UPDATE: return "it updates \(name ?? "a table")"
        case SQLITE_DELETE: return "it deletes from \(name ?? "a table")"
        case SQLITE_ATTACH, SQLITE_DETACH: return "it attaches or detaches a database"
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return "it starts or ends a transaction"
        default: return "it changes the schema or the database file"
        }
    }

    private static let writingKeywords: Set<String> = [
        "INSERT", "REPLACE", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "VACUUM", "REINDEX", "ANALYZE",
    ]

    /// Pragmas whose argument only names what to report on (`PRAGMA table_info(pages)`).
    private static let tableNamingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    ]
    /// Pragmas that only report when given no argument (`PRAGMA user_version = 5` would set it).
    private static let reportingPragmas = tableNamingPragmas.union([
        "function_list", "pragma_list", "collation_list", "database_list", "compile_options", "page_count",
        "page_size", "freelist_count", "user_version", "schema_version", "data_version", "encoding",
    ])
}

private final class Refusal {
    var reason: String?
}
