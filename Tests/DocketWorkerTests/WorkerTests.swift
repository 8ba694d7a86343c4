import DocketFixtures
import DocketModel
import DocketQueue
@testable import DocketStore
import DocketWorker
import Foundation
import GRDB
import Synchronization
import Testing

private func makeQueue() throws -> JobQueue {
    let path = FileManager.default.temporaryDirectory.appending(path: "docket-worker-\(UUID().uuidString)/db.sqlite").path
    return JobQueue(store: try SQLiteStore(path: path), retryPolicy: RetryPolicy(baseDelay: 0.05, maxDelay: 0.1))
}

private func drain(_ queue: JobQueue, concurrency: Int = 2) throws -> [JobOutcome] {
    let outcomes = Mutex<[JobOutcome]>([])
    let worker = Worker(queue: queue, configuration: WorkerConfiguration(concurrency: concurrency, drain: true, pollInterval: 0.05)) { outcome in
        outcomes.withLock { $0.append(outcome) }
    }
    try worker.run()
    return outcomes.withLock { $0 }
}

private let invoice = FixturePage(text: ["ACME Invoice", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"], fontSize: 14)

@Suite struct WorkerTests {
    @Test func readsEveryKindOfInputAndStoresItsWords() throws {
        let queue = try makeQueue()
        let files = [
            SubmittedFile(name: "invoice.pdf", bytes: Fixtures.textPDF([invoice])),
            SubmittedFile(name: "scan.pdf", bytes: Fixtures.scannedPDF([invoice])),
            SubmittedFile(name: "scan.png", bytes: Fixtures.png(invoice)),
            SubmittedFile(name: "scan.jpg", bytes: Fixtures.jpeg(invoice)),
            SubmittedFile(name: "fax.tiff", bytes: Fixtures.multipageTIFF([invoice, FixturePage(text: ["Page two of the fax"], fontSize: 14)])),
            SubmittedFile(name: "report.txt", bytes: Array("FINDINGS\nTotal due: 1,237.60 EUR\n".utf8)),
        ]
        let receipts = try queue.submit(files, options: SubmitOptions(questions: ["What is the total due?"]))
        let outcomes = try drain(queue)
        #expect(outcomes.count == files.count)
        #expect(outcomes.allSatisfy { $0.state == .succeeded })

        let expectedSources: [TextSource] = [.textLayer, .ocr, .ocr, .ocr, .ocr, .plainText]
        for (receipt, source) in zip(receipts, expectedSources) {
            let pages = try queue.store.pages(of: receipt.documentID)
            #expect(pages.first?.source == source, "\(receipt.name)")
            let text = pages.map(\.text).joined(separator: "\n")
            #expect(text.contains("1,237.60"), "\(receipt.name): \(text)")
            let answers = try queue.store.answers(of: receipt.documentID)
            #expect(answers.first?.text == "1,237.60 EUR", "\(receipt.name)")
            #expect(answers.first?.evidence?.page == 1)
            let job = try queue.job(receipt.jobID)
            #expect(job.pagesDone == pages.count && job.pagesTotal == pages.count)
        }
        #expect(try queue.store.pages(of: receipts[4].documentID).count == 2)
    }

    @Test func aDamagedFileFailsWithItsReasonAndTheWorkerGoesOn() throws {
        let queue = try makeQueue()
        let good = Fixtures.textPDF([invoice])
        let damaged = [
            SubmittedFile(name: "truncated.pdf", bytes: Array(good.prefix(200))),
            SubmittedFile(name: "garbage.pdf", bytes: Array("%PDF-1.4\n".utf8) + Array(repeating: 0x41, count: 1000)),
            SubmittedFile(name: "truncated.png", bytes: Array(Fixtures.png(invoice).prefix(300))),
            SubmittedFile(name: "good.pdf", bytes: good),
        ]
        let receipts = try queue.submit(damaged)
        let outcomes = try drain(queue, concurrency: 1)
        #expect(outcomes.count == 4)
        for receipt in receipts.prefix(3) {
            let job = try queue.job(receipt.jobID)
            #expect(job.state == .failed, "\(receipt.name)")
            #expect(job.attempts == 1, "a damaged file is not retried")
            #expect(job.lastError?.isEmpty == false)
        }
        #expect(try queue.job(receipts[3].jobID).state == .succeeded)
        #expect(try queue.store.pages(of: receipts[3].documentID).first?.words.isEmpty == false)
    }

    @Test func anEncryptedPDFIsReadWithThePasswordGivenAtSubmitWhichIsThenForgotten() throws {
        let queue = try makeQueue()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/encrypted-aes256-password-foo.pdf")
        let receipt = try queue.submit([SubmittedFile(name: "secret.pdf", bytes: [UInt8](try Data(contentsOf: url)))],
                                       options: SubmitOptions(password: "foo"))[0]
        _ = try drain(queue)
        #expect(try queue.store.pages(of: receipt.documentID).first?.text == "Secret!")
        let password = try (queue.store as! SQLiteStore).database.read { db in
            try String.fetchOne(db, sql: "SELECT password FROM jobs WHERE id = ?", arguments: [receipt.jobID])
        }
        #expect(password == nil)
    }

    @Test func aSecondSubmitOfTheSameDocumentAnswersFromTheStoredPages() throws {
        let queue = try makeQueue()
        let bytes = Fixtures.scannedPDF([invoice])
        let first = try queue.submit([SubmittedFile(name: "a.pdf", bytes: bytes)])[0]
        _ = try drain(queue)
        let wordsBefore = try queue.store.pages(of: first.documentID)
        let second = try queue.submit([SubmittedFile(name: "b.pdf", bytes: bytes)],
                                      options: SubmitOptions(questions: ["Invoice date"]))[0]
        let outcomes = try drain(queue)
        #expect(second.documentID == first.documentID)
        #expect(outcomes.first?.state == .succeeded)
        #expect(try queue.store.pages(of: first.documentID) == wordsBefore)
        #expect(try queue.store.answers(of: first.documentID).first?.text == "2026-03-14")
    }

    @Test func aStopRequestLetsTheRunningJobFinishAndClaimsNoMore() throws {
        let queue = try makeQueue()
        let pages = (1...6).map { FixturePage(text: ["Page \($0) of a long scan"], fontSize: 14) }
        let receipts = try queue.submit([
            SubmittedFile(name: "long.pdf", bytes: Fixtures.scannedPDF(pages)),
            SubmittedFile(name: "next.txt", bytes: Array("next".utf8)),
        ])
        // A grace longer than reading six scanned pages can take on a loaded machine: past the
        // default 30 s the job is given back to the queue instead, which is right, but not this test.
        let worker = Worker(queue: queue, configuration: WorkerConfiguration(concurrency: 1, pollInterval: 0.05, grace: 600))
        let running = Thread { try? worker.run() }
        running.start()
        while try queue.job(receipts[0].jobID).state != .running { Thread.sleep(forTimeInterval: 0.01) }
        worker.requestStop()
        while running.isExecuting { Thread.sleep(forTimeInterval: 0.02) }
        while try queue.job(receipts[0].jobID).state == .running { Thread.sleep(forTimeInterval: 0.02) }
        #expect(try queue.job(receipts[0].jobID).state == .succeeded)
        #expect(try queue.job(receipts[1].jobID).state == .queued)
    }
}
