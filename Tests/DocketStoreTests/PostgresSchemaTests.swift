@testable import DocketStore
import DocketTestDatabases
import Foundation
import GRDB
import PostgresNIO
import Testing

/// The PostgreSQL schema (Migrations/postgres) against the SQLite one it translates, on a real
/// server: the same tables and views with the same columns in the same order, views that print
/// the same values from the same rows, and a read-only role that reads the views and nothing else.
@Suite struct PostgresSchemaTests {
    static let packageFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let views = ["docket_answers", "docket_documents", "docket_fields", "docket_jobs", "docket_pages"]

    @Test func theBuildEmbedsEachStoresMigrationsApart() throws {
        let migrations = Self.packageFolder.appending(path: "Migrations")
        let sqliteFiles = try FileManager.default.contentsOfDirectory(atPath: migrations.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(embeddedMigrations.map(\.name) == sqliteFiles.map { String($0.dropLast(4)) })

        let postgresFiles = try FileManager.default.contentsOfDirectory(atPath: migrations.appending(path: "postgres").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!postgresFiles.isEmpty)
        #expect(embeddedPostgresMigrations.map(\.name) == postgresFiles.map { String($0.dropLast(4)) })
        for (name, text) in embeddedPostgresMigrations {
            let file = try String(contentsOf: migrations.appending(path: "postgres/\(name).sql"), encoding: .utf8)
            #expect(text == file)
        }
    }

    @Test func tablesAndViewsHaveTheColumnsOfTheSQLiteSchema() throws {
        let sqlite = try Self.sqliteStore()
        let postgres = try Self.migratedPostgresDatabase()
        let sqliteColumns = try sqlite.database.read { db in
            try Dictionary(uniqueKeysWithValues: String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
                AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'page\\_search%' ESCAPE '\\' AND name != 'grdb_migrations'
                """).map { name in (name, try db.columns(in: name).map(\.name)) })
        }
        let postgresColumns = try postgres.withConnection { connection in
            var columns: [String: [String]] = [:]
            for row in try connection.query("""
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                """, logger: ThrowawayPostgres.logger).wait() {
                let (table, column) = try row.decode((String, String).self)
                columns[table, default: []].append(column)
            }
            return columns
        }
        #expect(Set(postgresColumns.keys) == Set(sqliteColumns.keys))
        for (table, columns) in sqliteColumns {
            // The full-text index is a column of pages here (a table of its own on SQLite); columns
            // added to pages later come after it.
            let postgresTableColumns = postgresColumns[table] ?? []
            #expect(postgresTableColumns.filter { $0 != "search_vector" } == columns, "\(table)")
            #expect(postgresTableColumns.contains("search_vector") == (table == "pages"), "\(table)")
        }
        #expect(Self.views.allSatisfy { sqliteColumns[$0] != nil })
    }

    @Test func viewsPrintTheSameValuesAsOnSQLite() throws {
        let sqlite = try Self.sqliteStore()
        let postgres = try Self.migratedPostgresDatabase()
        try sqlite.database.write { db in
            for statement in Self.sampleRows(bytes: { "X'\($0)'" }) { try db.execute(sql: statement) }
        }
        try postgres.withConnection { connection in
            for statement in Self.sampleRows(bytes: { "'\\x\($0)'::bytea" }) {
                _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: ThrowawayPostgres.logger).wait()
            }
        }
        for view in Self.views {
            let (columns, sqliteRows) = try sqlite.database.read { db in
                let columns = try db.columns(in: view).map(\.name)
                return (columns, try Row.fetchAll(db, sql: "SELECT * FROM \(view) ORDER BY 1, 2").map { Array($0.databaseValues) })
            }
            let asText = columns.map { "v.\"\($0)\"::text" }.joined(separator: ", ")
            let postgresRows = try postgres.withConnection { connection in
                try connection.query(PostgresQuery(unsafeSQL: "SELECT \(asText) FROM \(view) v ORDER BY 1, 2"), logger: ThrowawayPostgres.logger)
                    .wait().map { row in try row.map { try $0.decode(String?.self) } }
            }
            try #require(sqliteRows.count == postgresRows.count, "\(view)")
            #expect(!sqliteRows.isEmpty, "\(view) has no sample rows")
            for (sqliteRow, postgresRow) in zip(sqliteRows, postgresRows) {
                for (index, (sqliteValue, postgresText)) in zip(sqliteRow, postgresRow).enumerated() {
                    #expect(Self.same(sqliteValue, postgresText), "\(view).\(columns[index]): SQLite \(sqliteValue), PostgreSQL \(postgresText ?? "NULL")")
                }
            }
        }
    }

    @Test func theReaderRoleReadsTheViewsAndNoTable() throws {
        let postgres = try Self.migratedPostgresDatabase()
        let roleFile = try String(contentsOf: Self.packageFolder.appending(path: "deploy/postgres-readonly-role.sql"), encoding: .utf8)
        try Self.psql(postgres, roleFile)
        // Twice: an upgrade runs it again.
        try Self.psql(postgres, roleFile)

        try postgres.withConnection { connection in
            let settings = try connection.query("SELECT unnest(rolconfig) FROM pg_roles WHERE rolname = 'docket_reader'",
                                                logger: ThrowawayPostgres.logger).wait().map { try $0.decode(String.self) }
            #expect(settings.contains("default_transaction_read_only=on"))
            #expect(settings.contains { $0.hasPrefix("statement_timeout=") })

            let tables = try connection.query("""
                SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1
                """, logger: ThrowawayPostgres.logger).wait().map { try $0.decode(String.self) }
            #expect(tables.contains("documents") && tables.contains("secrets"))

            _ = try connection.query("SET ROLE docket_reader", logger: ThrowawayPostgres.logger).wait()
            for view in Self.views {
                _ = try connection.query(PostgresQuery(unsafeSQL: "SELECT * FROM \(view) LIMIT 1"), logger: ThrowawayPostgres.logger).wait()
            }
            for table in tables {
                #expect(try Self.isRefused(connection, "SELECT * FROM \(table) LIMIT 1"), "docket_reader reads \(table)")
                #expect(try Self.isRefused(connection, "DELETE FROM \(table)"), "docket_reader deletes from \(table)")
            }
            #expect(try Self.isRefused(connection, "DELETE FROM docket_jobs"), "docket_reader deletes through a view")
            #expect(try Self.isRefused(connection, "CREATE TABLE planted (id bigint)"), "docket_reader creates a table")
        }
    }

    // MARK: Helpers

    /// A migrated SQLite store in a temporary folder, removed when the store is.
    static func sqliteStore() throws -> SQLiteStore {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        return try SQLiteStore(path: folder.appending(path: "docket.sqlite").path)
    }

    static func migratedPostgresDatabase() throws -> PostgresURL {
        let url = try PostgresURL(ThrowawayPostgres.newDatabase())
        for migration in embeddedPostgresMigrations { try psql(url, migration.text) }
        return url
    }

    /// Runs `script` as an operator would: psql, stopping at the first error, in one transaction.
    static func psql(_ url: PostgresURL, _ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url.string, "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", "--file", "-"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql: \(message)")
    }

    /// True when PostgreSQL refuses `sql` for want of a privilege (42501) or because the
    /// transaction is read-only (25006).
    static func isRefused(_ connection: PostgresConnection, _ sql: String) throws -> Bool {
        do {
            _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: ThrowawayPostgres.logger).wait()
            return false
        } catch let error as PSQLError {
            return ["42501", "25006"].contains(error.serverInfo?[.sqlState] ?? "")
        }
    }

    static func same(_ sqlite: DatabaseValue, _ postgres: String?) -> Bool {
        switch sqlite.storage {
        case .null: postgres == nil
        case .int64(let value): postgres.flatMap { Int64($0) } == value
        case .double(let value): postgres.flatMap { Double($0) } == value
        case .string(let value): postgres == value
        case .blob(let value): postgres == "\\x" + value.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// Rows for every view, in SQL both stores read. Times sit on the edges of SQLite's rounding:
    /// to the millisecond, then down to the second.
    static func sampleRows(bytes: (String) -> String) -> [String] {
        [
            """
            INSERT INTO documents (id, sha256, media_type, byte_count, original_name, created_at, document_type) VALUES
                (1, 'a1', 'application/pdf', 3, 'invoice.pdf', 1764934259.9996, 'invoice'),
                (2, 'b2', 'image/png', 1, 'scan.png', 0, NULL),
                (3, 'c3', 'text/plain', 1, 'letter.txt', 951782400.4994, 'letter')
            """,
            "INSERT INTO document_contents (document_id, content) VALUES (1, \(bytes("010203"))), (2, \(bytes("00"))), (3, \(bytes("00")))",
            "INSERT INTO document_runs (document_id, job_id, seconds, finished_at) VALUES (1, NULL, 2.5, 1764934300.25)",
            """
            INSERT INTO pages (id, document_id, number, width, height, source, mean_confidence, word_count, text) VALUES
                (1, 1, 1, 612, 792, 'ocr', 87.5, 3, 'Résumé für Ärzte'),
                (2, 1, 2, 612, 792, 'text-layer', NULL, 4, 'one two
            three four')
            """,
            """
            INSERT INTO jobs (id, document_id, state, priority, run_at, attempts, created_at, started_at, finished_at, last_error,
                              pages_done, pages_total) VALUES
                (1, 1, 'succeeded', 5, 1, 1, 1764934259.9994, 1764934260, 1764934300.5, NULL, 2, 2),
                (2, 2, 'queued', -3, 2, 0, 86399.9995, NULL, NULL, 'the worker stopped', 0, NULL)
            """,
            """
            INSERT INTO answers (id, document_id, job_id, question, answer, confidence, page, x0, y0, x1, y1, created_at,
                                 value, value_kind, value_unit) VALUES
                (1, 1, 1, 'What is the total?', '12,50 €', 0.75, 1, 1.5, 2.5, 3.5, 4.5, 1764934301, '12.50', 'amount', 'EUR'),
                (2, 3, NULL, 'Who signed?', NULL, 0, NULL, NULL, NULL, NULL, NULL, 59.9999, NULL, NULL, NULL)
            """,
            """
            INSERT INTO fields (id, document_id, job_id, name, text, value, value_kind, value_unit, confidence, page, x0, y0, x1, y1,
                                created_at) VALUES
                (1, 1, 1, 'total', '12,50', '12.50', 'amount', 'EUR', 0.5, 1, 1, 2, 3, 4, 1764934301),
                (2, 3, NULL, 'date', NULL, NULL, NULL, NULL, 0.25, NULL, NULL, NULL, NULL, NULL, 5)
            """,
        ]
    }
}
