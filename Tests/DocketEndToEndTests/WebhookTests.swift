import DocketQueue
import DocketTestReceiver
import Foundation
import Testing

/// Webhooks end to end: `docket submit --callback-url`, a `docket worker` process delivering to a
/// real HTTP receiver on loopback, and `docket webhooks` reading what happened.
@Suite struct WebhookTests {
    private func submit(_ docket: DocketProcess, _ text: String, callback: String?) throws -> Int64 {
        let file = FileManager.default.temporaryDirectory.appending(path: "docket-webhook-\(UUID().uuidString).txt")
        try Data("\(text)\nTotal: 12.50 EUR\n".utf8).write(to: file)
        var arguments = ["submit", file.path, "--question", "What is the total?", "--format", "json"]
        if let callback { arguments += ["--callback-url", callback] }
        let result = try docket.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let receipts = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let receipt = try #require(receipts?.first)
        let job = try #require(receipt["job"] as? [String: Any])
        return Int64(try #require(job["id"] as? Int))
    }

    private func startWorker(_ docket: DocketProcess, _ extra: [String] = []) throws -> Process {
        try docket.start(["worker", "--in-process", "--quiet", "--webhook-retry-base", "0.2"] + extra)
    }

    private func stop(_ worker: Process) {
        worker.terminate()
        worker.waitUntilExit()
    }

    private func events(_ docket: DocketProcess) throws -> [[String: Any]] {
        let result = try docket.run(["webhooks", "list", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    private func attempts(_ docket: DocketProcess, _ event: String) throws -> [[String: Any]] {
        let result = try docket.run(["webhooks", "attempts", event, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// Looks at the events until `done` holds for them (a safety limit ends a broken run).
    private func waitForEvents(_ docket: DocketProcess, until done: ([[String: Any]]) -> Bool) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(120)
        var current = try events(docket)
        while !done(current), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            current = try events(docket)
        }
        return current
    }

    private func jobState(_ docket: DocketProcess, _ job: Int64) throws -> String? {
        let result = try docket.run(["status", "\(job)", "--format", "json"])
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["state"] as? String
    }

    @Test(arguments: StoreBackend.allCases) func anEndedJobIsDeliveredSignedWithTheStoresSecret(_ backend: StoreBackend) throws {
        let docket = try backend.docket()
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let job = try submit(docket, "Invoice", callback: receiver.url)
        let worker = try startWorker(docket)
        defer { stop(worker) }

        let request = try #require(receiver.waitForRequests(1).first)
        let secret = try docket.run(["webhooks", "secret"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("whsec_"))
        #expect(request.method == "POST" && request.path == "/hooks")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["docket-event-type"] == "job.succeeded")
        let signature = try #require(request.headers["docket-signature"])
        #expect(WebhookSignature.isValid(header: signature, secret: secret, body: request.body))
        #expect(!WebhookSignature.isValid(header: signature, secret: secret + "x", body: request.body))

        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        let jobBody = try #require(body["job"] as? [String: Any])
        #expect(jobBody["id"] as? Int == Int(job) && jobBody["state"] as? String == "succeeded")
        #expect((jobBody["finished_at"] as? String)?.hasSuffix("Z") == true)
        #expect(body["event_id"] as? String == request.headers["docket-event-id"])
        let answers = try #require(body["answers"] as? [[String: Any]])
        #expect(answers.first?["question"] as? String == "What is the total?")

        // The body's job and answers have exactly the keys `docket status` and `docket answers` print.
        let printedJob = try #require(try JSONSerialization.jsonObject(
            with: Data(docket.run(["status", "\(job)", "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect(Set(jobBody.keys) == Set(printedJob.keys))
        #expect(jobBody["document_id"] as? Int == printedJob["document_id"] as? Int && jobBody["created_at"] as? String == printedJob["created_at"] as? String)
        let document = try #require(jobBody["document_id"] as? Int)
        let printedAnswers = try #require(try JSONSerialization.jsonObject(
            with: Data(docket.run(["answers", "--document", "\(document)", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        let answerKeys = try #require(printedAnswers.first.map { Set($0.keys) })
        #expect(answers.count == printedAnswers.count)
        #expect(answers.allSatisfy { Set($0.keys) == answerKeys })

        let delivered = try waitForEvents(docket) { $0.first?["state"] as? String == "delivered" }
        #expect(delivered.count == 1)
        #expect(delivered.first?["event_id"] as? String == request.headers["docket-event-id"])
        #expect(delivered.first?["job_id"] as? Int == Int(job))
    }

    @Test func aReceiverThatIsDownGetsTheEventOnceItIsBackUp() throws {
        let docket = DocketProcess()
        let down = try WebhookReceiver()
        let port = down.port
        down.stop()
        _ = try submit(docket, "Invoice", callback: "http://127.0.0.1:\(port)/hooks")
        let worker = try startWorker(docket)
        defer { stop(worker) }

        let failing = try waitForEvents(docket) { ($0.first?["attempts"] as? Int ?? 0) >= 3 }
        let event = try #require(failing.first?["event_id"] as? String)
        #expect(failing.first?["state"] as? String == "pending")
        let receiver = try WebhookReceiver(port: port)
        defer { receiver.stop() }
        let request = try #require(receiver.waitForRequests(1).first)
        #expect(request.headers["docket-event-id"] == event)
        let delivered = try waitForEvents(docket) { $0.first?["state"] as? String == "delivered" }
        let tries = try attempts(docket, event)
        #expect(tries.count == delivered.first?["attempts"] as? Int)
        #expect(tries.dropLast().allSatisfy { $0["status_code"] == nil && $0["error"] as? String != nil })
        #expect(tries.last?["status_code"] as? Int == 200)
    }

    @Test func goneStopsDeliveryAtOnce() throws {
        let docket = DocketProcess()
        let receiver = try WebhookReceiver { _ in .init(status: 410) }
        defer { receiver.stop() }
        _ = try submit(docket, "Invoice", callback: receiver.url)
        let worker = try startWorker(docket)
        defer { stop(worker) }
        let failed = try waitForEvents(docket) { $0.first?["state"] as? String == "failed" }
        let event = try #require(failed.first?["event_id"] as? String)
        #expect(failed.first?["attempts"] as? Int == 1)
        #expect(failed.first?["last_error"] as? String == "HTTP 410")
        #expect(try attempts(docket, event).map { $0["status_code"] as? Int } == [410])
        #expect(receiver.requests.count == 1)
    }

    @Test func aSlowReceiverHoldsUpNeitherTheNextJobNorItsWebhook() throws {
        let docket = DocketProcess()
        let slow = try WebhookReceiver { _ in .init(status: 200, delay: 60) }
        let quick = try WebhookReceiver()
        defer { quick.stop() }
        _ = try submit(docket, "First", callback: slow.url)
        let worker = try startWorker(docket, ["--webhook-timeout", "90"])
        defer {
            kill(worker.processIdentifier, SIGKILL)
            worker.waitUntilExit()
            slow.stop()
        }
        _ = slow.waitForRequests(1)
        let next = try submit(docket, "Second", callback: quick.url)
        let request = try #require(quick.waitForRequests(1).first)
        #expect(try jobState(docket, next) == "succeeded")
        #expect(request.headers["docket-event-type"] == "job.succeeded")
        #expect(slow.answered == 0, "the first receiver was still answering")
    }

    @Test func aWorkerKilledMidDeliveryLeavesTheEventToBeDeliveredWithTheSameID() throws {
        let docket = DocketProcess()
        let receiver = try WebhookReceiver { _ in .init(status: 200, delay: 60) }
        defer { receiver.stop() }
        _ = try submit(docket, "Invoice", callback: receiver.url)
        let settings = ["--webhook-timeout", "8", "--webhook-lease", "9"]
        let first = try startWorker(docket, settings)
        let held = try #require(receiver.waitForRequests(1).first)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        receiver.answer { _ in .init(status: 200) }

        let second = try startWorker(docket, settings)
        defer { stop(second) }
        let delivered = try waitForEvents(docket) { $0.first?["state"] as? String == "delivered" }
        let requests = receiver.requests
        #expect(requests.count >= 2)
        #expect(requests.allSatisfy { $0.headers["docket-event-id"] == held.headers["docket-event-id"] })
        let event = try #require(delivered.first?["event_id"] as? String)
        let tries = try attempts(docket, event)
        #expect(tries.first?["error"] as? String == "no result was recorded: the worker sending it stopped during the attempt")
        #expect(tries.last?["status_code"] as? Int == 200)
    }

    @Test func aBadCallbackURLIsAUsageErrorAndQueuesNothing() throws {
        let docket = DocketProcess()
        let file = FileManager.default.temporaryDirectory.appending(path: "docket-webhook-\(UUID().uuidString).txt")
        try Data("hello\n".utf8).write(to: file)
        let result = try docket.run(["submit", file.path, "--callback-url", "ftp://example.com/hook"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("is not an http or https URL"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let jobs = try docket.run(["jobs", "--format", "json"])
        #expect(jobs.status != 0 || jobs.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
