import Crypto
import DocketModel
@testable import DocketStore
import Foundation
import Testing

/// What the HTTP API keeps and asks of the store, on both backends.
@Suite struct APIStoreTests {
    private func document(_ text: String) -> DocumentToQueue {
        let bytes = Array(text.utf8)
        return DocumentToQueue(name: "\(text).txt", bytes: bytes, mediaType: .plainText, sha256: SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined())
    }

    @Test(arguments: Backend.allCases) func keysAreStoredRevokedAndListed(backend: Backend) throws {
        let store = try backend.makeStore()
        let first = try store.createAPIKey(name: "billing", scope: .submit, secretSHA256: String(repeating: "a", count: 64))
        let second = try store.createAPIKey(name: "dashboard", scope: .read, secretSHA256: String(repeating: "b", count: 64))
        #expect(second.id > first.id)
        #expect(try store.apiKey(first.id) == first)
        #expect(try store.revokeAPIKey(second.id))
        #expect(try !store.revokeAPIKey(second.id), "a key is revoked once")
        #expect(try !store.revokeAPIKey(9_999))
        let listed = try store.apiKeys()
        #expect(listed.map(\.name) == ["billing", "dashboard"])
        #expect(listed[1].revokedAt != nil && listed[0].revokedAt == nil)
        #expect(try store.apiKey(9_999) == nil)
    }

    @Test(arguments: Backend.allCases) func jobsPageByCursorAndFilterByDocument(backend: Backend) throws {
        let store = try backend.makeStore()
        let receipts = try (1...5).map { try store.enqueue([document("page \($0)")], options: SubmitOptions())[0] }
        let firstPage = try store.jobs(JobQuery(limit: 2))
        #expect(firstPage.map(\.id) == [receipts[4].jobID, receipts[3].jobID])
        let secondPage = try store.jobs(JobQuery(beforeID: firstPage.last?.id, limit: 2))
        #expect(secondPage.map(\.id) == [receipts[2].jobID, receipts[1].jobID])
        #expect(try store.jobs(JobQuery(document: receipts[0].documentID)).map(\.id) == [receipts[0].jobID])
        #expect(try store.jobs(JobQuery(state: .succeeded)).isEmpty)
    }

    @Test(arguments: Backend.allCases) func documentsAreStoredWithoutAJobAndDeletedUnlessAJobRuns(backend: Backend) throws {
        let store = try backend.makeStore()
        let stored = try store.storeDocument(document("stored alone"))
        #expect(!stored.reused)
        let again = try store.storeDocument(document("stored alone"))
        #expect(again.id == stored.id && again.reused)
        #expect(try store.jobs(JobQuery()).isEmpty)
        #expect(try store.deleteDocument(stored.id) == .deleted)
        #expect(throws: StoreError.documentNotFound(stored.id)) { try store.document(stored.id) }
        #expect(throws: StoreError.documentNotFound(stored.id)) { try store.deleteDocument(stored.id) }

        let receipt = try store.enqueue([document("being read")], options: SubmitOptions())[0]
        let claimed = try #require(try store.claimJob(worker: "test", lease: 60, leaseToken: "token"))
        #expect(try store.deleteDocument(receipt.documentID) == .jobRunning(job: claimed.id))
        #expect(try store.document(receipt.documentID).id == receipt.documentID)
        #expect(try store.releaseJob(claimed))
        #expect(try store.deleteDocument(receipt.documentID) == .deleted)
        #expect(try store.jobs(JobQuery()).isEmpty)
    }

    /// A document left in a file is written a chunk at a time: more than one chunk, taken from the
    /// middle of the file, arrives whole and exact, whether stored alone or with its job.
    @Test(arguments: Backend.allCases) func documentsInAFileAreStoredByteForByte(backend: Backend) throws {
        let store = try backend.makeStore()
        var generator = SystemRandomNumberGenerator()
        let document = (0..<(DocumentContent.chunkSize * 2 + 12_345)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let padding: [UInt8] = Array("preamble".utf8)
        let file = FileManager.default.temporaryDirectory.appending(path: "docket-content-\(UUID().uuidString)")
        try Data(padding + document + padding).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let content = DocumentContent.fileRange(path: file.path, offset: padding.count, count: document.count)
        let sha256 = SHA256.hash(data: Data(document)).map { String(format: "%02x", $0) }.joined()

        let stored = try store.storeDocument(DocumentToQueue(name: "large.bin", content: content, mediaType: .pdf, sha256: sha256))
        #expect(try store.content(of: stored.id).1 == document)
        #expect(try store.document(stored.id).byteCount == document.count)

        #expect(try store.deleteDocument(stored.id) == .deleted)
        let receipt = try store.enqueue([DocumentToQueue(name: "large.bin", content: content, mediaType: .pdf, sha256: sha256)],
                                        options: SubmitOptions())[0]
        #expect(try store.content(of: receipt.documentID).1 == document)
    }
}
