import DocketModel
import DocketQueue
@testable import DocketStore
import DocketTestDatabases
import Foundation
import GRDB
import Synchronization
import Testing

/// Every queue test runs on each backend: the queue must behave the same on both.
enum Backend: CaseIterable, Sendable {
    case sqlite, postgres
}

private func makeStore(_ backend: Backend, clock: ManualClock? = nil) throws -> any Store {
    switch backend {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appending(path: "docket-queue-\(UUID().uuidString)/db.sqlite").path
        return try SQLiteStore(path: path, clock: clock?.storeClock ?? .system)
    case .postgres:
        return try PostgresStore(address: PostgresAddress(url: ThrowawayPostgres.newDatabase()), clock: clock?.storeClock ?? .system)
    }
}

private func makeQueue(_ backend: Backend, retry: RetryPolicy = RetryPolicy(), clock: ManualClock? = nil) throws -> JobQueue {
    JobQueue(store: try makeStore(backend, clock: clock), retryPolicy: retry)
}

private func text(_ string: String, name: String = "note.txt") -> SubmittedFile {
    SubmittedFile(name: name, bytes: Array(string.utf8))
}

@Suite struct JobQueueTests {
    @Test(arguments: Backend.allCases) func submitStoresTheBytesAndQueuesAJob(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let receipts = try queue.submit([text("hello")], options: SubmitOptions(questions: ["What?"]))
        #expect(receipts.count == 1)
        let job = try queue.job(receipts[0].jobID)
        #expect(job.state == .queued)
        #expect(job.questions == ["What?"])
        #expect(receipts[0].mediaType == "text/plain")
        #expect(receipts[0].sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    }

    @Test(arguments: Backend.allCases) func theLanguageSubmittedIsTheLanguageClaimed(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let german = try queue.submit([text("Rechnung")], options: SubmitOptions(language: try OCRLanguage("deu+eng")))[0]
        let english = try queue.submit([text("Invoice")])[0]
        #expect(try queue.job(german.jobID).language.description == "deu+eng")
        #expect(try queue.job(english.jobID).language == .english)
        let claimed = try queue.claim(worker: "w", lease: 60, limit: 2)
        #expect(Dictionary(uniqueKeysWithValues: claimed.map { ($0.id, $0.language.description) })
                == [german.jobID: "deu+eng", english.jobID: "eng"])
        let handedOver = try #require(claimed.first { $0.id == german.jobID })
        #expect(try queue.claimedJob(german.jobID, leaseToken: handedOver.leaseToken)?.language.codes == ["deu", "eng"])
    }

    @Test(arguments: Backend.allCases) func theSameBytesReuseTheDocumentButGetTheirOwnJob(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let first = try queue.submit([text("same", name: "a.txt")])[0]
        let second = try queue.submit([text("same", name: "b.txt")])[0]
        #expect(first.documentID == second.documentID)
        #expect(second.reusedDocument)
        #expect(first.jobID != second.jobID)
    }

