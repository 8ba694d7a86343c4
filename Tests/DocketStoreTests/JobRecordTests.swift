import DocketModel
@testable import DocketStore
import Testing

@Suite struct JobRecordTests {
    @Test(arguments: Backend.allCases) func aJobRecordCarriesTheKeyItWasSubmittedWith(backend: Backend) throws {
        let store = try backend.makeStore()
        let keyed = DocumentToQueue(name: "a.txt", bytes: Array("a".utf8), mediaType: .plainText, sha256: "a-sha")
        let plain = DocumentToQueue(name: "b.txt", bytes: Array("b".utf8), mediaType: .plainText, sha256: "b-sha")
        let first = try store.enqueue([keyed], options: SubmitOptions(idempotencyKey: "order-77"))[0]
        let second = try store.enqueue([plain], options: SubmitOptions())[0]
        #expect(try store.job(first.jobID).idempotencyKey == "order-77")
        #expect(try store.job(second.jobID).idempotencyKey == nil)
        #expect(try store.jobs().map(\.idempotencyKey).sorted { ($0 ?? "") < ($1 ?? "") } == [nil, "order-77"])
    }
}
