import DocketQueue
import Foundation
import Testing

/// clients/python/docket_client.py run by a real `python3` against a real `docket serve`.
@Suite struct PythonClientTests {
    static let client = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "clients/python/docket_client.py")

    /// The first `python3` on PATH; a missing one fails the test, it is not skipped.
    static func python() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appending(path: "python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw PythonMissing()
    }

    struct PythonMissing: Error, CustomStringConvertible {
        var description: String {
            "python3 was not found on PATH; the Python client's tests need it (deploy/install-packages.sh installs it)."
        }
    }

    /// Runs `python3 ARGUMENTS` with the client's folder importable: status, stdout, stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try python()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = client.deletingLastPathComponent().path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func uploadsWaitsAndReadsAnswers() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase(), arguments: ["--workers", "1"])
        let key = try server.key("submit")
        let invoice = Samples.folder.appending(path: "invoice.pdf").path

        let result = try Self.run([Self.client.path, server.baseURL.absoluteString, key, invoice, "What is the total due?"])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = try #require(Self.json(result.stdout) as? [[String: Any]], "\(result.stdout)")
        let answer = try #require(answers.first)
        #expect(answer["question"] as? String == "What is the total due?")
        #expect(answer["answer"] is String, "\(result.stdout)")
        #expect(answer["evidence"] is [String: Any], "\(result.stdout)")

        // The same file again through the library: the idempotency key returns the first job, and
        // the document's fields and job read back.
        let script = """
            import json, sys
            from docket_client import DocketClient
            client = DocketClient(sys.argv[1], sys.argv[2])
            first = client.upload(sys.argv[3], questions=["Invoice number"], idempotency_key="order-4711")
            again = client.upload(sys.argv[3], questions=["Invoice number"], idempotency_key="order-4711")
            job = client.wait_for(first["job"]["id"], timeout=300)
            fields = client.fields(first["document"]["id"])
            print(json.dumps({"same_job": again["job"]["id"] == first["job"]["id"], "reused": again["reused_job"],
                              "state": job["state"], "state_now": client.job(job["id"])["state"],
                              "fields": [field["name"] for field in fields]}))
            """
        let library = try Self.run(["-c", script, server.baseURL.absoluteString, key, invoice])
        #expect(library.status == 0, "\(library.stderr)")
        let read = try #require(Self.json(library.stdout) as? [String: Any], "\(library.stdout)")
        #expect(read["same_job"] as? Bool == true)
        #expect(read["reused"] as? Bool == true)
        #expect(read["state"] as? String == "succeeded")
        #expect(read["state_now"] as? String == "succeeded")
        #expect((read["fields"] as? [String])?.contains("total") == true, "\(library.stdout)")
        #expect(server.stop() == 0)
    }

    @Test func aRefusedRequestIsADocketErrorWithItsProblemCode() async throws {
        let server = try ServerProcess(database: try Backend.sqlite.newDatabase())
        let reader = try server.key("read")
        let script = """
            import json, sys
            from docket_client import DocketClient, DocketError
            refused = []
            for call in (lambda client: client.upload(b"hello\\n", questions=["Total"]),
                         lambda client: client.answers(999)):
                try:
                    call(DocketClient(sys.argv[1], sys.argv[2]))
                except DocketError as error:
                    refused.append({"code": error.code, "status": error.status, "detail": error.detail})
            print(json.dumps(refused))
            """
        let result = try Self.run(["-c", script, server.baseURL.absoluteString, reader])
        #expect(result.status == 0, "\(result.stderr)")
        let refused = try #require(Self.json(result.stdout) as? [[String: Any]], "\(result.stdout)")
        try #require(refused.count == 2, "\(result.stdout)")
        #expect(refused[0]["code"] as? String == "forbidden")
        #expect(refused[0]["status"] as? Int == 403)
        #expect((refused[0]["detail"] as? String)?.contains("--scope submit") == true)
        #expect(refused[1]["code"] as? String == "not_found")
        #expect(refused[1]["status"] as? Int == 404)
        // Nothing was stored by the refused upload.
        #expect(try await server.request("GET", "/v1/documents/1", key: reader).status == 404)

        let usage = try Self.run([Self.client.path])
        #expect(usage.status == 64)
        #expect(usage.stderr.hasPrefix("usage: "))
        #expect(server.stop() == 0)
    }

    @Test func verifySignatureMatchesDocketsOwnSignature() throws {
        let secret = "whsec-\(UUID().uuidString)"
        let body = #"{"event_id":"evt_1","job":{"document_name":"facture-été.pdf","state":"succeeded"},"type":"job.succeeded"}"#
        let now = Int(Date().timeIntervalSince1970)
        let fresh = WebhookSignature.header(secret: secret, timestamp: now, body: body)
        let old = WebhookSignature.header(secret: secret, timestamp: now - 3_600, body: body)
        let script = """
            import json, sys
            from docket_client import verify_signature
            secret, fresh, old, body = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].encode("utf-8")
            print(json.dumps({
                "fresh": verify_signature(fresh, secret, body),
                "fresh_text": verify_signature(fresh, secret, body.decode("utf-8")),
                "tampered": verify_signature(fresh, secret, body.replace(b"succeeded", b"failed")),
                "other_secret": verify_signature(fresh, secret + "x", body),
                "old": verify_signature(old, secret, body),
                "old_without_time_check": verify_signature(old, secret, body, tolerance=None),
                "garbled": verify_signature("t=abc,v1=00", secret, body),
            }))
            """
        let result = try Self.run(["-c", script, secret, fresh, old, body])
        #expect(result.status == 0, "\(result.stderr)")
        let verdicts = try #require(Self.json(result.stdout) as? [String: Bool], "\(result.stdout)")
        #expect(verdicts["fresh"] == true)
        #expect(verdicts["fresh_text"] == true)
        #expect(verdicts["tampered"] == false)
        #expect(verdicts["other_secret"] == false)
        #expect(verdicts["old"] == false)
        #expect(verdicts["old_without_time_check"] == true)
        #expect(verdicts["garbled"] == false)
    }
}