    @Test(arguments: Backend.allCases) func anUnsupportedFileRefusesTheWholeSubmitAndStoresNothing(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let garbage = SubmittedFile(name: "blob.bin", bytes: [0x00, 0x01, 0x02, 0xFF, 0xFE])
        #expect(throws: SubmitError.unsupportedType(name: "blob.bin")) {
            try queue.submit([text("fine"), garbage])
        }
        #expect(throws: SubmitError.empty(name: "empty.pdf")) {
            try queue.submit([SubmittedFile(name: "empty.pdf", bytes: [])])
        }
        #expect(try queue.jobs().isEmpty)
        if let sqlite = queue.store as? SQLiteStore {
            #expect(try sqlite.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") } == 0)
        }
    }

    @Test(arguments: Backend.allCases) func anIdempotencyKeyReturnsTheFirstJob(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let first = try queue.submit([text("one")], options: SubmitOptions(idempotencyKey: "k1"))[0]
        let again = try queue.submit([text("two")], options: SubmitOptions(idempotencyKey: "k1"))[0]
        #expect(again.jobID == first.jobID)
        #expect(again.reusedJob)
        #expect(try queue.jobs().count == 1)
    }

    @Test(arguments: Backend.allCases) func claimsTheHighestPriorityThenTheOldest(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let low = try queue.submit([text("low")])[0]
        let high = try queue.submit([text("high")], options: SubmitOptions(priority: 5))[0]
        let lowToo = try queue.submit([text("low too")])[0]
        #expect(try queue.claim(worker: "w", lease: 60)?.id == high.jobID)
        #expect(try queue.claim(worker: "w", lease: 60)?.id == low.jobID)
        #expect(try queue.claim(worker: "w", lease: 60)?.id == lowToo.jobID)
        #expect(try queue.claim(worker: "w", lease: 60) == nil)
    }

    @Test(arguments: Backend.allCases) func oneClaimTakesSeveralJobsMostUrgentFirstEachUnderItsOwnLease(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let low = try queue.submit([text("low")])[0]
        let high = try queue.submit([text("high")], options: SubmitOptions(priority: 5))[0]
        let middle = try queue.submit([text("middle")], options: SubmitOptions(priority: 2))[0]
        let lowToo = try queue.submit([text("low too")])[0]
        let delayed = try queue.submit([text("later")], options: SubmitOptions(notBefore: Date().timeIntervalSince1970 + 3_600))[0]

        let first = try queue.claim(worker: "w", lease: 60, limit: 3)
        #expect(first.map(\.id) == [high.jobID, middle.jobID, low.jobID])
        #expect(Set(first.map(\.leaseToken)).count == 3)
        #expect(first.allSatisfy { $0.attempt == 1 && $0.worker == "w" })
        let second = try queue.claim(worker: "w", lease: 60, limit: 3)
        #expect(second.map(\.id) == [lowToo.jobID])
        #expect(try queue.claim(worker: "w", lease: 60, limit: 3).isEmpty)

        // Each lease fences its own job: completing one leaves the others running.
        #expect(try queue.complete(first[1], writeResults: { _ in }))
        var underAnotherJobsLease = first[0]
        underAnotherJobsLease.leaseToken = first[2].leaseToken
        #expect(!(try queue.complete(underAnotherJobsLease, writeResults: { _ in })))
        #expect(try queue.job(high.jobID).state == .running)
        #expect(try queue.job(middle.jobID).state == .succeeded)
        #expect(try queue.job(delayed.jobID).state == .queued)
    }

    @Test(arguments: Backend.allCases) func aDelayedJobWaitsForItsTime(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        _ = try queue.submit([text("later")], options: SubmitOptions(notBefore: clock.now + 3600))
        #expect(try queue.claim(worker: "w", lease: 60) == nil)
        #expect(try queue.secondsUntilNextRunnable() == 3600)
        #expect(try !queue.isDrained())
        clock.advance(by: 3599)
        #expect(try queue.claim(worker: "w", lease: 60) == nil)
        #expect(try queue.secondsUntilNextRunnable() == 1)
        clock.advance(by: 1)
        #expect(try queue.claim(worker: "w", lease: 60) != nil)
    }

    @Test(arguments: Backend.allCases) func aClaimHoldsTheJobUntilItsLeaseExpires(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        let receipt = try queue.submit([text("x")])[0]
        let first = try #require(try queue.claim(worker: "a", lease: 60))
        #expect(try queue.claim(worker: "b", lease: 60) == nil)
        clock.advance(by: 60)
        #expect(try queue.claim(worker: "b", lease: 60) == nil)
        clock.advance(by: 1)
        let second = try #require(try queue.claim(worker: "b", lease: 60))
        #expect(second.id == receipt.jobID)
        #expect(second.attempt == 2)
        #expect(second.leaseToken != first.leaseToken)
    }

    @Test(arguments: Backend.allCases) func aRenewedLeaseRunsFromTheRenewal(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "a", lease: 60))
        clock.advance(by: 50)
        #expect(try queue.heartbeat(job, lease: 60) != nil)
        clock.advance(by: 50)
        #expect(try LeaseRenewer(store: queue.store, lockWait: 1).renew(job, lease: 60) != nil)
        clock.advance(by: 60)
        #expect(try queue.claim(worker: "b", lease: 60) == nil)
        clock.advance(by: 1)
        #expect(try queue.claim(worker: "b", lease: 60)?.attempt == 2)
    }

    @Test(arguments: Backend.allCases) func aRenewalBlockedByAWriterThrowsInsteadOfWaiting(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "a", lease: 60))
        let renewer = try LeaseRenewer(store: queue.store, lockWait: 0.2)
        let release = DispatchSemaphore(value: 0)
        let commit = completeHoldingItsLock(job, in: queue, until: release)
        #expect(throws: (any Error).self) { try renewer.renew(job, lease: 60) }
        release.signal()
        #expect(commit() == true)
        #expect(try renewer.renew(job, lease: 60) == nil)
    }

    @Test(arguments: Backend.allCases) func aRenewalWaitsOutAWriterThatCommitsWithinItsLockWait(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "a", lease: 60))
        let renewer = try LeaseRenewer(store: queue.store, lockWait: 30)
        let release = DispatchSemaphore(value: 0)
        let commit = completeHoldingItsLock(job, in: queue, until: release)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { release.signal() }
        // The renewal meets the completion's lock, waits for its commit, and then finds the job ended.
        #expect(try renewer.renew(job, lease: 60) == nil)
        #expect(commit() == true)
        #expect(try queue.job(job.id).state == .succeeded)
    }

    /// Starts completing `job` on a thread of its own and returns once the completion holds its
    /// lock (the job's row on PostgreSQL, the write lock on SQLite), which it keeps until `release`
    /// is signalled. The closure returned waits for the commit and tells whether it completed.
    private func completeHoldingItsLock(_ job: ClaimedJob, in queue: JobQueue, until release: DispatchSemaphore) -> () -> Bool? {
        let holding = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        let completed = Mutex<Bool?>(nil)
        let completion = Thread {
            let done = try? queue.complete(job) { _ in
                holding.signal()
                // Not forever: a renewal that waits for the lock instead of throwing fails the test, not hangs it.
                _ = release.wait(timeout: .now() + 30)
            }
            completed.withLock { $0 = done }
            // A completion that failed before it held the lock must not leave the caller waiting.
            holding.signal()
            ended.signal()
        }
        completion.start()
        holding.wait()
        return {
            ended.wait()
            return completed.withLock { $0 }
        }
    }

    @Test(arguments: Backend.allCases) func aWorkerThatLostItsLeaseWritesNothing(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        _ = try queue.submit([text("x")])
        let stale = try #require(try queue.claim(worker: "a", lease: 60))
        clock.advance(by: 61)
        let current = try #require(try queue.claim(worker: "b", lease: 60))
        var wroteResults = false
        #expect(try !queue.complete(stale) { _ in wroteResults = true })
        #expect(!wroteResults)
        #expect(try !queue.extendLease(stale, by: 60))
        #expect(try queue.fail(stale, error: "late", permanent: true) == nil)
        #expect(try queue.complete(current) { _ in wroteResults = true })
        #expect(wroteResults)
        #expect(try queue.job(current.id).state == .succeeded)
    }

    @Test(arguments: Backend.allCases) func resultsAreRolledBackWhenWritingThemFails(_ backend: Backend) throws {
        struct WriteFailed: Error {}
        let queue = try makeQueue(backend)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "a", lease: 60))
        #expect(throws: WriteFailed.self) { try queue.complete(job) { _ in throw WriteFailed() } }
        #expect(try queue.job(job.id).state == .running)
    }

    @Test(arguments: Backend.allCases) func completionsCommittedTogetherAreEachFencedAndEachFailAlone(_ backend: Backend) throws {
        struct WriteFailed: Error {}
        let queue = try makeQueue(backend)
        _ = try queue.submit((1...4).map { text("job \($0)", name: "\($0).txt") })
        let claimed = try queue.claim(worker: "a", lease: 60, limit: 4)
        try #require(claimed.count == 4)
        var lost = claimed[1]
        lost.leaseToken = "a lease this worker never held"
        func answering(_ job: ClaimedJob) -> JobCompletion {
            JobCompletion(job: job) { results in
                try results.insertAnswers([Answer(question: "Which job?", text: "job \(job.id)", confidence: 1, evidence: nil)],
                                          of: job.documentID, job: job.id)
            }
        }
        let together = [answering(claimed[0]), answering(lost), answering(claimed[3])]
        #expect(try queue.store.completeJobs(together).map { try $0.get() } == [true, false, true])
        for job in [claimed[0], claimed[3]] {
            #expect(try queue.job(job.id).state == .succeeded)
            #expect(try queue.store.answers(of: job.documentID).map(\.text) == ["job \(job.id)"])
            #expect(try queue.recordedOutcome(of: job) == "succeeded")
        }
        #expect(try queue.job(lost.id).state == .running)
        #expect(try queue.store.answers(of: lost.documentID).isEmpty)

        // A write that fails is its own job's failure: the others of its batch still complete.
        let failing = JobCompletion(job: claimed[1]) { _ in throw WriteFailed() }
        let outcomes = queue.store.completeJobs([failing, answering(claimed[2])])
        #expect(throws: WriteFailed.self) { try outcomes[0].get() }
        #expect(try outcomes[1].get())
        #expect(try queue.job(claimed[1].id).state == .running)
        #expect(try queue.store.answers(of: claimed[1].documentID).isEmpty)
        #expect(try queue.job(claimed[2].id).state == .succeeded)
    }

    @Test(arguments: Backend.allCases) func slotsCompletingAtOnceEachGetTheirOwnOutcome(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let receipts = try queue.submit((1...120).map { text("job \($0)", name: "\($0).txt") })
        let claimed = try queue.claim(worker: "a", lease: 600, limit: 120)
        try #require(claimed.count == 120)
        // Every third job is completed under a lease it does not hold, and every fifth write fails.
        let outcomes = Mutex<[Int64: String]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { slot in
            for (index, job) in claimed.enumerated() where index % 8 == slot {
                var attempt = job
                if index % 3 == 0 { attempt.leaseToken = "not held" }
                let outcome: String
                do {
                    let completed = try queue.complete(attempt) { _ in
                        if index % 5 == 0 { throw QueueTestFailure.lostLease(job.id) }
                    }
                    outcome = completed ? "completed" : "lease lost"
                } catch {
                    outcome = "write failed"
                }
                outcomes.withLock { $0[job.id] = outcome }
            }
        }
        let expected = Dictionary(uniqueKeysWithValues: claimed.enumerated().map { index, job in
            (job.id, index % 3 == 0 ? "lease lost" : index % 5 == 0 ? "write failed" : "completed")
        })
        #expect(outcomes.withLock { $0 } == expected)
        for receipt in receipts {
            #expect(try queue.job(receipt.jobID).state == (expected[receipt.jobID] == "completed" ? .succeeded : .running))
        }
    }

    @Test(arguments: Backend.allCases) func aTransientFailureIsRetriedAfterABackoffThenDies(_ backend: Backend) throws {
        let clock = ManualClock()
        // Jitter makes the backoff after the first attempt between 5 and 10 seconds.
        let queue = try makeQueue(backend, retry: RetryPolicy(baseDelay: 10, maxDelay: 10), clock: clock)
        let receipt = try queue.submit([text("x")], options: SubmitOptions(maxAttempts: 2))[0]
        let first = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(try queue.fail(first, error: "render failed", permanent: false) == .queued)
        #expect(try queue.job(receipt.jobID).lastError == "render failed")
        clock.advance(by: 4.9)
        #expect(try queue.claim(worker: "w", lease: 60) == nil)
        clock.advance(by: 5.2)
        let second = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(second.attempt == 2)
        #expect(try queue.fail(second, error: "render failed again", permanent: false) == .dead)
        let job = try queue.job(receipt.jobID)
        #expect(job.state == .dead)
        #expect(job.lastError == "render failed again")
        #expect(job.finishedAt != nil)
    }

    @Test(arguments: Backend.allCases) func aPermanentFailureEndsTheJobAtOnce(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(try queue.fail(job, error: "damaged", permanent: true) == .failed)
        #expect(try queue.isDrained())
    }

    @Test(arguments: Backend.allCases) func aJobWhoseWorkersKeepDyingEndsDead(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        let receipt = try queue.submit([text("x")], options: SubmitOptions(maxAttempts: 1))[0]
        _ = try #require(try queue.claim(worker: "w", lease: 60))
        clock.advance(by: 61)
        #expect(try queue.claim(worker: "w", lease: 60) == nil)
        let job = try queue.job(receipt.jobID)
        #expect(job.state == .dead)
        #expect(job.lastError?.contains("stopped renewing its lease") == true)
    }

    @Test(arguments: Backend.allCases) func aReleasedJobIsQueuedAgainWithoutUsingAnAttempt(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(try queue.release(job))
        let again = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(again.attempt == 1)
    }

    @Test(arguments: Backend.allCases) func progressIsVisibleWhileTheJobRuns(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        _ = try queue.submit([text("x")])
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        try queue.reportProgress(job, pagesDone: 2, pagesTotal: 5)
        let record = try queue.job(job.id)
        #expect(record.pagesDone == 2 && record.pagesTotal == 5)
    }

    @Test(arguments: Backend.allCases) func metricsCountWhatTheStoreHolds(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        let read = try queue.submit([text("read")])[0]
        _ = try queue.submit([text("waiting")])
        _ = try queue.submit([text("later")], options: SubmitOptions(notBefore: clock.now + 600))
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(job.id == read.jobID)
        clock.advance(by: 3)
        #expect(try queue.complete(job) { results in
            try results.replacePages(of: job.documentID, with: [
                Page(number: 1, width: 612, height: 792, source: .textLayer, words: [], lines: []),
                Page(number: 2, width: 612, height: 792, source: .ocr, words: [], lines: []),
            ])
            try results.recordRun(of: job.documentID, job: job.id, seconds: 1)
        })

        let metrics = try queue.store.metrics(now: clock.now)
        #expect(metrics.jobsByState == [.succeeded: 1, .queued: 2])
        #expect(metrics.runnableJobs == 1)
        #expect(metrics.attemptsByOutcome == ["succeeded": 1])
        #expect(metrics.jobSeconds.count == 1)
        #expect(abs(metrics.jobSeconds.sum - 3) < 1e-6)
        let jobBuckets = Dictionary(uniqueKeysWithValues: zip(metrics.jobSeconds.bounds, metrics.jobSeconds.cumulativeCounts))
        #expect(jobBuckets[2.5] == 0 && jobBuckets[5] == 1 && jobBuckets[3600] == 1)
        #expect(metrics.pageSeconds.count == 2)
        #expect(abs(metrics.pageSeconds.sum - 1) < 1e-6)
        let pageBuckets = Dictionary(uniqueKeysWithValues: zip(metrics.pageSeconds.bounds, metrics.pageSeconds.cumulativeCounts))
        #expect(pageBuckets[0.25] == 0 && pageBuckets[0.5] == 2)
        #expect(metrics.pagesBySource == ["text-layer": 1, "ocr": 1])
        #expect(metrics.webhookDeliveriesByOutcome == [:])
    }

    @Test func backoffGrowsExponentiallyWithJitterAndACap() {
        let policy = RetryPolicy(baseDelay: 10, maxDelay: 100)
        #expect(policy.delay(after: 1, random: 1) == 10)
        #expect(policy.delay(after: 2, random: 1) == 20)
        #expect(policy.delay(after: 3, random: 0) == 20)
        #expect(policy.delay(after: 30, random: 1) == 100)
    }

    @Test(arguments: Backend.allCases) func everyAttemptIsLoggedWithItsOutcome(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, retry: RetryPolicy(baseDelay: 0, maxDelay: 0), clock: clock)
        _ = try queue.submit([text("x")])
        let first = try #require(try queue.claim(worker: "a", lease: 60))
        clock.advance(by: 61)
        let second = try #require(try queue.claim(worker: "b", lease: 60))
        try queue.fail(second, error: "boom", permanent: false)
        clock.advance(by: 1)
        let third = try #require(try queue.claim(worker: "c", lease: 60))
        try queue.complete(third) { _ in }
        #expect(try [first, second, third].map { try queue.store.recordedOutcome(of: $0) } == ["lease-expired", "retry", "succeeded"])
        guard let sqlite = queue.store as? SQLiteStore else { return }
        let log = try sqlite.database.read { db in
            try Row.fetchAll(db, sql: "SELECT attempt, worker, lease_token, outcome, error FROM job_attempts ORDER BY started_at")
                .map { row -> [String] in
                    ["\(row["attempt"] as Int)", row["worker"], row["lease_token"], row["outcome"], row["error"] ?? ""]
                }
        }
        #expect(log == [
            ["1", "a", first.leaseToken, "lease-expired", ""],
            ["2", "b", second.leaseToken, "retry", "boom"],
            ["3", "c", third.leaseToken, "succeeded", ""],
        ])
    }

    @Test(arguments: Backend.allCases) func cancelEndsAQueuedJobAtOnceAndAsksARunningOneToStop(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let queued = try queue.submit([text("queued")])[0]
        let running = try queue.submit([text("running")], options: SubmitOptions(priority: 1))[0]
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(job.id == running.jobID)
        #expect(try queue.cancel(queued.jobID) == .cancelled)
        #expect(try queue.cancel(running.jobID) == .running)
        #expect(try queue.reportProgress(job, pagesDone: 1, pagesTotal: 3) == .cancelRequested)
        #expect(try queue.acknowledgeCancel(job))
        #expect(try queue.job(running.jobID).state == .cancelled)
        #expect(throws: QueueError.alreadyFinished(job: running.jobID, state: .cancelled)) { try queue.cancel(running.jobID) }
        #expect(throws: StoreError.jobNotFound(999)) { try queue.cancel(999) }
    }

    @Test(arguments: Backend.allCases) func retryQueuesAFinishedFailureAgainWithFreshAttempts(_ backend: Backend) throws {
        let queue = try makeQueue(backend)
        let receipt = try queue.submit([text("x")], options: SubmitOptions(maxAttempts: 1))[0]
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(try queue.fail(job, error: "broken", permanent: false) == .dead)
        try queue.retry(receipt.jobID)
        let record = try queue.job(receipt.jobID)
        #expect(record.state == .queued && record.attempts == 0)
        #expect(try queue.claim(worker: "w", lease: 60)?.attempt == 1)
        #expect(throws: QueueError.notRetryable(job: receipt.jobID, state: .running)) { try queue.retry(receipt.jobID) }
    }

    @Test(arguments: Backend.allCases) func pruneDeletesOldFinishedJobsButKeepsDocuments(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        let done = try queue.submit([text("done")])[0]
        _ = try queue.submit([text("waiting")])
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        try queue.complete(job) { _ in }
        #expect(try queue.prune(finishedBefore: clock.now) == 0)
        clock.advance(by: 1)
        #expect(try queue.prune(finishedBefore: clock.now) == 1)
        #expect(try queue.jobs().map(\.state) == [.queued])
        // The same bytes submitted again find their document still stored.
        #expect(try queue.submit([text("done")])[0].documentID == done.documentID)
        if backend == .sqlite {
            #expect(try queue.store.document(done.documentID).id == done.documentID)
        }
    }

    @Test(arguments: Backend.allCases) func statsCountStatesThroughputAndLatency(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeQueue(backend, clock: clock)
        _ = try queue.submit([text("a"), text("b"), text("c")])
        for wait in [3.0, 4.0] {
            clock.advance(by: wait)
            let job = try #require(try queue.claim(worker: "w", lease: 60))
            try queue.complete(job) { _ in }
        }
        let stats = try queue.stats()
        #expect(stats.counts["succeeded"] == 2 && stats.counts["queued"] == 1 && stats.counts["dead"] == 0)
        #expect(stats.finishedLastMinute == 2 && stats.finishedLastHour == 2)
        #expect(stats.latencyMedian == 3 && stats.latency95 == 7)
        clock.advance(by: 60)
        #expect(try queue.stats().finishedLastMinute == 1)
        clock.advance(by: 1)
        #expect(try queue.stats().finishedLastMinute == 0 && queue.stats().finishedLastHour == 2)
        #expect(JobQueue.percentile(0.95, of: (1...100).map(Double.init)) == 95)
        #expect(JobQueue.percentile(0.5, of: [3]) == 3)
    }
}

