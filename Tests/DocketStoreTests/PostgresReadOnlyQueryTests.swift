import DocketModel
@testable import DocketStore
import DocketTestDatabases
import Foundation
import PostgresNIO
import Testing

/// `docket sql` on PostgreSQL: what ReadOnlyQueryTests proves of SQLite, in PostgreSQL's dialect.
@Suite struct PostgresReadOnlyQueryTests {
    /// A database with one read document, one job with a password and one answer.
    private func populatedStore() throws -> PostgresStore {
        let store = try #require(try Backend.postgres.makeStore() as? PostgresStore)
        let total = Word(text: "Total", box: Box(x0: 0, y0: 0, x1: 10, y1: 10), confidence: 100)
        let id = try storeReadDocument(store, name: "a.pdf", content: [1, 2, 3], pages: [
            Page(number: 1, width: 100, height: 100, source: .textLayer, words: [total],
                 lines: [Line(wordIndices: [0], box: total.box, text: "Total")]),
        ])
        try execute("INSERT INTO jobs (document_id, run_at, created_at, password) VALUES (\(id), 0, 0, 'hunter2')", in: store)
        try writeResults(store) { writer in try writer.insertAnswers([.notFound("Vendor?")], of: id, job: nil) }
        _ = try store.createAPIKey(name: "erp", scope: .submit, secretSHA256: String(repeating: "ab", count: 32))
        return store
    }

    private func run(_ sql: String, in store: PostgresStore, limits: QueryLimits = QueryLimits()) throws -> QueryResult {
        try store.location.runReadOnlyQuery(sql, limits: limits)
    }

    /// Every table's rows, as counts and a checksum of their text.
    private func snapshot(_ store: PostgresStore) throws -> [String] {
        try store.pool.withConnection { connection in
            let tables = try connection.run("""
                SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1
                """).map { try $0.decode(String.self) }
            return try tables.map { table in
                let digest = try connection.run(PostgresQuery(unsafeSQL: """
                    SELECT count(*)::text || ' ' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM \(table) t
                    """)).first?.decode(String.self) ?? ""
                return "\(table): \(digest)"
            }
        }
    }

    @Test(arguments: [
        "INSERT INTO jobs (document_id, run_at, created_at) VALUES (1, 0, 0)",
        "UPDATE jobs SET state = 'dead'",
        "DELETE FROM answers",
        "DROP TABLE answers",
        "CREATE TABLE notes (text text)",
        "ALTER TABLE documents ADD COLUMN note text",
        "WITH doomed AS (DELETE FROM jobs RETURNING id) SELECT * FROM doomed",
        "SELECT 1; DELETE FROM jobs",
        "COMMIT",
        "SET default_transaction_read_only = off",
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "SELECT query_to_xml('SELECT password FROM jobs', true, true, '')",
        "SELECT nextval('jobs_id_seq')",
        "SELECT pg_advisory_lock(1)",
        "TRUNCATE answers",
        "VACUUM",
        "COPY jobs TO '/tmp/docket-copy'",
    ])
    func everyWriteIsRefusedAndChangesNothing(statement: String) throws {
        let store = try populatedStore()
        let before = try snapshot(store)
        #expect(throws: QueryError.self) { try run(statement, in: store) }
        #expect(try snapshot(store) == before)
    }

