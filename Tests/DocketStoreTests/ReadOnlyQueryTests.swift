import DocketModel
@testable import DocketStore
import Foundation
import GRDB
import Testing

@Suite struct ReadOnlyQueryTests {
    /// A database with one read document, one job and one answer.
    private func populatedStore() throws -> SQLiteStore {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        try store.database.write { db in
            let id = try SQLiteStore.insertDocument(db, content: .bytes([1, 2, 3]), sha256: "abc", mediaType: .pdf, originalName: "a.pdf", now: 0).id
            try db.execute(sql: "INSERT INTO jobs (document_id, run_at, created_at) VALUES (?, 0, 0)", arguments: [id])
            try SQLiteStore.replacePages(db, document: id, with: [
                Page(number: 1, width: 100, height: 100, source: .textLayer,
                     words: [Word(text: "Total", box: Box(x0: 0, y0: 0, x1: 10, y1: 10), confidence: 100)],
                     lines: [Line(wordIndices: [0], box: Box(x0: 0, y0: 0, x1: 10, y1: 10), text: "Total")]),
            ])
            try SQLiteStore.insertAnswers(db, document: id, job: nil, answers: [.notFound("Vendor?")], now: 0)
        }
        return store
    }

    /// Everything a statement could change: every table's rows and the schema.
    private func snapshot(_ store: SQLiteStore) throws -> [String] {
        try store.database.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'page_search%' ORDER BY name")
            let schema = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            let counts = try tables.map { "\($0): \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\($0)\"") ?? -1)" }
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1
            return schema + counts + ["user_version \(version)"]
        }
    }

    @Test(arguments: [
        "INSERT INTO jobs (document_id, run_at, created_at) VALUES (1, 0, 0)",
        "REPLACE INTO answers (id, document_id, question, confidence, created_at) VALUES (1, 1, 'q', 1, 0)",
        "UPDATE jobs SET state = 'dead'",
        "DELETE FROM answers",
        "DROP TABLE answers",
        "DROP VIEW docket_documents",
        "CREATE TABLE notes (text TEXT)",
        "CREATE TEMP TABLE scratch (x)",
        "CREATE INDEX answers_by_question ON answers (question)",
        "ALTER TABLE documents ADD COLUMN note TEXT",
        "ATTACH DATABASE '/tmp/docket-attached.sqlite' AS other",
        "PRAGMA writable_schema = 1",
        "PRAGMA user_version = 7",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA query_only = 0",
        "VACUUM",
        "VACUUM INTO '/tmp/docket-vacuum-copy.sqlite'",
        "REINDEX",
        "ANALYZE",
        "BEGIN IMMEDIATE",
        "SAVEPOINT edit",
        "WITH doomed AS (SELECT id FROM jobs) DELETE FROM jobs WHERE id IN (SELECT id FROM doomed)",
        "WITH doomed AS (SELECT id FROM jobs) UPDATE jobs SET priority = 9 WHERE id IN doomed",
        "INSERT INTO page_search (page_search) VALUES ('delete-all')",
        "SELECT load_extension('/tmp/evil.so')",
        "SELECT 1; DELETE FROM jobs",
        "UPDATE sqlite_master SET sql = NULL",
        "DELETE FROM sqlite_master",
        "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x (y)')",
        "SELECT optimize(page_search) FROM page_search",
    ])
    func everyWriteIsRefusedAndChangesNothing(statement: String) throws {
        let store = try populatedStore()
        let before = try snapshot(store)
        #expect(throws: QueryError.self) { try ReadOnlyQuery.run(statement, databasePath: store.path) }
        #expect(try snapshot(store) == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/docket-vacuum-copy.sqlite"))
    }

    @Test func aWriteIsRefusedWithAMessageThatSaysWhatToDo() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.refused(statement: "DELETE FROM answers", reason: "it deletes from answers")) {
            try ReadOnlyQuery.run("DELETE FROM answers", databasePath: store.path)
        }
        let message = QueryError.refused(statement: "DELETE FROM answers", reason: "it deletes from answers").description
        #expect(message.contains("Nothing was changed") && message.contains("SELECT"))
    }

    @Test func readsTheViewsWithTheirTypes() throws {
        let store = try populatedStore()
        let documents = try ReadOnlyQuery.run("SELECT id, name, bytes, pages, words, type FROM docket_documents", databasePath: store.path)
        #expect(documents.columns == ["id", "name", "bytes", "pages", "words", "type"])
        #expect(documents.rows == [[.integer(1), .text("a.pdf"), .integer(3), .integer(1), .integer(1), .null]])
        for view in ["docket_pages", "docket_fields", "docket_answers", "docket_jobs"] {
            _ = try ReadOnlyQuery.run("SELECT * FROM \(view)", databasePath: store.path)
        }
        let pragma = try ReadOnlyQuery.run("PRAGMA table_info(docket_answers)", databasePath: store.path)
        #expect(pragma.rows.count > 5)
        let recursive = try ReadOnlyQuery.run(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT sum(x) FROM n", databasePath: store.path)
        #expect(recursive.rows == [[.integer(6)]])
    }

    @Test func aStatementThatIsNotSQLSaysSo() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.self) { try ReadOnlyQuery.run("SELEKT 1", databasePath: store.path) }
        #expect(throws: QueryError.self) { try ReadOnlyQuery.run("SELECT * FROM no_such_table", databasePath: store.path) }
    }

    @Test func aRunawayQueryStopsAtItsTimeLimit() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.limitReached(.time(seconds: 0.2))) {
            try ReadOnlyQuery.run(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
                databasePath: store.path, limits: QueryLimits(seconds: 0.2))
        }
        #expect(QueryError.limitReached(.time(seconds: 30)).description.contains("--timeout"))
    }

    @Test func aQueryReturningMoreRowsThanItsLimitStops() throws {
        let store = try populatedStore()
        let tenRows = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) SELECT x FROM n"
        #expect(try ReadOnlyQuery.run(tenRows, databasePath: store.path, limits: QueryLimits(rows: 10)).rows.count == 10)
        #expect(throws: QueryError.limitReached(.rows(9))) {
            try ReadOnlyQuery.run(tenRows, databasePath: store.path, limits: QueryLimits(rows: 9))
        }
        #expect(QueryError.limitReached(.rows(9)).description.contains("--max-rows"))
        #expect(QueryError.limitReached(.memory(bytes: 512 << 20)).description.contains("512 MiB") )
        #expect(QueryError.limitReached(.memory(bytes: 512 << 20)).description.contains("--memory-limit"))
    }

    @Test func aValueLongerThanTheMemoryLimitIsRefused() throws {
        let store = try populatedStore()
        #expect(throws: QueryError.limitReached(.memory(bytes: 512 << 20))) {
            try ReadOnlyQuery.run("SELECT length(randomblob(1000000000))", databasePath: store.path)
        }
    }

    @Test(arguments: ["fts3_tokenizer('simple')", "fts3_tokenizer('evil', x'0000000000000000')", "load_extension('x')", "fts5(NULL)",
                      "sqlite_log(1, 'x')", "rtreenode(2, x'00')"])
    func functionsOffTheListAreRefusedByName(call: String) throws {
        let store = try populatedStore()
        let name = String(call.prefix { $0 != "(" })
        #expect(throws: QueryError.functionNotAllowed(name)) { try ReadOnlyQuery.run("SELECT \(call)", databasePath: store.path) }
        #expect(QueryError.functionNotAllowed(name).description.contains("does not allow the function \(name)()"))
    }

    @Test func theUsualFunctionsAreAllowed() throws {
        let store = try populatedStore()
        let result = try ReadOnlyQuery.run("""
            SELECT abs(-2), upper('a'), json_extract('{"a": 3}', '$.a'), '{"b": 4}' ->> '$.b', date('2026-03-14', '+1 day'),
                   round(sqrt(16.0)), row_number() OVER (), count(*), group_concat(name), typeof(NULL), 'ab' LIKE 'A%'
            FROM docket_documents
            """, databasePath: store.path)
        #expect(result.rows == [[.integer(2), .text("A"), .integer(3), .integer(4), .text("2026-03-15"), .real(4), .integer(1),
                                 .integer(1), .text("a.pdf"), .text("null"), .integer(1)]])
    }

    @Test func fullTextSearchTableFunctionsAndPragmaFunctionsRead() throws {
        let store = try populatedStore()
        let match = try ReadOnlyQuery.run(
            "SELECT highlight(page_search, 0, '[', ']') FROM page_search WHERE page_search MATCH 'total'", databasePath: store.path)
        #expect(match.rows == [[.text("[Total]")]])
        let columns = try ReadOnlyQuery.run("SELECT name FROM pragma_table_info('jobs') WHERE name = 'state'", databasePath: store.path)
        #expect(columns.rows == [[.text("state")]])
        let items = try ReadOnlyQuery.run("SELECT sum(value) FROM json_each('[1, 2, 3]')", databasePath: store.path)
        #expect(items.rows == [[.integer(6)]])
    }

    @Test func aJobsPasswordReadsAsNull() throws {
        let store = try populatedStore()
        try store.database.write { db in try db.execute(sql: "UPDATE jobs SET password = 'hunter2'") }
        #expect(try ReadOnlyQuery.run("SELECT password FROM jobs", databasePath: store.path).rows == [[.null]])
        #expect(try ReadOnlyQuery.run("SELECT count(*) FROM jobs WHERE password = 'hunter2'", databasePath: store.path).rows == [[.integer(0)]])
        let everything = try ReadOnlyQuery.run("SELECT * FROM jobs", databasePath: store.path)
        #expect(!everything.rows.joined().contains(.text("hunter2")))
    }

    @Test func anAPIKeysHashReadsAsNull() throws {
        let store = try populatedStore()
        _ = try store.createAPIKey(name: "erp", scope: .submit, secretSHA256: String(repeating: "ab", count: 32))
        #expect(try ReadOnlyQuery.run("SELECT name, secret_sha256 FROM api_keys", databasePath: store.path).rows == [[.text("erp"), .null]])
        #expect(try ReadOnlyQuery.run("SELECT count(*) FROM api_keys WHERE secret_sha256 IS NOT NULL", databasePath: store.path).rows
            == [[.integer(0)]])
    }

    @Test func theStudyKeySecretReadsAsNull() throws {
        let store = try populatedStore()
        #expect(try ReadOnlyQuery.run("SELECT count(*) FROM secrets WHERE value IS NOT NULL", databasePath: store.path).rows == [[.integer(0)]])
        #expect(try ReadOnlyQuery.run("SELECT value FROM secrets", databasePath: store.path).rows == [[.null]])
        let secret = try store.database.read { db in try Data.fetchOne(db, sql: "SELECT value FROM secrets") }
        #expect(secret?.count == 32)
    }
}
