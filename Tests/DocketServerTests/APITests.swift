import Crypto
import DocketJSON
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A real `docket serve` process on a loopback port, spoken to over HTTP.
@Suite struct APITests {
    @Test(arguments: Backend.allCases)
    func keyUploadWaitAnswers(backend: Backend) async throws {
        let server = try ServerProcess(database: try backend.newDatabase(), arguments: ["--workers", "1"])
        let key = try server.key("submit")
        let uploaded = try await server.request(
            "POST", "/v1/documents?question=What%20is%20the%20total%20due%3F&name=invoice.pdf", key: key,
            body: try Samples.bytes("invoice.pdf"), headers: ["Content-Type": "application/pdf"])
        #expect(uploaded.status == 202, "\(uploaded.text)")
        let location = try #require(uploaded.header("Location"))
        #expect(location.hasPrefix("/v1/jobs/"))
        #expect(uploaded.header("Retry-After") != nil)
        let documentID = try #require((uploaded.json["document"] as? [String: Any])?["id"] as? Int)
        // A worker may have claimed it already.
        #expect(["queued", "running", "succeeded"].contains((uploaded.json["job"] as? [String: Any])?["state"] as? String ?? ""))

        let job = try await server.request("GET", location + "?wait=60", key: key)
        #expect(job.status == 200)
        #expect(job.json["state"] as? String == "succeeded", "\(job.text)")

        let answers = try await server.request("GET", "/v1/documents/\(documentID)/answers", key: key)
        #expect(answers.status == 200)
        let items = try #require(answers.json["items"] as? [[String: Any]])
        let answer = try #require(items.first)
        #expect(answer["question"] as? String == "What is the total due?")
        #expect(answer["evidence"] != nil, "\(answers.text)")

        let asked = try await server.request("POST", "/v1/documents/\(documentID)/questions", key: key,
                                             body: Data(#"{"questions": ["Invoice number"]}"#.utf8),
                                             headers: ["Content-Type": "application/json"])
        #expect(asked.status == 200, "\(asked.text)")
        let explained = try await server.request("POST", "/v1/documents/\(documentID)/questions?explain=true", key: key,
                                                 body: Data(#"{"questions": ["Invoice number"]}"#.utf8),
                                                 headers: ["Content-Type": "application/json"])
        #expect(explained.status == 200, "\(explained.text)")
        let printed = try docket(["ask", String(documentID), "Invoice number", "--explain", "--format", "json"], database: server.database)
        #expect(printed.status == 0, "\(printed.stderr)")
        let sorted = { (value: Any) in
            String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try sorted(explained.json["items"] ?? []) == sorted(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8))),
                "the API explains an answer as `docket ask --explain --format json` does")
        let content = try await server.request("GET", "/v1/documents/\(documentID)/content", key: key)
        #expect(content.body == (try Samples.bytes("invoice.pdf")))
        #expect(content.header("Content-Type") == "application/pdf")
        let pages = try await server.request("GET", "/v1/documents/\(documentID)/pages?limit=1", key: key)
        #expect(pages.status == 200)
        #expect((pages.json["items"] as? [Any])?.count == 1)
        let report = try await server.request("GET", "/v1/documents/\(documentID)/report", key: key, headers: ["Accept": "text/html"])
        #expect(report.status == 200)
        #expect(report.header("Content-Type")?.hasPrefix("text/html") == true)
        let search = try await server.request("GET", "/v1/search?q=invoice", key: key)
        #expect(search.status == 200, "\(search.text)")
        let jobs = try await server.request("GET", "/v1/jobs?document=\(documentID)", key: key)
        #expect((jobs.json["items"] as? [Any])?.count == 1)
        let metrics = try await server.request("GET", "/metrics", key: key).text
        for line in ["docket_jobs{state=\"succeeded\"} 1", "docket_queue_depth 0", "docket_job_attempts{outcome=\"succeeded\"} 1",
                     "docket_job_seconds_count 1", "docket_page_seconds_count 1", "docket_pages{source=\"text-layer\"} 1",
                     "docket_pages{source=\"ocr\"} 0", "docket_webhook_deliveries{outcome=\"delivered\"} 0"] {
            #expect(metrics.contains(line + "\n"), "\(line) in \(metrics)")
        }
        #expect(server.stop() == 0)
    }

