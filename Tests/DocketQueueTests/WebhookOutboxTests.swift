import DocketJSON
import DocketModel
import DocketQueue
@testable import DocketStore
import DocketTestDatabases
import Foundation
import Testing

private func makeOutboxQueue(
    _ backend: Backend, clock: ManualClock, webhookBodies: (any WebhookBodyEncoder)? = WebhookBodyJSON()
) throws -> JobQueue {
    switch backend {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appending(path: "docket-outbox-\(UUID().uuidString)/db.sqlite").path
        return JobQueue(store: try SQLiteStore(path: path, clock: clock.storeClock, webhookBodies: webhookBodies))
    case .postgres:
        return JobQueue(store: try PostgresStore(
            address: PostgresAddress(url: ThrowawayPostgres.newDatabase()), clock: clock.storeClock, webhookBodies: webhookBodies))
    }
}

private func keys(ofJSONObject json: Data) throws -> Set<String> {
    Set(try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any]).keys)
}

private let callback = "http://127.0.0.1:9/hooks"

private func note(_ text: String) -> SubmittedFile {
    SubmittedFile(name: "\(text).txt", bytes: Array(text.utf8))
}

/// The outbox: an event in the transaction that ends a job with a callback URL, and none when the
/// worker no longer held the job; events claimed one sender at a time; every attempt recorded.
@Suite struct WebhookOutboxTests {
    @Test(arguments: Backend.allCases) func aSucceededJobWritesOneEventWithTheJobAndItsAnswers(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeOutboxQueue(backend, clock: clock)
        let receipt = try queue.submit([note("total")], options: SubmitOptions(questions: ["What is the total?"], callbackURL: callback))[0]
        _ = try queue.submit([note("quiet")])
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        let answer = Answer(question: "What is the total?", text: "12.50", value: NormalizedValue(kind: .amount, text: "12.50", unit: "EUR"),
                            confidence: 0.8, evidence: Evidence(page: 1, box: Box(x0: 1, y0: 2, x1: 3, y1: 4), wordIndices: [0]))
        #expect(try queue.complete(job) { results in try results.insertAnswers([answer], of: job.documentID, job: job.id) })
        let quiet = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(try queue.complete(quiet) { _ in })

        let events = try queue.store.webhookEvents(state: nil, limit: 10)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.jobID == receipt.jobID && event.type == "job.succeeded" && event.state == .pending && event.url == callback)
        #expect(event.eventID.hasPrefix("evt_"))

        let claimed = try #require(try queue.store.claimWebhookEvents(worker: "sender", lease: 30, limit: 10).first)
        let payload = try DocketJSON.decoder.decode(WebhookEventResource.self, from: Data(claimed.body.utf8))
        #expect(payload.eventID == event.eventID && payload.type == "job.succeeded")
        #expect(payload.createdAt.description.hasSuffix("Z"))
        let ended = try queue.job(receipt.jobID)
        #expect(payload.job == JobResource(from: ended))
        #expect(payload.job.state == .succeeded && payload.job.questions == ["What is the total?"])
        #expect(payload.answers == [AnswerResource(documentID: ended.documentID, documentName: ended.documentName, answer: answer)])
        #expect(claimed.body.contains("\"last_error\":null") && claimed.body.contains("\"event_id\":\"\(event.eventID)\""))

