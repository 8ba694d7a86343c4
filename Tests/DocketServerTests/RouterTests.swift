import DocketModel
import DocketServer
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The router in this process, without a socket (HummingbirdTesting's `.router` setup): each
/// route's answers and refusals, with a real SQLite store behind it.
@Suite struct RouterTests {
    private struct Fixture {
        let application: Application<RouterResponder<BasicRequestContext>>
        let store: SQLiteStore
        let submitKey: String
        let readKey: String

        /// Stores a document already read, its one page the given lines (`gridPage`); its id.
        func readDocument(_ lines: [String], name: String = "invoice.txt") throws -> Int64 {
            try store.insertReadDocuments([ReadDocument(
                content: Array(lines.joined(separator: "\n").utf8), sha256: name, mediaType: .plainText, originalName: name,
                submittedAt: 0, pages: [gridPage(lines)], type: .invoice, fields: [])])
            return try #require(try store.readDocument(sha256: name))
        }
    }

    private func fixture(maxUploadBytes: Int = 1 << 20) throws -> Fixture {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-router-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appending(path: "db.sqlite").path)
        let server = APIServer(store: store, settings: ServerSettings(maxUploadBytes: maxUploadBytes, uploadFolder: folder))
        return Fixture(application: Application(router: server.router()), store: store,
                       submitKey: try APIKeys.create(in: store, name: "erp", scope: .submit).key,
                       readKey: try APIKeys.create(in: store, name: "analyst", scope: .read).key)
    }

    private func bearer(_ key: String, _ more: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(key)"]
        fields.append(contentsOf: more)
        return fields
    }

    private func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func aTextUploadIsStoredQueuedAndReadBack() async throws {
        let fixture = try fixture()
        let key = fixture.submitKey
        try await fixture.application.test(.router) { client in
            let uploaded = try await client.execute(uri: "/v1/documents?question=Total&name=note.txt", method: .post,
                                                    headers: bearer(key, [.contentType: "text/plain"]),
                                                    body: ByteBuffer(string: "Total due: 12.00 EUR\n"))
            #expect(uploaded.status == .accepted)
            #expect(uploaded.headers[.location]?.hasPrefix("/v1/jobs/") == true)
            #expect(uploaded.headers[.retryAfter] != nil)
            let body = try json(uploaded)
            let job = try #require(body["job"] as? [String: Any])
            #expect(job["state"] as? String == "queued")
            #expect(job["questions"] as? [String] == ["Total"])
            let document = try #require(body["document"] as? [String: Any])
            #expect(document["media_type"] as? String == "text/plain")

            let location = try #require(uploaded.headers[.location])
            let status = try await client.execute(uri: location, method: .get, headers: bearer(key))
            #expect(status.status == .ok)
            #expect(try json(status)["id"] as? Int == job["id"] as? Int)

            let again = try await client.execute(uri: "/v1/documents?job=false", method: .post,
                                                 headers: bearer(key, [.contentType: "text/plain"]),
                                                 body: ByteBuffer(string: "Total due: 12.00 EUR\n"))
            #expect(again.status == .ok, "the same bytes are the same document")
            #expect(try json(again)["id"] as? Int == document["id"] as? Int)

            #expect(job["language"] as? String == "eng")
            for query in ["language=deu%2Beng", "language=deu+eng"] {
                let german = try await client.execute(uri: "/v1/documents?\(query)", method: .post,
                                                      headers: bearer(key, [.contentType: "text/plain"]), body: ByteBuffer(string: "Rechnung"))
                #expect(german.status == .accepted, "\(query): \(String(buffer: german.body))")
                #expect((try json(german)["job"] as? [String: Any])?["language"] as? String == "deu+eng", "\(query)")
            }
        }
    }

    @Test func keysAreRequiredAndAReadKeyOnlyReads() async throws {
        let fixture = try fixture()
        let readKey = fixture.readKey
        try await fixture.application.test(.router) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            for headers: HTTPFields in [[:], [.authorization: "Bearer dk_1_wrong"], [.authorization: "Basic abc"],
                                        [.authorization: "Bearer \(readKey) extra"]] {
                let refused = try await client.execute(uri: "/v1/jobs", method: .get, headers: headers)
                #expect(refused.status == .unauthorized)
                #expect(refused.headers[.contentType] == "application/problem+json")
                #expect(try json(refused)["code"] as? String == "unauthorized")
            }
            #expect(try await client.execute(uri: "/v1/jobs", method: .get, headers: [.authorization: "bearer  \(readKey) "]).status == .ok)
            let write = try await client.execute(uri: "/v1/documents", method: .post, headers: bearer(readKey),
                                                 body: ByteBuffer(string: "hello"))
            #expect(write.status == .forbidden)
            #expect(try json(write)["code"] as? String == "forbidden")
        }
    }

    @Test func refusalsAreProblemsWithStableCodes() async throws {
        let fixture = try fixture(maxUploadBytes: 1_000)
        let key = fixture.submitKey
        try await fixture.application.test(.router) { client in
            let cases: [(uri: String, method: HTTPRequest.Method, body: ByteBuffer?, status: HTTPResponse.Status, code: String)] = [
                ("/v1/jobs/999", .get, nil, .notFound, "not_found"),
                ("/v1/documents/999/answers", .get, nil, .notFound, "not_found"),
                ("/v1/documents", .post, ByteBuffer(bytes: [0x00, 0x01, 0xFF]), .unsupportedMediaType, "unsupported_media_type"),
                ("/v1/documents", .post, ByteBuffer(repeating: 0x41, count: 2_000), .contentTooLarge, "document_too_large"),
                ("/v1/documents?priority=high", .post, ByteBuffer(string: "text"), .badRequest, "bad_request"),
                ("/v1/jobs?state=sleeping", .get, nil, .badRequest, "bad_request"),
                ("/v1/jobs/1", .delete, nil, .methodNotAllowed, "method_not_allowed"),
                ("/v1/search?q=%00", .get, nil, .badRequest, "bad_request"),
                ("/v1/documents/1/questions?explain=maybe", .post, ByteBuffer(string: #"{"questions": ["Total"]}"#), .badRequest, "bad_request"),
                ("/v1/documents?language=deu%2Bklingon", .post, ByteBuffer(string: "text"), .badRequest, "unknown_language"),
            ] + (TesseractData.installedLanguages().contains("chr") ? [] : [
                ("/v1/documents?language=chr", .post, ByteBuffer(string: "text"), .unprocessableContent, "language_not_installed"),
            ])
            for refusal in cases {
                let response = try await client.execute(uri: refusal.uri, method: refusal.method, headers: bearer(key), body: refusal.body)
                #expect(response.status == refusal.status, "\(refusal.method) \(refusal.uri)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(refusal.uri)")
                let problem = try json(response)
                #expect(problem["code"] as? String == refusal.code, "\(refusal.uri): \(problem)")
                #expect((problem["detail"] as? String)?.isEmpty == false)
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
            }
            #expect(try await client.execute(uri: "/v1/jobs", method: .get, headers: bearer(key)).status == .ok, "nothing was stored by the refusals")
        }
    }

    @Test func aMultipartBodysFormFieldsCountAsParameters() async throws {
        let fixture = try fixture()
        let key = fixture.submitKey
        @Sendable func body(_ fields: [(String, String)]) -> ByteBuffer {
            var text = ""
            for (name, value) in fields {
                text += "--B\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            text += "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\n"
            text += "Total due: 99.00 EUR\r\n--B\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\nWho pays?\r\n--B--\r\n"
            return ByteBuffer(string: text)
        }
        let multipart: HTTPFields = [.contentType: "multipart/form-data; boundary=B"]
        try await fixture.application.test(.router) { client in
            let uploaded = try await client.execute(uri: "/v1/documents?question=Total", method: .post, headers: bearer(key, multipart),
                                                    body: body([("question", "Invoice number"), ("priority", "7"), ("name", "from-form.txt")]))
            #expect(uploaded.status == .accepted, "\(String(buffer: uploaded.body))")
            let receipt = try json(uploaded)
            let job = try #require(receipt["job"] as? [String: Any])
            #expect(job["questions"] as? [String] == ["Total", "Invoice number", "Who pays?"])
            #expect(job["priority"] as? Int == 7)
            #expect((receipt["document"] as? [String: Any])?["name"] as? String == "from-form.txt")

            let twice = try await client.execute(uri: "/v1/documents?priority=1", method: .post, headers: bearer(key, multipart),
                                                 body: body([("priority", "2")]))
            #expect(twice.status == .badRequest)
            #expect((try json(twice)["detail"] as? String)?.contains("priority is given twice") == true)
            let wrong = try await client.execute(uri: "/v1/documents", method: .post, headers: bearer(key, multipart),
                                                 body: body([("priority", "soon")]))
            #expect(wrong.status == .badRequest)
            #expect(try json(try await client.execute(uri: "/v1/jobs", method: .get, headers: bearer(key)))["items"] as? [Any] != nil)
        }
    }

    /// A JSON value as text with its keys sorted, for comparing values parsed apart.
    private func canonical(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func explainGivesEachAnswerWithTheExplanationOfTheRunThatGaveIt() async throws {
        let fixture = try fixture()
        let id = try fixture.readDocument(["Northwind Office Supply", "Invoice number: NW-2026-0314", "Invoice date: 2026-03-14",
                                           "Total due: 1,237.60 EUR"])
        let (key, readKey) = (fixture.submitKey, fixture.readKey)
        let questions = #"["What is the total due?", "Invoice date", "Who signed the contract?"]"#
        let jsonBody: HTTPFields = [.contentType: "application/json"]
        try await fixture.application.test(.router) { client in
            func ask(_ query: String = "", body: String? = nil, key asker: String? = nil) async throws -> TestResponse {
                try await client.execute(uri: "/v1/documents/\(id)/questions\(query)", method: .post, headers: bearer(asker ?? key, jsonBody),
                                         body: ByteBuffer(string: body ?? #"{"questions": \#(questions)}"#))
            }
            let plain = try await ask()
            #expect(plain.status == .ok, "\(String(buffer: plain.body))")
            let explained = try await ask("?explain=true")
            #expect(explained.status == .ok, "\(String(buffer: explained.body))")
            #expect(explained.headers[.contentType] == "application/json")

            let answers = try #require(try json(plain)["items"] as? [[String: Any]])
            #expect(answers.allSatisfy { $0["explanation"] == nil }, "without explain, no explanation")
            let items = try #require(try json(explained)["items"] as? [[String: Any]])
            #expect(try json(explained).keys.contains("next_cursor"))
            try #require(items.count == 3 && answers.count == 3)
            for (item, answer) in zip(items, answers) {
                let question = answer["question"] as? String ?? ""
                var withoutExplanation = item
                let explanation = try #require(withoutExplanation.removeValue(forKey: "explanation") as? [String: Any], "\(question)")
                #expect(try canonical(withoutExplanation) == canonical(answer), "\(question): the answer explained is the answer given")
                #expect(Set(explanation.keys) == ["analysis", "attempts", "decided_by", "candidates", "reason"], "\(question)")
                #expect(explanation["decided_by"] as? String == answer["answered_by"] as? String, "\(question)")
                let attempts = try #require(explanation["attempts"] as? [[String: Any]])
                #expect(!attempts.isEmpty, "\(question)")
                guard let text = answer["answer"] as? String else { continue }
                let decider = try #require(answer["answered_by"] as? String)
                #expect(attempts.last?["answerer"] as? String == decider && attempts.last?["outcome"] as? String == "answered")
                #expect((explanation["reason"] as? String)?.hasPrefix("\(decider): ") == true, "\(question)")
                let candidates = try #require(explanation["candidates"] as? [[String: Any]])
                #expect(!candidates.isEmpty && candidates.count <= 5, "\(question)")
                #expect(candidates.first?["text"] as? String == text, "\(question)")
                #expect(try canonical(candidates.first?["evidence"]) == canonical(answer["evidence"]), "\(question)")
            }
            #expect(answers[0]["answer"] as? String == "1,237.60 EUR" && answers[0]["answered_by"] as? String == "label")
            #expect(answers[1]["answered_by"] as? String == "form_key_value")
            #expect(answers[2]["answer"] is NSNull, "the contract's signer is not in the invoice")

            let inBody = try await ask(body: #"{"questions": \#(questions), "explain": true}"#)
            #expect(inBody.status == .ok)
            #expect(inBody.body == explained.body, "explain in the body is explain in the query")
            for (query, body) in [("?explain=false", #"{"questions": \#(questions)}"#), ("", #"{"questions": \#(questions), "explain": false}"#),
                                  ("?explain=true", #"{"questions": \#(questions), "explain": true}"#)] {
                let again = try await ask(query, body: body)
                #expect(again.body == (query == "?explain=true" ? explained.body : plain.body), "\(query) \(body)")
            }

            for (query, body, detail) in [
                ("?explain=maybe", #"{"questions": \#(questions)}"#, "explain 'maybe' must be true or false"),
                ("", #"{"questions": \#(questions), "explain": "yes"}"#, "explain in the body must be true or false"),
                ("", #"{"questions": \#(questions), "explain": null}"#, "explain in the body must be true or false"),
                ("?explain=true", #"{"questions": \#(questions), "explain": false}"#, "explain is given twice"),
            ] {
                let refused = try await ask(query, body: body)
                #expect(refused.status == .badRequest, "\(query) \(body)")
                #expect(refused.headers[.contentType] == "application/problem+json")
                let problem = try json(refused)
                #expect(problem["code"] as? String == "bad_request", "\(problem)")
                #expect((problem["detail"] as? String)?.contains(detail) == true, "\(problem)")
            }
            let read = try await ask("?explain=true", key: readKey)
            #expect(read.status == .forbidden, "a read key may not ask, with or without explain")
            #expect(try json(read)["code"] as? String == "forbidden")
        }
    }
}