    /// `make demo` over HTTP: every sample, each with its question and language from Samples/questions.tsv, is
    /// uploaded, read by the server's workers and answered with its evidence.
    @Test func everySampleIsReadAndAnsweredThroughTheAPI() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), arguments: ["--workers", "2"])
        let key = try server.key("submit")
        let samples = try String(contentsOf: Samples.folder.appending(path: "questions.tsv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(samples.count >= 7)
        var submitted: [(file: String, question: String?, job: String, document: Int)] = []
        for sample in samples {
            let file = sample[0], question = sample.count > 1 && !sample[1].isEmpty ? sample[1] : nil
            let asked = question.map { "&question=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! } ?? ""
            let language = sample.count > 2 ? "&language=" + sample[2].addingPercentEncoding(withAllowedCharacters: .alphanumerics)! : ""
            let uploaded = try await server.request("POST", "/v1/documents?name=\(file)\(asked)\(language)", key: key,
                                                    body: try Samples.bytes(file))
            #expect(uploaded.status == 202, "\(file): \(uploaded.text)")
            let document = try #require((uploaded.json["document"] as? [String: Any])?["id"] as? Int)
            submitted.append((file, question, try #require(uploaded.header("Location")), document))
        }
        for sample in submitted {
            var state = ""
            for _ in 0..<10 where !["succeeded", "failed", "dead", "cancelled"].contains(state) {
                state = try await server.request("GET", sample.job + "?wait=60", key: key).json["state"] as? String ?? ""
            }
            #expect(state == "succeeded", "\(sample.file) ended \(state)")
            guard let question = sample.question else { continue }
            let answers = try await server.request("GET", "/v1/documents/\(sample.document)/answers", key: key)
            let answer = try #require((answers.json["items"] as? [[String: Any]])?.first, "\(sample.file): \(answers.text)")
            #expect(answer["question"] as? String == question)
            if answer["answer"] is String {
                #expect(answer["evidence"] is [String: Any], "\(sample.file): an answer without its page and box: \(answer)")
            }
        }
        #expect(server.stop() == 0)
    }

    @Test func everyRouteButHealthNeedsAKeyAndReadKeysOnlyRead() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let health = try await server.request("GET", "/healthz")
        #expect(health.status == 200)
        let anonymous = try await server.request("GET", "/v1/jobs")
        #expect(anonymous.status == 401)
        #expect(anonymous.json["code"] as? String == "unauthorized")
        #expect(anonymous.header("Content-Type") == "application/problem+json")
        let wrong = try await server.request("GET", "/v1/jobs", key: "dk_1_0000")
        #expect(wrong.json["code"] as? String == "unauthorized")

        let reader = try server.key("read")
        #expect(try await server.request("GET", "/v1/jobs", key: reader).status == 200)
        #expect(try await server.request("GET", "/readyz", key: reader).status == 200)
        let refused = try await server.request("POST", "/v1/documents", key: reader, body: Data("hello".utf8))
        #expect(refused.status == 403)
        #expect(refused.json["code"] as? String == "forbidden")

        let spec = try await server.request("GET", "/v1/openapi.yaml", key: reader)
        #expect(spec.status == 200 && spec.text.hasPrefix("openapi: 3.1.0"))
        let metrics = try await server.request("GET", "/metrics", key: reader)
        #expect(metrics.text.contains("docket_jobs{state=\"queued\"} 0"))
        #expect(metrics.text.contains("docket_http_requests_total{method=\"GET\",route=\"/v1/jobs\",status=\"200\"} 1"), "\(metrics.text)")
        #expect(metrics.text.contains("docket_http_request_duration_seconds_bucket{le=\"+Inf\"}"))

        let revokedID = try #require(reader.split(separator: "_").dropFirst().first.map(String.init))
        #expect(try docket(["keys", "revoke", revokedID], database: server.database).status == 0)
        #expect(try await server.request("GET", "/v1/jobs", key: reader).status == 401)
        let listed = try docket(["keys", "list", "--format", "json"], database: server.database)
        #expect(listed.stdout.contains("\"revoked_at\""))
        #expect(!listed.stdout.contains(String(reader.split(separator: "_").last!)), "keys list must never show a secret")
        #expect(server.stop() == 0)
    }

    @Test func everyResponseCarriesARequestIDThatTheJSONLogRecordsWithTheRequest() async throws {
        let logFile = FileManager.default.temporaryDirectory.appending(path: "docket-serve-log-\(UUID().uuidString).jsonl")
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), logFile: logFile)
        let key = try server.key("read")
        let traced = try await server.request("GET", "/v1/jobs/77", key: key, headers: ["X-Request-Id": "trace-42"])
        #expect(traced.status == 404)
        #expect(traced.header("X-Request-Id") == "trace-42")
        let untraced = try await server.request("GET", "/v1/jobs", key: key, headers: ["X-Request-Id": String(repeating: "x", count: 200)])
        let generated = try #require(untraced.header("X-Request-Id"))
        #expect(generated.count == 16 && generated.allSatisfy(\.isHexDigit), "an unusable id is replaced: \(generated)")
        #expect(server.stop() == 0)

        let records = try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        let tracedRecord = try #require(records.first { $0["request_id"] as? String == "trace-42" })
        #expect(tracedRecord["message"] as? String == "request")
        #expect(tracedRecord["level"] as? String == "info")
        #expect(tracedRecord["method"] as? String == "GET")
        #expect(tracedRecord["route"] as? String == "/v1/jobs/{id}")
        #expect(tracedRecord["path"] as? String == "/v1/jobs/77")
        #expect(tracedRecord["status"] as? Int == 404)
        #expect(tracedRecord["duration_ms"] is Double || tracedRecord["duration_ms"] is Int)
        #expect(RFC3339Time(tracedRecord["time"] as? String ?? "") != nil)
        #expect(records.contains { $0["request_id"] as? String == generated && $0["status"] as? Int == 200 })
    }

    @Test func badInputGetsItsProblemCodeAndStoresNothing() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(),
                                       arguments: ["--max-upload-bytes", "200000", "--max-queue-depth", "2"])
        let key = try server.key("submit")
        func code(_ reply: ServerProcess.Reply) -> String? { reply.json["code"] as? String }
        func jobID(_ reply: ServerProcess.Reply) -> Int? { (reply.json["job"] as? [String: Any])?["id"] as? Int }

        let notFound = try await server.request("GET", "/v1/jobs/999", key: key)
        #expect(notFound.status == 404 && code(notFound) == "not_found")
        let badID = try await server.request("GET", "/v1/jobs/abc", key: key)
        #expect(badID.status == 400 && code(badID) == "bad_request")
        let badWait = try await server.request("GET", "/v1/jobs/1?wait=forever", key: key)
        #expect(badWait.status == 400 && code(badWait) == "bad_request")
        let badState = try await server.request("GET", "/v1/jobs?state=lost", key: key)
        #expect(badState.status == 400 && code(badState) == "bad_request")
        let noRoute = try await server.request("GET", "/v1/nothing", key: key)
        #expect(noRoute.status == 404 && code(noRoute) == "not_found")

        let unsupported = try await server.request("POST", "/v1/documents", key: key, body: Data([0x00, 0xFF, 0xFE, 0x01, 0x02]))
        #expect(unsupported.status == 415 && code(unsupported) == "unsupported_media_type", "\(unsupported.text)")
        let empty = try await server.request("POST", "/v1/documents", key: key, body: Data())
        #expect(empty.status == 400 && code(empty) == "bad_request")
        let tooLarge = try await server.request("POST", "/v1/documents", key: key, body: Data(repeating: 0x41, count: 300_000))
        #expect(tooLarge.status == 413 && code(tooLarge) == "document_too_large")

        let encrypted = try Data(contentsOf: Samples.fixtures.appending(path: "encrypted-aes256-password-foo.pdf"))
        let noPassword = try await server.request("POST", "/v1/documents", key: key, body: encrypted)
        #expect(noPassword.status == 422 && code(noPassword) == "wrong_password", "\(noPassword.text)")
        let wrongPassword = try await server.request("POST", "/v1/documents?password=bar", key: key, body: encrypted)
        #expect(wrongPassword.status == 422 && code(wrongPassword) == "wrong_password")

        let malformed = try await server.request("POST", "/v1/documents", key: key, body: Data("--x\r\nnothing".utf8),
                                                 headers: ["Content-Type": "multipart/form-data; boundary=x"])
        #expect(malformed.status == 400 && code(malformed) == "bad_request", "\(malformed.text)")
        let badTime = try await server.request("POST", "/v1/documents?not_before=tomorrow", key: key, body: Data("hello".utf8))
        #expect(badTime.status == 400 && code(badTime) == "bad_request")
        let badCallback = try await server.request("POST", "/v1/documents?callback_url=ftp://x", key: key, body: Data("hello".utf8))
        #expect(badCallback.status == 400 && code(badCallback) == "bad_request")
        // Nothing refused was stored: the first document stored below is document 1.
        #expect((try await server.request("GET", "/v1/jobs", key: key).json["items"] as? [Any])?.isEmpty == true)
        #expect(try await server.request("GET", "/v1/documents/1", key: key).status == 404)

        let first = try await server.request("POST", "/v1/documents", key: key, body: Data("first text\n".utf8),
                                             headers: ["Idempotency-Key": "order-1"])
        #expect(first.status == 202)
        let again = try await server.request("POST", "/v1/documents", key: key, body: Data("first text\n".utf8),
                                             headers: ["Idempotency-Key": "order-1"])
        #expect(again.status == 200)
        #expect(jobID(again) != nil && jobID(again) == jobID(first))
        #expect(again.json["reused_job"] as? Bool == true)
        let conflict = try await server.request("POST", "/v1/documents", key: key, body: Data("other text\n".utf8),
                                                headers: ["Idempotency-Key": "order-1"])
        #expect(conflict.status == 409 && code(conflict) == "idempotency_conflict")

        let notRead = try await server.request("GET", "/v1/documents/\((first.json["document"] as? [String: Any])?["id"] as? Int ?? 0)/pages", key: key)
        #expect(notRead.status == 409 && code(notRead) == "not_ready")

        let firstJob = jobID(first) ?? 0
        let cancelled = try await server.request("POST", "/v1/jobs/\(firstJob)/cancel", key: key)
        #expect(cancelled.status == 202 && cancelled.json["state"] as? String == "cancelled", "\(cancelled.text)")
        let cancelledAgain = try await server.request("POST", "/v1/jobs/\(firstJob)/cancel", key: key)
        #expect(cancelledAgain.status == 409 && code(cancelledAgain) == "wrong_state")
        let retried = try await server.request("POST", "/v1/jobs/\(firstJob)/retry", key: key)
        #expect(retried.status == 202 && retried.json["state"] as? String == "queued")
        let badQuestions = try await server.request("POST", "/v1/documents/1/questions", key: key, body: Data("not json".utf8))
        #expect(badQuestions.status == 400 && code(badQuestions) == "bad_request")
        let notAcceptable = try await server.request("GET", "/v1/documents/1/report", key: key, headers: ["Accept": "image/png"])
        #expect(notAcceptable.status == 406 && code(notAcceptable) == "not_acceptable")

        let second = try await server.request("POST", "/v1/documents", key: key, body: Data("second text\n".utf8))
        #expect(second.status == 202)
        let full = try await server.request("POST", "/v1/documents", key: key, body: Data("third text\n".utf8))
        #expect(full.status == 503 && code(full) == "queue_full")
        #expect(full.header("Retry-After") != nil)
        #expect(server.stop() == 0)
    }

    @Test func multipartUploadTakesTheFilePart() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let key = try server.key("submit")
        let pdf = try Samples.bytes("invoice.pdf")
        var body = Data("--BOUNDARY\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n".utf8)
        body += Data("--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += pdf + Data("\r\n--BOUNDARY--\r\n".utf8)
        let uploaded = try await server.request("POST", "/v1/documents?job=false", key: key, body: body,
                                                headers: ["Content-Type": "multipart/form-data; boundary=BOUNDARY"])
        #expect(uploaded.status == 201, "\(uploaded.text)")
        let id = try #require(uploaded.json["id"] as? Int)
        let content = try await server.request("GET", "/v1/documents/\(id)/content", key: key)
        #expect(content.body == pdf)
        #expect((try await server.request("GET", "/v1/jobs", key: key).json["items"] as? [Any])?.isEmpty == true)

        #expect(try await server.request("DELETE", "/v1/documents/\(id)", key: key).status == 204)
        #expect(try await server.request("GET", "/v1/documents/\(id)", key: key).status == 404)
        #expect(server.stop() == 0)
    }

    /// A 200 MB upload is stored whole and exact; the server streams it to a file and from there
    /// into the store (its memory is measured by `docket bench api --upload-mib 200`).
    @Test(arguments: Backend.allCases)
    func aLargeUploadIsStoredByteForByte(backend: Backend) async throws {
        let server = try ServerProcess(database: try backend.newDatabase(), arguments: ["--max-upload-bytes", "\(250 << 20)"])
        let key = try server.key("submit")
        // Every 8 bytes differ from their neighbours, so a chunk written at the wrong offset shows.
        var body = Data(count: 200_000_000)
        body.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 }
        }
        body.replaceSubrange(0..<9, with: Data("%PDF-1.7\n".utf8))
        let uploaded = try await server.request("POST", "/v1/documents?job=false&name=large.pdf", key: key, body: body,
                                                headers: ["Content-Type": "application/pdf"])
        #expect(uploaded.status == 201, "\(uploaded.text)")
        #expect(uploaded.json["bytes"] as? Int == body.count)
        #expect(uploaded.json["sha256"] as? String == SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined())
        let id = try #require(uploaded.json["id"] as? Int)
        let content = try await server.request("GET", "/v1/documents/\(id)/content", key: key)
        #expect(content.body == body)
        #expect(server.stop() == 0)
    }

    @Test func uploadsOverTheLimitLeaveNoFileBehind() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-uploads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(),
                                       arguments: ["--max-upload-bytes", "100000", "--upload-folder", folder.path])
        let key = try server.key("submit")
        let declared = try await server.request("POST", "/v1/documents", key: key, body: Data(repeating: 0x25, count: 500_000))
        #expect(declared.status == 413)
        // Chunked, with no Content-Length: stopped while it streams.
        var request = URLRequest(url: URL(string: server.baseURL.absoluteString + "/v1/documents")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.httpBodyStream = InputStream(data: Data(repeating: 0x25, count: 500_000))
        if let (_, response) = try? await URLSession.shared.data(for: request) {
            #expect((response as? HTTPURLResponse)?.statusCode == 413)
        }
        let accepted = try await server.request("POST", "/v1/documents", key: key, body: Data("small text\n".utf8))
        #expect(accepted.status == 202)
        #expect(server.stop() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func sigtermLetsARequestInFlightFinishAndExitsZero() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), arguments: ["--grace", "20"])
        let key = try server.key("submit")
        let uploaded = try await server.request("POST", "/v1/documents", key: key, body: Data("waiting text\n".utf8))
        let location = try #require(uploaded.header("Location"))
        // No worker runs, so this long poll waits until the server is asked to stop.
        async let polled = server.request("GET", location + "?wait=60", key: key)
        try await Task.sleep(for: .seconds(1))
        let status = await Task.detached { server.stop() }.value
        let reply = try await polled
        #expect(reply.status == 200)
        #expect(reply.json["state"] as? String == "queued")
        #expect(status == 0)
    }
}