        // Exactly the keys the CLI and the API print for a job and an answer, nothing more or less.
        let body = try #require(try JSONSerialization.jsonObject(with: Data(claimed.body.utf8)) as? [String: Any])
        #expect(Set(body.keys) == ["event_id", "type", "created_at", "job", "answers"])
        let jobBody = try JSONSerialization.data(withJSONObject: try #require(body["job"]))
        #expect(try keys(ofJSONObject: jobBody) == keys(ofJSONObject: DocketJSON.encoder.encode(JobResource(from: ended))))
        let answerBody = try JSONSerialization.data(withJSONObject: try #require((body["answers"] as? [Any])?.first))
        let printedAnswer = AnswerResource(documentID: ended.documentID, documentName: ended.documentName, answer: answer)
        #expect(try keys(ofJSONObject: answerBody) == keys(ofJSONObject: DocketJSON.encoder.encode(printedAnswer)))
    }

    @Test(arguments: Backend.allCases) func aStoreWithoutABodyEncoderRefusesToEndACallbackJobAndKeepsIt(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeOutboxQueue(backend, clock: clock, webhookBodies: nil)
        let receipt = try queue.submit([note("kept")], options: SubmitOptions(callbackURL: callback))[0]
        #expect(throws: StoreError.noWebhookBodyEncoder(job: receipt.jobID)) { try queue.cancel(receipt.jobID) }
        #expect(try queue.job(receipt.jobID).state == .queued)
        #expect(try queue.store.webhookEvents(state: nil, limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases) func aWorkerThatLostItsLeaseWritesNoEvent(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeOutboxQueue(backend, clock: clock)
        _ = try queue.submit([note("slow")], options: SubmitOptions(maxAttempts: 3, callbackURL: callback))
        let stale = try #require(try queue.claim(worker: "a", lease: 60))
        clock.advance(by: 61)
        let current = try #require(try queue.claim(worker: "b", lease: 60))
        #expect(try !queue.complete(stale) { _ in })
        #expect(try queue.fail(stale, error: "too late", permanent: true) == nil)
        #expect(try !queue.acknowledgeCancel(stale))
        #expect(try queue.store.webhookEvents(state: nil, limit: 10).isEmpty)

        #expect(try queue.fail(current, error: "unreadable", permanent: true) == .failed)
        let events = try queue.store.webhookEvents(state: nil, limit: 10)
        #expect(events.map(\.type) == ["job.failed"])
    }

    @Test(arguments: Backend.allCases) func cancelledAndDeadJobsWriteTheirEvents(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeOutboxQueue(backend, clock: clock)
        let cancelled = try queue.submit([note("cancel me")], options: SubmitOptions(callbackURL: callback))[0]
        #expect(try queue.cancel(cancelled.jobID) == .cancelled)
        let abandoned = try queue.submit([note("abandoned")], options: SubmitOptions(maxAttempts: 1, callbackURL: callback))[0]
        _ = try #require(try queue.claim(worker: "a", lease: 60))
        clock.advance(by: 61)
        #expect(try queue.claim(worker: "b", lease: 60) == nil)
        #expect(try queue.job(abandoned.jobID).state == .dead)
        let events = try queue.store.webhookEvents(state: nil, limit: 10)
        #expect(Set(events.map(\.type)) == ["job.cancelled", "job.dead"])
        #expect(events.first { $0.type == "job.dead" }?.jobID == abandoned.jobID)
    }

    @Test(arguments: Backend.allCases) func oneSenderHoldsAnEventAtATimeAndALapsedAttemptIsRecorded(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeOutboxQueue(backend, clock: clock)
        _ = try queue.submit([note("one")], options: SubmitOptions(callbackURL: callback))
        let job = try #require(try queue.claim(worker: "w", lease: 60))
        #expect(try queue.complete(job) { _ in })
        let store = queue.store

        let first = try #require(try store.claimWebhookEvents(worker: "a", lease: 30, limit: 10).first)
        #expect(first.attempt == 1)
        #expect(try store.claimWebhookEvents(worker: "b", lease: 30, limit: 10).isEmpty)
        #expect(try store.secondsUntilNextWebhookEvent() == 30)
        clock.advance(by: 31)
        let second = try #require(try store.claimWebhookEvents(worker: "b", lease: 30, limit: 10).first)
        #expect(second.eventID == first.eventID && second.attempt == 2)
        let late = WebhookAttemptRecord(eventID: first.id, attempt: 1, worker: "a", startedAt: clock.now, duration: 1, statusCode: 200, error: nil)
        #expect(try !store.recordWebhookAttempt(first, late, next: .delivered))

        let failed = WebhookAttemptRecord(eventID: second.id, attempt: 2, worker: "b", startedAt: clock.now, duration: 0.1, statusCode: 503, error: nil)
        #expect(try store.recordWebhookAttempt(second, failed, next: .retry(at: clock.now + 30)))
        let attempts = try store.webhookAttempts(ofEvent: second.id)
        #expect(attempts.map(\.attempt) == [1, 2])
        #expect(attempts[0].error == SQLiteStore.lostAttempt && attempts[0].worker == "a")
        #expect(attempts[1].statusCode == 503)
        let pending = try store.webhookEvent(second.eventID)
        #expect(pending.state == .pending && pending.lastError == "HTTP 503" && pending.attempts == 2)
        #expect(try store.claimWebhookEvents(worker: "b", lease: 30, limit: 10).isEmpty)

        clock.advance(by: 30)
        let third = try #require(try store.claimWebhookEvents(worker: "b", lease: 30, limit: 10).first)
        let delivered = WebhookAttemptRecord(eventID: third.id, attempt: 3, worker: "b", startedAt: clock.now, duration: 0.1, statusCode: 204, error: nil)
        #expect(try store.recordWebhookAttempt(third, delivered, next: .delivered))
        #expect(try store.webhookEvent("\(third.id)").state == .delivered)
        #expect(try store.webhookEvents(state: .delivered, limit: 10).count == 1)

        try store.retryWebhookEvent(third.id)
        #expect(try store.webhookEvent("\(third.id)").state == .pending)
        #expect(throws: StoreError.webhookEventNotFound("evt_missing")) { try store.webhookEvent("evt_missing") }
    }

    @Test(arguments: Backend.allCases) func pruneRemovesOnlyOldDeliveredEvents(_ backend: Backend) throws {
        let clock = ManualClock()
        let queue = try makeOutboxQueue(backend, clock: clock)
        _ = try queue.submit([note("a")], options: SubmitOptions(callbackURL: callback))
        _ = try queue.submit([note("b")], options: SubmitOptions(callbackURL: callback))
        for _ in 0..<2 { #expect(try queue.complete(try #require(try queue.claim(worker: "w", lease: 60))) { _ in }) }
        let claimed = try queue.store.claimWebhookEvents(worker: "s", lease: 30, limit: 1)
        let event = try #require(claimed.first)
        #expect(try queue.store.recordWebhookAttempt(
            event, WebhookAttemptRecord(eventID: event.id, attempt: 1, worker: "s", startedAt: clock.now, duration: 0, statusCode: 200, error: nil),
            next: .delivered))
        clock.advance(by: 3600)
        #expect(try queue.store.pruneWebhookEvents(deliveredBefore: clock.now - 60) == 1)
        #expect(try queue.store.webhookEvents(state: nil, limit: 10).map(\.state) == [.pending])
    }

