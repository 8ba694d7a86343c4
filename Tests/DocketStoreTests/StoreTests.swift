import DocketModel
@testable import DocketStore
import Foundation
import GRDB
import Testing

func temporaryDatabasePath() -> String {
    let folder = FileManager.default.temporaryDirectory.appending(path: "docket-tests-\(UUID().uuidString)")
    return folder.appending(path: "docket.sqlite").path
}

@Suite struct StoreTests {
    @Test func createsTheDatabaseAndItsFolderAndRecordsEveryMigration() throws {
        let path = temporaryDatabasePath()
        let store = try SQLiteStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.appliedMigrations() == SQLiteStore.knownMigrations)
        #expect(try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func opensAnExistingDatabaseAgain() throws {
        let path = temporaryDatabasePath()
        _ = try SQLiteStore(path: path)
        #expect(try SQLiteStore(path: path).appliedMigrations() == SQLiteStore.knownMigrations)
    }

    @Test func refusesADatabaseMigratedByANewerDocket() throws {
        let path = temporaryDatabasePath()
        let store = try SQLiteStore(path: path)
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        }
        #expect(throws: StoreError.migratedByNewerDocket(path: path, unknownMigrations: ["9999_from_the_future"])) {
            try SQLiteStore(path: path)
        }
    }

    @Test func explainsADatabaseItCannotOpen() throws {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/proc/docket-cannot-write-here/docket.sqlite") }
    }

    @Test(arguments: Backend.allCases) func storesAndReadsBackPagesWordsAndLines(backend: Backend) throws {
        let store = try backend.makeStore()
        let words = [
            Word(text: "Total:", box: Box(x0: 72, y0: 100, x1: 110, y1: 112), confidence: 100),
            Word(text: "5.00", box: Box(x0: 115, y0: 100, x1: 140, y1: 112), confidence: 91),
            Word(text: "Thanks", box: Box(x0: 72, y0: 130, x1: 120, y1: 142), confidence: 88),
        ]
        let lines = [
            Line(wordIndices: [0, 1], box: Box(x0: 72, y0: 100, x1: 140, y1: 112), text: "Total: 5.00"),
            Line(wordIndices: [2], box: Box(x0: 72, y0: 130, x1: 120, y1: 142), text: "Thanks"),
        ]
        let page = Page(number: 1, width: 612, height: 792, source: .ocr, words: words, lines: lines)
        let id = try storeReadDocument(store, name: "a.png", content: [1, 2, 3], pages: [page])
        #expect(try store.pages(of: id) == [page])
        let summary = try store.summary(of: id)
        #expect(summary.pageCount == 1)
        #expect(summary.wordCount == 3)
        #expect(summary.sources == [.ocr])
        #expect(abs(summary.meanConfidence! - (100 + 91 + 88) / 3) < 0.001)
    }

    @Test(arguments: Backend.allCases) func keepsWhereEachWordOfAMixedPageCameFrom(backend: Backend) throws {
        let store = try backend.makeStore()
        let words = [
            Word(text: "Total", box: Box(x0: 72, y0: 100, x1: 100, y1: 112), confidence: 100),
            Word(text: "PAID", box: Box(x0: 72, y0: 130, x1: 120, y1: 150), confidence: 93, source: .ocr),
        ]
        let page = Page(number: 1, width: 612, height: 792, source: .textLayer, words: words, lines: [
            Line(wordIndices: [0], box: words[0].box, text: "Total"), Line(wordIndices: [1], box: words[1].box, text: "PAID"),
        ])
        let id = try storeReadDocument(store, name: "m.pdf", content: [4], pages: [page])
        let read = try store.pages(of: id)
        #expect(read == [page])
        #expect(read[0].words.map(\.source) == [nil, .ocr])
    }

    @Test(arguments: Backend.allCases) func readingAgainReplacesTheResultsInsteadOfAddingToThem(backend: Backend) throws {
        let store = try backend.makeStore()
        let page = Page(number: 1, width: 10, height: 10, source: .textLayer,
                        words: [Word(text: "a", box: Box(x0: 0, y0: 0, x1: 1, y1: 1), confidence: 100)],
                        lines: [Line(wordIndices: [0], box: Box(x0: 0, y0: 0, x1: 1, y1: 1), text: "a")])
        let id = try storeReadDocument(store, name: "x.pdf", content: [1], pages: [page])
        try writeResults(store) { writer in try writer.replacePages(of: id, with: [page]) }
        #expect(try store.pages(of: id).count == 1)
        #expect(try count("SELECT count(*) FROM words", in: store) == 1)
    }

    @Test func theSameBytesAreStoredOnce() throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let (first, second) = try store.database.write { db in
            (try SQLiteStore.insertDocument(db, content: .bytes([9]), sha256: "same", mediaType: .pdf, originalName: "a.pdf", now: 0),
             try SQLiteStore.insertDocument(db, content: .bytes([9]), sha256: "same", mediaType: .pdf, originalName: "b.pdf", now: 0))
        }
        #expect(first.id == second.id)
        #expect(!first.reused && second.reused)
    }

    @Test(arguments: Backend.allCases) func answersKeepTheirEvidenceAndValue(backend: Backend) throws {
        let store = try backend.makeStore()
        let found = Answer(question: "Total?", text: "RM 5,00", value: NormalizedValue(kind: .amount, text: "5.00", unit: "MYR"), confidence: 0.7,
                           evidence: Evidence(page: 2, box: Box(x0: 1, y0: 2, x1: 3, y1: 4), wordIndices: [7, 8]))
        let id = try storeReadDocument(store, name: "y.pdf", content: [1], pages: [])
        try writeResults(store) { writer in try writer.insertAnswers([found, .notFound("Vendor?")], of: id, job: nil) }
        #expect(try store.answers(of: id) == [.notFound("Vendor?"), found])
        #expect(try store.answers(of: DocumentFilter(document: id)).map(\.answer) == [found, .notFound("Vendor?")])
        #expect(try store.answers(of: DocumentFilter(), minimumConfidence: 0.5).map(\.answer) == [found])
    }

    @Test(arguments: Backend.allCases) func aReadDocumentGivesBackItsBytesPagesAndFields(backend: Backend) throws {
        let store = try backend.makeStore()
        let total = Word(text: "9.50", box: Box(x0: 10, y0: 10, x1: 40, y1: 20), confidence: 95)
        let page = Page(number: 1, width: 100, height: 100, source: .textLayer, words: [total],
                        lines: [Line(wordIndices: [0], box: total.box, text: "9.50")])
        let field = DocumentField(name: "total", answer: Answer(
            question: "total", text: "9.50", value: NormalizedValue(kind: .amount, text: "9.50", unit: nil), confidence: 0.9,
            evidence: Evidence(page: 1, box: total.box, wordIndices: [0])))
        try store.insertReadDocuments([
            ReadDocument(content: Array("receipt".utf8), sha256: "read", mediaType: .plainText, originalName: "r.txt",
                         submittedAt: 5, pages: [page], type: .receipt, fields: [field]),
            ReadDocument(content: Array("letter".utf8), sha256: "unread", mediaType: .plainText, originalName: "l.txt",
                         submittedAt: 6, pages: [], type: .letter, fields: []),
        ])
        let read = try #require(try store.readDocument(sha256: "read"))
        let (mediaType, content) = try store.content(of: read)
        #expect(mediaType == .plainText && content == Array("receipt".utf8))
        #expect(try store.storedPages(of: read) == [page])
        #expect(try store.fields(named: "total").map(\.field) == [field])
        #expect(try store.document(read).documentType == .receipt)
        let unread = try #require(try store.summaries().first { $0.document.sha256 == "unread" }).document.id
        #expect(try store.storedPages(of: unread) == nil)
        #expect(throws: StoreError.documentNotFound(999)) { try store.content(of: 999) }
        try store.checkpoint()
    }
}