/// Two stores on one PostgreSQL database stand for two worker processes.
@Suite struct PostgresQueueTests {
    @Test func workersInTwoProcessesNeverClaimTheSameJob() throws {
        let url = try ThrowawayPostgres.newDatabase()
        let queues = try (0..<2).map { _ in JobQueue(store: try PostgresStore(address: PostgresAddress(url: url))) }
        let jobCount = 200
        let receipts = try queues[0].submit((0..<jobCount).map { text("document \($0)", name: "\($0).txt") })
        let completed = Mutex<[Int64]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let queue = queues[worker % 2]
            do {
                while let job = try queue.claim(worker: "worker-\(worker)", lease: 600) {
                    guard job.attempt == 1 else { throw QueueTestFailure.claimedTwice(job.id) }
                    guard try queue.complete(job, writeResults: { _ in }) else { throw QueueTestFailure.lostLease(job.id) }
                    completed.withLock { $0.append(job.id) }
                }
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(completed.withLock { $0.sorted() } == receipts.map(\.jobID).sorted())
        #expect(try queues[1].store.jobCounts() == [.succeeded: jobCount])
    }

    @Test func batchedClaimsFromTwoStoresNeverTakeTheSameJob() throws {
        let url = try ThrowawayPostgres.newDatabase()
        let queues = try (0..<2).map { _ in JobQueue(store: try PostgresStore(address: PostgresAddress(url: url))) }
        let jobCount = 300
        let receipts = try queues[0].submit((0..<jobCount).map { text("document \($0)", name: "\($0).txt") })
        let completed = Mutex<[Int64]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let queue = queues[worker % 2]
            do {
                var jobs = try queue.claim(worker: "worker-\(worker)", lease: 600, limit: 7)
                while !jobs.isEmpty {
                    for job in jobs {
                        guard job.attempt == 1 else { throw QueueTestFailure.claimedTwice(job.id) }
                        guard try queue.complete(job, writeResults: { _ in }) else { throw QueueTestFailure.lostLease(job.id) }
                        completed.withLock { $0.append(job.id) }
                    }
                    jobs = try queue.claim(worker: "worker-\(worker)", lease: 600, limit: 7)
                }
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(completed.withLock { $0.sorted() } == receipts.map(\.jobID).sorted())
        #expect(try queues[1].store.jobCounts() == [.succeeded: jobCount])
    }

    @Test func claimsCommitWithoutWaitingForTheDiskButSubmitsAndKeysWait() throws {
        let store = try PostgresStore(address: PostgresAddress(url: ThrowawayPostgres.newDatabase()))
        #expect(try store.pool.withConnection { try $0.run("SHOW synchronous_commit").first?.decode(String.self) } == "off")
        #expect(try store.pool.withTransaction { try $0.run("SHOW synchronous_commit").first?.decode(String.self) } == "on")
        #expect(try store.pool.withTransaction(synchronousCommit: false) { try $0.run("SHOW synchronous_commit").first?.decode(String.self) } == "off")
        // A store opened for full durability leaves every commit as the server is configured.
        let durable = try PostgresStore(address: store.address, durability: .full)
        let configured = try durable.pool.withConnection {
            try $0.run("SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit'").first?.decode(String.self)
        }
        #expect(try durable.pool.withConnection { try $0.run("SHOW synchronous_commit").first?.decode(String.self) } == configured)
        #expect(try durable.pool.withTransaction { try $0.run("SHOW synchronous_commit").first?.decode(String.self) } == configured)
    }

    @Test func anIdleWorkerHearsAnotherProcessSubmit() throws {
        let url = try ThrowawayPostgres.newDatabase()
        let idle = try PostgresStore(address: PostgresAddress(url: url))
        let submitter = JobQueue(store: try PostgresStore(address: PostgresAddress(url: url)))
        // The first wait starts listening, and reports a submit it may have missed before.
        _ = idle.waitForSubmit(seconds: 0)
        #expect(!idle.waitForSubmit(seconds: 0.2))
        let submitted = Thread {
            _ = try? submitter.submit([text("wake up")])
        }
        submitted.start()
        #expect(idle.waitForSubmit(seconds: 120))
    }
}

private enum QueueTestFailure: Error {
    case claimedTwice(Int64)
    case lostLease(Int64)
}