    @Test func aWriteIsRefusedSoThatDocketSqlExitsAsForARefusal() throws {
        let store = try populatedStore()
        #expect {
            try run("WITH doomed AS (DELETE FROM answers RETURNING id) SELECT * FROM doomed", in: store)
        } throws: { error in
            if case QueryError.refused = error { return true } else { return false }
        }
        #expect {
            try run("DELETE FROM answers", in: store)
        } throws: { error in
            if case QueryError.refused = error { return true } else { return false }
        }
    }

    @Test func readsTheViewsWithTheirTypes() throws {
        let store = try populatedStore()
        let documents = try run("SELECT id, name, bytes, pages, words, type FROM docket_documents", in: store)
        #expect(documents.columns == ["id", "name", "bytes", "pages", "words", "type"])
        #expect(documents.rows == [[.integer(1), .text("a.pdf"), .integer(3), .integer(1), .integer(1), .text("other")]])
        for view in ["docket_pages", "docket_fields", "docket_answers", "docket_jobs"] {
            _ = try run("SELECT * FROM \(view)", in: store)
        }
        let recursive = try run("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT sum(x) FROM n", in: store)
        #expect(recursive.rows == [[.integer(6)]])
        let none = try run("SELECT name, bytes FROM docket_documents WHERE false", in: store)
        #expect(none.columns == ["name", "bytes"] && none.rows.isEmpty)
        let kinds = try run("SELECT 1.5::float8, true, '\\x0102'::bytea, NULL::text, 2::numeric", in: store)
        #expect(kinds.rows == [[.real(1.5), .integer(1), .blob(bytes: 2), .null, .real(2)]])
    }

    @Test func aStatementThatIsNotSQLSaysSo() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.self) { try run("SELEKT 1", in: store) }
        #expect {
            try run("SELECT * FROM no_such_table", in: store)
        } throws: { error in
            if case QueryError.invalid(let message) = error { return message.contains("no_such_table") } else { return false }
        }
    }

    @Test func aRunawayQueryStopsAtItsTimeLimit() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.limitReached(.time(seconds: 0.2))) {
            try run("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n", in: store,
                    limits: QueryLimits(seconds: 0.2))
        }
    }

    @Test func aQueryReturningMoreRowsThanItsLimitStops() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.limitReached(.rows(10))) {
            try run("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n", in: store, limits: QueryLimits(rows: 10))
        }
        let tenRows = "SELECT x FROM generate_series(1, 10) AS x"
        #expect(try run(tenRows, in: store, limits: QueryLimits(rows: 10)).rows.count == 10)
        #expect(throws: QueryError.limitReached(.rows(9))) { try run(tenRows, in: store, limits: QueryLimits(rows: 9)) }
    }

    @Test func aJobsPasswordAndTheStudyKeySecretAreNotReadable() throws {
        let store = try populatedStore()
        for statement in [
            "SELECT password FROM jobs", "SELECT * FROM jobs", "SELECT count(*) FROM jobs WHERE password = 'hunter2'",
            "SELECT j FROM jobs j", "SELECT row_to_json(j) FROM jobs j", "SELECT value FROM secrets",
            "SELECT length(value) FROM secrets", "WITH s AS (SELECT * FROM secrets) SELECT length(value) FROM s",
            "SELECT secret_sha256 FROM api_keys", "SELECT * FROM api_keys",
        ] {
            #expect(throws: QueryError.self, "\(statement)") { try run(statement, in: store) }
        }
        #expect(try run("SELECT count(*) FROM jobs", in: store).rows == [[.integer(1)]])
        #expect(try run("SELECT state FROM jobs", in: store).rows == [[.text("queued")]])
        #expect(try run("SELECT * FROM docket_jobs", in: store).rows.count == 1)
        #expect(try run("SELECT name FROM api_keys", in: store).rows == [[.text("erp")]])
    }

    @Test func theViewsOnlyRoleIsUsedWhenItExists() throws {
        let store = try populatedStore()
        let roleFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "deploy/postgres-readonly-role.sql")
        let script = try String(contentsOf: roleFile, encoding: .utf8)
        // One statement at a time is all the extended protocol takes; PL/pgSQL's EXECUTE runs the whole file.
        try execute("DO $test$ BEGIN EXECUTE $role$\(script)$role$; END $test$", in: store)
        #expect(try run("SELECT current_user::text", in: store).rows == [[.text("docket_reader")]])
        #expect(try run("SELECT name FROM docket_documents", in: store).rows == [[.text("a.pdf")]])
        #expect {
            try run("SELECT original_name FROM documents", in: store)
        } throws: { error in
            if case QueryError.refused = error { return true } else { return false }
        }
    }
}
