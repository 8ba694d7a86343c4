import DocketModel
import DocketQueue
@testable import DocketStore
import Foundation
import Testing

/// Files submitted from where they lie (an upload's file) are checked, hashed and stored a chunk
/// at a time, with the same outcome as the same bytes held in memory.
@Suite struct FileContentTests {
    private let folder = FileManager.default.temporaryDirectory.appending(path: "docket-file-content-\(UUID().uuidString)")

    private func file(_ bytes: [UInt8]) throws -> DocumentContent {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appending(path: UUID().uuidString)
        try Data(bytes).write(to: url)
        return try DocumentContent.file(url.path)
    }

    /// Text whose chunk boundary falls inside a multi-byte character.
    private func textAcrossAChunkBoundary() -> [UInt8] {
        Array(repeating: UInt8(ascii: "a"), count: DocumentContent.chunkSize - 1) + Array("€ and more text\n".utf8)
    }

    @Test func textIsRecognisedWhenACharacterIsSplitBetweenChunks() throws {
        let text = textAcrossAChunkBoundary()
        #expect(MediaType.detect(text) == .plainText)
        #expect(try MediaType.detect(file(text)) == .plainText)
    }

    @Test func aControlCharacterOrBrokenUTF8InALaterChunkIsNotText() throws {
        let withNUL = textAcrossAChunkBoundary() + [0x00]
        #expect(MediaType.detect(withNUL) == nil)
        #expect(try MediaType.detect(file(withNUL)) == nil)
        let cutShort = textAcrossAChunkBoundary() + [0xE2, 0x82]
        #expect(MediaType.detect(cutShort) == nil)
        #expect(try MediaType.detect(file(cutShort)) == nil)
    }

    @Test func encryptionIsFoundWhenItsMarkerStraddlesChunks() throws {
        let padding = DocumentContent.chunkSize - 4
        let pdf = Array("%PDF-1.7\n".utf8) + Array(repeating: UInt8(ascii: " "), count: padding) + Array("/Encrypt 5 0 R\n%%EOF\n".utf8)
        #expect(MediaType.pdfDeclaresEncryption(pdf))
        #expect(try MediaType.pdfDeclaresEncryption(file(pdf)))
        let plain = Array("%PDF-1.7\n".utf8) + Array(repeating: UInt8(ascii: " "), count: padding) + Array("/Encryp".utf8)
        #expect(try !MediaType.pdfDeclaresEncryption(file(plain)))
    }

    @Test func aFileAndTheSameBytesInMemoryAreOneDocument() throws {
        let store = try SQLiteStore(path: folder.appending(path: "db.sqlite").path)
        let queue = JobQueue(store: store)
        let text = textAcrossAChunkBoundary()
        let fromFile = try queue.submit([SubmittedFile(name: "from-file.txt", content: file(text))])[0]
        let fromMemory = try queue.submit([SubmittedFile(name: "from-memory.txt", bytes: text)])[0]
        #expect(fromFile.sha256 == JobQueue.sha256(text))
        #expect(try JobQueue.sha256(file(text)) == JobQueue.sha256(text))
        #expect(fromMemory.documentID == fromFile.documentID && fromMemory.reusedDocument)
        #expect(try store.content(of: fromFile.documentID) == (.plainText, text))
    }

    @Test func aFileThatCannotBeReadBackIsAClearErrorAndNothingIsStored() throws {
        let store = try SQLiteStore(path: folder.appending(path: "db.sqlite").path)
        let gone = DocumentContent.fileRange(path: folder.appending(path: "gone").path, offset: 0, count: 10)
        #expect(throws: DocumentContentError.self) { try JobQueue(store: store).submit([SubmittedFile(name: "gone.txt", content: gone)]) }
        #expect(try store.jobs(JobQuery()).isEmpty)
    }
}