    @Test(arguments: Backend.allCases) func theSecretIsMadeOnceAndRotatedOnRequest(_ backend: Backend) throws {
        let queue = try makeOutboxQueue(backend, clock: ManualClock())
        let secret = try queue.store.webhookSecret(rotate: false)
        #expect(secret.hasPrefix("whsec_") && secret.count == 70)
        #expect(try queue.store.webhookSecret(rotate: false) == secret)
        let rotated = try queue.store.webhookSecret(rotate: true)
        #expect(rotated != secret)
        #expect(try queue.store.webhookSecret(rotate: false) == rotated)
    }

    @Test(arguments: Backend.allCases) func aBadCallbackURLIsRefusedAndNothingIsQueued(_ backend: Backend) throws {
        let queue = try makeOutboxQueue(backend, clock: ManualClock())
        for url in ["ftp://example.com/x", "not a url", "https://", "/relative/path"] {
            #expect(throws: SubmitError.badCallbackURL(url)) { try queue.submit([note("x")], options: SubmitOptions(callbackURL: url)) }
        }
        #expect(try queue.jobs().isEmpty)
    }

    @Test func theSignatureAndTheRetryScheduleAreAsDocumented() {
        let header = WebhookSignature.header(secret: "whsec_test", timestamp: 1_700_000_000, body: "{\"a\":1}")
        // Python: hmac.new(b"whsec_test", b'1700000000.{"a":1}', hashlib.sha256).hexdigest()
        #expect(header == "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789")
        #expect(WebhookSignature.isValid(header: header, secret: "whsec_test", body: "{\"a\":1}"))
        #expect(!WebhookSignature.isValid(header: header, secret: "whsec_other", body: "{\"a\":1}"))
        #expect(!WebhookSignature.isValid(header: header, secret: "whsec_test", body: "{\"a\":2}"))
        let policy = WebhookRetryPolicy()
        #expect((1...8).map { policy.delay(after: $0) } == [10, 30, 90, 270, 810, 2430, 3600, 3600])
        #expect(policy.retryTime(after: 1, createdAt: 0, now: 5) == 15)
        #expect(policy.retryTime(after: 30, createdAt: 0, now: 86_000) == 86_400)
        #expect(policy.retryTime(after: 31, createdAt: 0, now: 86_400) == nil)
    }
}
