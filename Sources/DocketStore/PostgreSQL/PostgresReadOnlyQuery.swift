import Foundation
import NIOCore
import PostgresNIO

/// `docket sql` on PostgreSQL: one statement in a READ ONLY transaction (the server refuses any
/// write), through a cursor so that at most `limits.rows` rows are fetched, stopped by
/// `statement_timeout` at `limits.seconds`. When the database has the views-only role
/// `docket_reader` (deploy/postgres-readonly-role.sql) and the user may take it, the statement
/// runs as that role, which reads the docket_* views and no table. Either way a PDF's password
/// (`jobs.password`) and the study-key secret (`secrets.value`) are not readable: a statement whose
/// plan reads either column is refused, as are functions that run SQL given as text.
enum PostgresReadOnlyQuery {
    static func run(_ sql: String, address: PostgresAddress, limits: QueryLimits) throws -> QueryResult {
        let pool: PostgresConnectionPool
        do { pool = try PostgresConnectionPool(address: address, mostIdle: 0) } catch {
            throw QueryError.cannotOpen(path: address.urlWithoutPassword, reason: "\(error)")
        }
        defer { pool.close() }
        let statement = sql.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
        let summary = statement.split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
        let firstWord = statement.split(whereSeparator: { !$0.isLetter }).first.map { $0.uppercased() } ?? ""
        guard !statement.isEmpty else { throw QueryError.invalid("the statement is empty") }
        guard readingKeywords.contains(firstWord) else {
            guard commandKeywords.contains(firstWord) else { throw QueryError.invalid("syntax error at or near \"\(firstWord)\"") }
            throw QueryError.refused(statement: summary, reason: "\(firstWord) is not a query; only SELECT, WITH, VALUES and TABLE read")
        }
        do {
            return try pool.withConnection { connection in
                do {
                    try connection.run("BEGIN READ ONLY")
                    defer { _ = try? connection.run("ROLLBACK") }
                    let milliseconds = Int64(min(max(0.001, limits.seconds), 1e6) * 1000)
                    let setTimeout = "SET LOCAL statement_timeout = \(milliseconds)"
                    try connection.run(PostgresQuery(unsafeSQL: setTimeout))
                    try takeReaderRole(connection)
                    try refuseUnreadableColumns(statement, connection: connection, summary: summary)
                    try connection.run(PostgresQuery(unsafeSQL: "DECLARE docket_sql NO SCROLL CURSOR FOR " + statement))
                    let rows = try connection.run(PostgresQuery(unsafeSQL: "FETCH \(limits.rows + 1) FROM docket_sql")).rows
                    guard rows.count <= limits.rows else { throw QueryError.limitReached(.rows(limits.rows)) }
                    let columns = try columnNames(statement, rows: rows, connection: connection)
                    var resultBytes: Int64 = 0
                    let cells = try rows.map { row in
                        let cells = row.map(cell)
                        resultBytes += cells.reduce(0) { total, cell in
                            if case .text(let text) = cell { return total + 16 + Int64(text.utf8.count) } else { return total + 16 }
                        }
                        guard resultBytes <= limits.memoryBytes else { throw QueryError.limitReached(.memory(bytes: limits.memoryBytes)) }
                        return cells
                    }
                    return QueryResult(columns: columns, rows: cells)
                }
            }
        } catch let error as QueryError {
            throw error
        } catch let error as PSQLError {
            throw queryError(error, summary: summary, limits: limits)
        } catch let error as StoreError {
            throw QueryError.cannotOpen(path: address.urlWithoutPassword, reason: "\(error)")
        }
    }

    /// Runs the rest of the transaction as `docket_reader` when it exists, was given this
    /// database's views (roles are the cluster's, grants each database's) and this user may take it.
    private static func takeReaderRole(_ connection: PostgresConnection) throws {
        let mayTake = try connection.run("""
            SELECT pg_has_role(current_user, oid, 'MEMBER') AND current_user <> rolname
                   AND has_table_privilege(oid, 'docket_documents', 'SELECT')
            FROM pg_roles WHERE rolname = 'docket_reader'
            """).first?.decode(Bool.self) ?? false
        if mayTake { try connection.run("SET LOCAL ROLE docket_reader") }
    }

    private static let readingKeywords: Set<String> = ["SELECT", "WITH", "VALUES", "TABLE"]
    /// PostgreSQL's other commands: each writes, changes the session or runs something else.
    private static let commandKeywords: Set<String> = [
        "ABORT", "ALTER", "ANALYZE", "BEGIN", "CALL", "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE",
        "DEALLOCATE", "DECLARE", "DELETE", "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT",
        "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE",
        "RESET", "REVOKE", "ROLLBACK", "SAVEPOINT", "SECURITY", "SET", "SHOW", "START", "TRUNCATE", "UNLISTEN", "UPDATE", "VACUUM",
    ]

    private static func queryError(_ error: PSQLError, summary: String, limits: QueryLimits) -> QueryError {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? PostgresStore.message(of: error) ?? "\(error)"
        switch state {
        case "57014": return .limitReached(.time(seconds: limits.seconds))
        // read_only_sql_transaction; a data-modifying WITH; a cursor over something that is not a query.
        case "25006", "0A000": return .refused(statement: summary, reason: message)
        case "42501": return .refused(statement: summary, reason: message)
        case "53200", "54000": return .limitReached(.memory(bytes: limits.memoryBytes))
        case "42601" where message.contains("multiple commands"): return .multipleStatements
        default: return .invalid(message)
        }
    }

