import Foundation
import GRDBSQLite

/// Runs one SQL statement that can only read: on a connection opened read-only, with
/// `query_only` set, through an authorizer that allows nothing but reading tables, calling
/// functions that only compute and pragmas that only report, and only if SQLite itself calls the
/// statement read-only. `jobs.password` and `secrets.value` read as NULL. The statement is stopped at `limits`.
public enum ReadOnlyQuery {
    public static func run(_ sql: String, databasePath: String, limits: QueryLimits = QueryLimits()) throws -> QueryResult {
        var connection: OpaquePointer?
        let status = sqlite3_open_v2(
            SQLiteStore.readOnlyFilename(for: databasePath), &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nil)
        defer { sqlite3_close_v2(connection) }
        guard status == SQLITE_OK, let connection else {
            throw QueryError.cannotOpen(path: databasePath, reason: connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory")
        }
        sqlite3_busy_timeout(connection, 5_000)
        guard sqlite3_exec(connection, "PRAGMA query_only = 1", nil, nil, nil) == SQLITE_OK else {
            throw QueryError.cannotOpen(path: databasePath, reason: String(cString: sqlite3_errmsg(connection)))
        }
        // The heap limit is the whole process's: docket sql runs one query and exits.
        let previousHeapLimit = sqlite3_hard_heap_limit64(limits.memoryBytes)
        defer { sqlite3_hard_heap_limit64(previousHeapLimit) }
        let longest = sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, -1)
        sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, Int32(clamping: min(Int64(longest), limits.memoryBytes)))

