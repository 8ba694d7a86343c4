import DocketTestReceiver
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A document uploaded with `callback_url` is called back, signed, when its job ends: the HTTP API
/// and the webhook outbox together, through a real `docket serve` with a worker.
@Suite struct CallbackTests {
    @Test(arguments: Backend.allCases)
    func anUploadWithACallbackURLIsCalledBackWhenItsJobEnds(backend: Backend) async throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let server = try ServerProcess(database: try backend.newDatabase(), arguments: ["--workers", "1"])
        let key = try server.key("submit")
        let callback = receiver.url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? receiver.url
        let uploaded = try await server.request(
            "POST", "/v1/documents?question=What%20is%20the%20total%3F&callback_url=\(callback)", key: key,
            body: Data("Invoice\nTotal: 12.50 EUR\n".utf8), headers: ["Content-Type": "text/plain"])
        #expect(uploaded.status == 202, "\(uploaded.text)")
        let jobID = try #require((uploaded.json["job"] as? [String: Any])?["id"] as? Int)

        let request = try #require(receiver.waitForRequests(1).first)
        #expect(request.headers["docket-event-type"] == "job.succeeded")
        #expect(request.headers["docket-signature"]?.hasPrefix("t=") == true)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect((body["job"] as? [String: Any])?["id"] as? Int == jobID)
        #expect((body["answers"] as? [[String: Any]])?.first?["question"] as? String == "What is the total?")
        #expect(server.stop() == 0)
    }
}