    /// Column names from the first row; with no rows, from one row of NULLs that an outer join
    /// on false makes of the statement without running it.
    private static func columnNames(_ statement: String, rows: [PostgresRow], connection: PostgresConnection) throws -> [String] {
        if let first = rows.first { return first.map(\.columnName) }
        let nulls = try connection.run(PostgresQuery(
            unsafeSQL: "SELECT docket_sql.* FROM (SELECT) AS nothing LEFT JOIN (" + statement + "\n) AS docket_sql ON false"))
        return nulls.first.map { $0.map(\.columnName) } ?? []
    }

    /// Refuses a statement whose plan reads `jobs.password` or `secrets.value`, or a whole row of
    /// either table: in a scan's output or its conditions. The plan names the columns each scan
    /// reads, views and SQL functions inlined; `SELECT count(*) FROM jobs` and the docket_* views
    /// read neither.
    private static func refuseUnreadableColumns(_ statement: String, connection: PostgresConnection, summary: String) throws {
        let planCell = try connection.run(PostgresQuery(unsafeSQL: "EXPLAIN (VERBOSE, FORMAT JSON) " + statement)).first?.first
        let plan = planCell?.bytes.map { String(decoding: $0.readableBytesView, as: UTF8.self) } ?? "[]"
        let lowercased = (statement + plan).lowercased()
        if let function = queryRunningFunctions.first(where: { lowercased.contains($0 + "(") }) {
            throw QueryError.functionNotAllowed(function)
        }
        guard let json = try JSONSerialization.jsonObject(with: Data(plan.utf8)) as? [Any] else { return }
        var nodes: [(node: [String: Any], isTop: Bool)] = []
        func collect(_ value: Any, isTop: Bool) {
            if let list = value as? [Any] { list.forEach { collect($0, isTop: isTop) }; return }
            guard let node = value as? [String: Any] else { return }
            if node["Node Type"] != nil { nodes.append((node, isTop)) }
            for (key, child) in node { collect(child, isTop: isTop && key == "Plan") }
        }
        collect(json, isTop: true)
        let scans = nodes.filter { $0.node["Relation Name"] != nil }
        // EXPLAIN qualifies a column by its table's alias only when the statement reads more than one table.
        var patterns: [(pattern: String, relation: String)] = []
        for (node, _) in scans {
            guard let relation = node["Relation Name"] as? String, let column = unreadableColumns[relation] else { continue }
            let alias = NSRegularExpression.escapedPattern(for: node["Alias"] as? String ?? relation)
            patterns.append(("\(alias)\\.(\(column)|\\*)", relation))
            if scans.count == 1 { patterns.append((column, relation)) }
        }
        for (pattern, relation) in patterns {
            let reads = try NSRegularExpression(pattern: "(^|[^A-Za-z0-9_$.])(\(pattern))($|[^A-Za-z0-9_$])")
            for (node, isTop) in nodes {
                // A scan below another node may return every column of its table (a physical tlist)
                // whichever it was asked for; its parent's output says which are read.
                let isInnerScan = node["Relation Name"] != nil && !isTop
                for (key, value) in node where key != "Plans" && key != "Plan" && !(key == "Output" && isInnerScan) {
                    let text = "\(value)"
                    if reads.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                        throw QueryError.refused(statement: summary, reason: "\(relation).\(unreadableColumns[relation] ?? "") is not readable")
                    }
                }
            }
        }
    }

    /// Functions that run SQL given as text, or read outside the database: their reads are not in the plan.
    private static let queryRunningFunctions = [
        "query_to_xml", "query_to_xml_and_xmlschema", "query_to_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
        "table_to_xml", "table_to_xml_and_xmlschema", "table_to_xmlschema", "schema_to_xml", "schema_to_xml_and_xmlschema",
        "database_to_xml", "database_to_xml_and_xmlschema", "ts_stat", "ts_rewrite", "pg_read_file", "pg_read_binary_file",
        "pg_ls_dir", "pg_stat_file", "lo_get", "lo_export", "lo_import", "dblink", "set_config", "pg_terminate_backend",
        "pg_cancel_backend", "pg_advisory_lock", "pg_notify",
    ]

    /// A PDF's password, kept while its job waits, the secret that keys study names, and the hashes
    /// API keys are checked against.
    private static let unreadableColumns = ["jobs": "password", "secrets": "value", "api_keys": "secret_sha256"]

    private static func cell(_ cell: PostgresCell) -> SQLCell {
        guard let bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map(SQLCell.integer) ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(SQLCell.real) ?? .null
        case .numeric:
            return (try? cell.decode(Decimal.self)).map { .real(NSDecimalNumber(decimal: $0).doubleValue) } ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { .integer($0 ? 1 : 0) } ?? .null
        case .bytea:
            return .blob(bytes: bytes.readableBytes)
        default:
            if let text = try? cell.decode(String.self) { return .text(text) }
            return .text(String(decoding: bytes.readableBytesView, as: UTF8.self))
        }
    }
}