        let watch = QueryWatch(deadline: DispatchTime.now().uptimeNanoseconds + UInt64(min(max(0, limits.seconds), 1e9) * 1e9))
        let context = Unmanaged.passUnretained(watch).toOpaque()
        defer { withExtendedLifetime(watch) {} }
        sqlite3_set_authorizer(connection, { context, action, first, second, _, _ in
            let watch = Unmanaged<QueryWatch>.fromOpaque(context!).takeUnretainedValue()
            switch ReadOnlyQuery.authorization(action: action, first: first.map { String(cString: $0) }, second: second.map { String(cString: $0) }) {
            case .allow: return SQLITE_OK
            case .readAsNull: return SQLITE_IGNORE
            case .refuse(let refusal):
                watch.refusal = watch.refusal ?? refusal
                return SQLITE_DENY
            }
        }, context)
        // SQLite calls this every 1,000 virtual-machine instructions; a non-zero answer interrupts the statement.
        sqlite3_progress_handler(connection, 1_000, { context in
            let watch = Unmanaged<QueryWatch>.fromOpaque(context!).takeUnretainedValue()
            if DispatchTime.now().uptimeNanoseconds >= watch.deadline { watch.timedOut = true }
            return watch.timedOut ? 1 : 0
        }, context)

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
        if let refusal = watch.refusal { throw refusal.error(statement: summary) }
        guard prepared == SQLITE_OK else {
            if let limit = limitReached(connection, limits: limits, watch: watch) { throw QueryError.limitReached(limit) }
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
        var resultBytes: Int64 = 0
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                if let refusal = watch.refusal { throw refusal.error(statement: summary) }
                if let limit = limitReached(connection, limits: limits, watch: watch) { throw QueryError.limitReached(limit) }
                throw QueryError.invalid(String(cString: sqlite3_errmsg(connection)))
            }
            guard rows.count < limits.rows else { throw QueryError.limitReached(.rows(limits.rows)) }
            let row: [SQLCell] = (0..<Int32(columnCount)).map { column in
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
                case SQLITE_FLOAT: .real(sqlite3_column_double(statement, column))
                case SQLITE_TEXT: .text(String(cString: sqlite3_column_text(statement, column)))
                case SQLITE_BLOB: .blob(bytes: Int(sqlite3_column_bytes(statement, column)))
                default: .null
                }
            }
            resultBytes += row.reduce(0) { total, cell in
                if case .text(let text) = cell { return total + 16 + Int64(text.utf8.count) } else { return total + 16 }
            }
            guard resultBytes <= limits.memoryBytes else { throw QueryError.limitReached(.memory(bytes: limits.memoryBytes)) }
            rows.append(row)
        }
        return QueryResult(columns: columns, rows: rows)
    }

    /// The limit that made the last call on `connection` fail, if one did.
    private static func limitReached(_ connection: OpaquePointer, limits: QueryLimits, watch: QueryWatch) -> QueryLimit? {
        if watch.timedOut { return .time(seconds: limits.seconds) }
        switch sqlite3_errcode(connection) & 0xFF {
        case SQLITE_NOMEM, SQLITE_TOOBIG: return .memory(bytes: limits.memoryBytes)
        default: return nil
        }
    }

    /// What the authorizer answers to one action.
    enum Authorization: Equatable {
        case allow
        /// The column reads as NULL.
        case readAsNull
        case refuse(Refusal)
    }

    enum Refusal: Equatable {
        case writes(String)
        case function(String)

        func error(statement: String) -> QueryError {
            switch self {
            case .writes(let reason): .refused(statement: statement, reason: reason)
            case .function(let name): .functionNotAllowed(name)
            }
        }
    }

    private struct ColumnName: Hashable {
        let table: String?
        let column: String?
    }

    /// A PDF's password, kept while its job waits, the secret that keys study names (knowing it,
    /// anyone could hash likely accession numbers until one gives a study's key) and the hashes API
    /// keys are checked against are no one's to read.
    private static let unreadableColumns: Set<ColumnName> = [
        ColumnName(table: "jobs", column: "password"),
        ColumnName(table: "secrets", column: "value"),
        ColumnName(table: "api_keys", column: "secret_sha256"),
    ]

    /// For `SQLITE_READ` and `SQLITE_UPDATE` `first` is the table and `second` the column; for
    /// `SQLITE_FUNCTION` `second` is the function; for `SQLITE_PRAGMA` they are the pragma and its argument.
    static func authorization(action: Int32, first: String?, second: String?) -> Authorization {
        switch action {
        case SQLITE_SELECT, SQLITE_RECURSIVE:
            return .allow
        case SQLITE_READ:
            return unreadableColumns.contains(ColumnName(table: first?.lowercased(), column: second?.lowercased())) ? .readAsNull : .allow
        case SQLITE_FUNCTION:
            let name = second?.lowercased() ?? ""
            return allowedFunctions.contains(name) ? .allow : .refuse(.function(second ?? ""))
        case SQLITE_UPDATE where schemaTables.contains(first?.lowercased() ?? ""):
            // A virtual table (FTS5, json_each, pragma_table_info) declares its columns the first
            // time a connection uses it, which SQLite authorizes as an update of the schema table.
            // Nothing is written: the connection is read-only and query_only, and a statement
            // that updates the schema table itself is refused by SQLite before this is asked.
            return .allow
        default:
            return refusalReason(action: action, name: first, argument: second).map { .refuse(.writes($0)) } ?? .allow
        }
    }

    /// Why an action other than reading or calling a function is refused, or nil when it only reads.
    private static func refusalReason(action: Int32, name: String?, argument: String? = nil) -> String? {
        switch action {
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

    private static let schemaTables: Set<String> = ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"]

    /// Functions that only compute from their arguments and the rows. Left out: load_extension,
    /// fts3_tokenizer (it hands out and takes C pointers), fts5 (a C pointer), optimize (it
    /// merges an FTS index), the rtree checks, sqlite_log, and anything not named here.
    static let allowedFunctions: Set<String> = [
        // core scalar
        "abs", "changes", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "if", "ifnull", "iif", "instr",
        "last_insert_rowid", "length", "like", "likelihood", "likely", "lower", "ltrim", "max", "min", "nullif", "octet_length",
        "printf", "quote", "random", "randomblob", "replace", "round", "rtrim", "sign", "soundex", "sqlite_compileoption_get",
        "sqlite_compileoption_used", "sqlite_source_id", "sqlite_version", "substr", "substring", "subtype", "total_changes",
        "trim", "typeof", "unhex", "unicode", "unlikely", "upper", "zeroblob",
        // aggregate
        "avg", "count", "group_concat", "string_agg", "sum", "total", "median", "percentile", "percentile_cont", "percentile_disc",
        // window
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value",
        "nth_value",
        // date and time
        "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff", "current_date", "current_time",
        "current_timestamp",
        // math
        "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos", "cosh", "degrees", "exp", "floor",
        "ln", "log", "log10", "log2", "mod", "pi", "pow", "power", "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
        // JSON
        "->", "->>", "json", "json_array", "json_array_length", "json_error_position", "json_extract", "json_group_array",
        "json_group_object", "json_insert", "json_object", "json_patch", "json_pretty", "json_quote", "json_remove",
        "json_replace", "json_set", "json_type", "json_valid", "jsonb", "jsonb_array", "jsonb_extract", "jsonb_group_array",
        "jsonb_group_object", "jsonb_insert", "jsonb_object", "jsonb_patch", "jsonb_remove", "jsonb_replace", "jsonb_set",
        // full-text search
        "match", "bm25", "highlight", "snippet", "offsets", "matchinfo", "fts5_source_id",
    ]

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

/// What the authorizer and the progress handler learn while a statement is prepared and run.
private final class QueryWatch {
    let deadline: UInt64
    var refusal: ReadOnlyQuery.Refusal?
    var timedOut = false

    init(deadline: UInt64) {
        self.deadline = deadline
    }
}
