import Foundation
import Testing

/// Several clients uploading the same bytes at once.
@Suite struct ConcurrentUploadTests {
    static let clients = 8

    @Test(arguments: Backend.allCases)
    func theSameBytesAtOnceMakeOneDocument(backend: Backend) async throws {
        let server = try ServerProcess(database: try backend.newDatabase())
        let key = try server.key("submit")
        let pdf = try Samples.bytes("invoice.pdf")
        let replies = try await uploadAtOnce(pdf, to: server, key: key)

        for reply in replies { #expect([200, 202].contains(reply.status), "\(reply.text)") }
        let documentIDs = Set(replies.map { ($0.json["document"] as? [String: Any])?["id"] as? Int })
        #expect(documentIDs.count == 1 && documentIDs.first != nil, "\(documentIDs)")
        let sha256 = try #require((replies.first?.json["document"] as? [String: Any])?["sha256"] as? String, "\(replies.first?.text ?? "")")
        #expect(try rowCount("docket_documents", where: "sha256 = '\(sha256)'", database: server.database) == 1)
        #expect(server.stop() == 0)
    }

    @Test(arguments: Backend.allCases)
    func theSameIdempotencyKeyAtOnceMakesOneJob(backend: Backend) async throws {
        let server = try ServerProcess(database: try backend.newDatabase())
        let key = try server.key("submit")
        let replies = try await uploadAtOnce(try Samples.bytes("invoice.pdf"), to: server, key: key,
                                             headers: ["Idempotency-Key": "order-concurrent"])

        for reply in replies { #expect([200, 202].contains(reply.status), "\(reply.text)") }
        let jobIDs = Set(replies.map { ($0.json["job"] as? [String: Any])?["id"] as? Int })
        #expect(jobIDs.count == 1 && jobIDs.first != nil, "\(jobIDs)")
        #expect(replies.filter { $0.status == 202 }.count == 1, "one upload makes the job; the others are told of it")
        // The store is new, so every job in it came from these uploads.
        #expect(try rowCount("docket_jobs", database: server.database) == 1)
        #expect(server.stop() == 0)
    }

    private func uploadAtOnce(_ bytes: Data, to server: ServerProcess, key: String,
                              headers: [String: String] = [:]) async throws -> [ServerProcess.Reply] {
        try await withThrowingTaskGroup(of: ServerProcess.Reply.self) { group in
            for _ in 0..<Self.clients {
                group.addTask {
                    try await server.request("POST", "/v1/documents", key: key, body: bytes,
                                             headers: headers.merging(["Content-Type": "application/pdf"]) { first, _ in first })
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
