import DocketFixtures
import Foundation
import GRDB
import Synchronization
import Testing

/// No crash backtraces from the children that are made to hang and are killed.
private let quiet = ["SWIFT_BACKTRACE": "enable=no"]

/// What a running process writes to a pipe, collected as it comes.
private final class ProcessLog {
    private final class Collected: Sendable {
        let text = Mutex("")
    }

    let pipe = Pipe()
    private let collected = Collected()

    init() {
        let handle = pipe.fileHandleForReading
        let collected = collected
        Thread {
            while case let data = handle.availableData, !data.isEmpty {
                collected.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }.start()
    }

    var text: String { collected.text.withLock { $0 } }
}

/// Holds the test database's write lock from a connection of its own, as another process writing
/// a large result would, until `release()`.
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

@Suite(.serialized) struct WorkerResilienceTests {
    @Test func aHeartbeatThatMeetsALockedDatabaseDoesNotEndTheWorker() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pages = (1...8).map { FixturePage(text: ["Scanned page \($0) of eight"], fontSize: 14) }
        try docket.run(["submit", try scratch.write("long.pdf", Fixtures.scannedPDF(pages))])
        let log = ProcessLog()
        let worker = try docket.start(["worker", "--drain", "--lease", "3"], environment: quiet, stderr: log.pipe)
        try waitFor("a page to be read") { (try jobField(docket, 1, "progress", "pages_done") as? Int ?? 0) >= 1 || !worker.isRunning }
        // Another process writes for longer than the heartbeat waits for the lock (a sixth of the
        // lease), as a large document's results did.
        let lock = try WriteLock(docket.database)
        try waitFor("the heartbeat to meet the lock") { log.text.contains("could not renew its lease") || !worker.isRunning }
        try lock.release()
        worker.waitUntilExit()

        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0, "\(log.text)")
        #expect(log.text.contains("job 1: could not renew its lease (database is locked); trying again"))
        #expect(try jobField(docket, 1, "state") as? String == "succeeded")
        #expect(try jobField(docket, 1, "progress", "pages_done") as? Int == 8)
        // Every attempt has its end recorded, the last one a success.
        #expect(try docket.rows("SELECT count(*) = max(attempt) FROM job_attempts WHERE job_id = 1") == [["1"]])
        #expect(try docket.rows("SELECT outcome FROM job_attempts WHERE job_id = 1 ORDER BY attempt DESC LIMIT 1") == [["succeeded"]])
    }

    @Test func aLeaseThatCannotBeRenewedStopsTheChildAndRecordsWhy() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("one.pdf", Fixtures.textPDF([FixturePage(text: ["hangs"])])), "--max-attempts", "1"])
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "hang-on-page:1"
        let log = ProcessLog()
        let worker = try docket.start(["worker", "--drain", "--lease", "2"], environment: environment, stderr: log.pipe)
        var child: pid_t?
        try waitFor("the job's child to read its page") {
            child = children(of: worker.processIdentifier).first
            let pagesTotal = try jobField(docket, 1, "progress", "pages_total") as? Int
            return (child != nil && pagesTotal == 1) || !worker.isRunning
        }
        // The database stays locked for longer than the lease: another worker could claim the job.
        let lock = try WriteLock(docket.database)
        try waitFor("the worker to give the job up") { log.text.contains("lost its lease") || !worker.isRunning }
        try lock.release()
        worker.waitUntilExit()

        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0, "\(log.text)")
        if let child { #expect(kill(child, 0) != 0, "the child was stopped") }
        #expect(try jobField(docket, 1, "state") as? String == "dead")
        let attempts = try docket.rows("SELECT attempt, outcome, error FROM job_attempts WHERE job_id = 1")
        #expect(attempts.count == 1)
        #expect(attempts.first?.prefix(2) == ["1", "lease-expired"])
        let error = attempts.first?.last ?? ""
        #expect(error.hasPrefix("lost its lease while reading page 1 of 1: it could not be renewed for "), "\(error)")
        #expect(error.hasSuffix(" s (database is locked); the child was stopped and its results discarded"), "\(error)")
    }

    @Test func aClaimThatMeetsALockedDatabaseIsTriedAgain() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        #expect(try docket.run(["migrate"]).status == 0)
        let log = ProcessLog()
        let worker = try docket.start(["worker", "--in-process"], environment: ["DOCKET_BUSY_TIMEOUT": "0.2"], stderr: log.pipe)
        try docket.run(["submit", try scratch.write("first.txt", Array("Total due: 12.00 EUR\n".utf8))])
        try waitFor("the first job to be read") { try jobField(docket, 1, "state") as? String == "succeeded" || !worker.isRunning }
        // The worker is polling the queue now; each look claims, which needs the write lock.
        let lock = try WriteLock(docket.database)
        try waitFor("a claim to meet the lock") { log.text.contains("could not claim a job") || !worker.isRunning }
        try lock.release()
        try docket.run(["submit", try scratch.write("second.txt", Array("Total due: 13.00 EUR\n".utf8))])
        try waitFor("the second job to be read") { try jobField(docket, 2, "state") as? String == "succeeded" || !worker.isRunning }
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()

        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0, "\(log.text)")
        #expect(log.text.contains("worker: could not claim a job (database is locked); trying again in 0.1 s"))
        #expect(try jobField(docket, 2, "state") as? String == "succeeded")
    }

    @Test func aSigtermSentBeforeTheSignalHandlersExistStillStopsTheWorker() throws {
        let docket = DocketProcess()
        #expect(try docket.run(["migrate"]).status == 0)
        let worker = try docket.start(["worker"])
        // As soon as the worker holds SIGTERM back, and so (almost always) before its handler is live.
        try waitFor("the worker to block SIGTERM", timeout: 30) { holdsBackSigterm(worker.processIdentifier) || !worker.isRunning }
        kill(worker.processIdentifier, SIGTERM)
        // A worker that lost the signal would idle forever: end it rather than the test run.
        try waitFor("the worker to stop", timeout: 120) { !worker.isRunning }
        if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit)
        #expect(worker.terminationStatus == 0)
    }

    @Test func aCorruptDatabaseStopsTheWorkerWithOneLine() throws {
        let docket = DocketProcess()
        #expect(try docket.run(["migrate"]).status == 0)
        let handle = try #require(FileHandle(forWritingAtPath: docket.database))
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 64 * 1024))
        try handle.close()
        let result = try docket.run(["worker", "--drain"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
