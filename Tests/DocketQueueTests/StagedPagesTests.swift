import DocketModel
import DocketQueue
@testable import DocketStore
import Foundation
import GRDB
import Testing

private func makeQueue(clock: ManualClock? = nil) throws -> JobQueue {
    let path = FileManager.default.temporaryDirectory.appending(path: "docket-staged-\(UUID().uuidString)/db.sqlite").path
    return JobQueue(store: try SQLiteStore(path: path, clock: clock?.storeClock ?? .system))
}

/// Pages of `lineCount` lines of three words each, the last page with a layout.
private func pages(count: Int, lineCount: Int) -> [Page] {
    (1...count).map { number in
        var words: [Word] = []
        var lines: [Line] = []
        for lineNumber in 0..<lineCount {
            let top = 36 + Double(lineNumber) * 14
            let first = words.count
            for column in 0..<3 {
                let box = Box(x0: 36 + Double(column) * 50, y0: top, x1: 80 + Double(column) * 50, y1: top + 14)
                words.append(Word(text: "p\(number)l\(lineNumber)w\(column)", box: box, confidence: 90 + Double(column),
                                  source: column == 0 ? .ocr : nil))
            }
            let lineWords = words[first...]
            lines.append(Line(wordIndices: Array(first..<words.count), box: lineWords.dropFirst().reduce(lineWords.first!.box) { $0.union($1.box) },
                              text: lineWords.map(\.text).joined(separator: " ")))
        }
        let layout = number == count
            ? PageLayout(blocks: [LayoutBlock(kind: .text, box: Box(x0: 36, y0: 36, x1: 180, y1: 50), lineIndices: [0],
                                              wordIndices: [0, 1, 2], readingOrder: 0)],
                         tables: [], keyValues: [], checkboxes: [])
            : nil
        return Page(number: number, width: 612, height: 792, source: .plainText, words: words, lines: lines, layout: layout)
    }
}

/// Holds the database's write lock from a connection of its own until `release()`.
private final class WriteLock {
    private let connection: DatabaseQueue

    init(_ path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        connection = try DatabaseQueue(path: path, configuration: configuration)
        try connection.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    }

    func release() throws {
        try connection.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
    }
}

@Suite struct StagedPagesTests {
    @Test func stagedPagesAreStoredAsTheyWereRead() throws {
        let queue = try makeQueue()
        let receipt = try queue.submit([SubmittedFile(name: "a.txt", bytes: Array("a".utf8))])[0]
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        // Staging batches rows; 3 x 9,000 words on a page cross a batch.
        let read = pages(count: 3, lineCount: 9_000)
        let staged = try queue.store.stage(read)
        defer { try? queue.store.discard(staged) }
        #expect(try queue.complete(job) { results in try results.replacePages(of: receipt.documentID, withStaged: staged) })
        #expect(try queue.store.pages(of: receipt.documentID) == read)
        let searched = try (queue.store as! SQLiteStore).database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM page_search WHERE page_search MATCH 'p2l8999w2'")
        }
        #expect(searched == 1)
    }

    @Test func stagingTakesNoLockOnTheDatabase() throws {
        let queue = try makeQueue()
        let receipt = try queue.submit([SubmittedFile(name: "a.txt", bytes: Array("a".utf8))])[0]
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        let read = pages(count: 2, lineCount: 50)
        let lock = try WriteLock((queue.store as! SQLiteStore).path)
        // Another process writing (here: holding the lock) does not keep the pages from being staged.
        let staged = try queue.store.stage(read)
        try lock.release()
        defer { try? queue.store.discard(staged) }
        #expect(try queue.complete(job) { results in try results.replacePages(of: receipt.documentID, withStaged: staged) })
        #expect(try queue.store.pages(of: receipt.documentID) == read)
    }

    @Test func aCompletionByAWorkerThatLostItsLeaseWritesNothing() throws {
        let clock = ManualClock()
        let queue = try makeQueue(clock: clock)
        let receipt = try queue.submit([SubmittedFile(name: "a.txt", bytes: Array("a".utf8))])[0]
        let stale = try #require(try queue.claim(worker: "a", lease: 60))
        let staged = try queue.store.stage(pages(count: 2, lineCount: 20))
        defer { try? queue.store.discard(staged) }
        clock.advance(by: 61)
        let current = try #require(try queue.claim(worker: "b", lease: 60))
        #expect(try !queue.complete(stale) { results in try results.replacePages(of: receipt.documentID, withStaged: staged) })
        let counts = try (queue.store as! SQLiteStore).database.read { db in
            try ["pages", "lines", "words", "layout_blocks"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") }
        }
        #expect(counts == [0, 0, 0, 0])
        #expect(try queue.job(current.id).state == .running)
        #expect(try (queue.store as! SQLiteStore).database.read { db in
            try String.fetchAll(db, sql: "SELECT outcome FROM job_attempts ORDER BY attempt")
        } == ["lease-expired"])
    }

    @Test func aLostLeaseIsRecordedWithItsReasonWhoeverNoticesFirst() throws {
        let clock = ManualClock()
        let queue = try makeQueue(clock: clock)
        _ = try queue.submit([SubmittedFile(name: "a.txt", bytes: Array("a".utf8))], options: SubmitOptions(maxAttempts: 3))
        let first = try #require(try queue.claim(worker: "a", lease: 60))
        #expect(try queue.recordLostLease(first, reason: "could not renew it") == .queued)
        clock.advance(by: RetryPolicy().delay(after: first.attempt, random: 1))
        let second = try #require(try queue.claim(worker: "a", lease: 60))
        clock.advance(by: 61)
        _ = try queue.claim(worker: "b", lease: 60)   // reclaims the second attempt first
        #expect(try queue.recordLostLease(second, reason: "could not renew it either") == nil)
        let attempts = try (queue.store as! SQLiteStore).database.read { db in
            try Row.fetchAll(db, sql: "SELECT attempt, outcome, error FROM job_attempts ORDER BY attempt").map {
                [String(describing: $0["attempt"] as Int), $0["outcome"] as String, $0["error"] as String? ?? ""]
            }
        }
        #expect(attempts == [
            ["1", "lease-expired", "could not renew it"],
            ["2", "lease-expired", "could not renew it either"],
        ])
    }
}
