import DocketModel
@testable import DocketStore
import Foundation
import Testing

@Suite struct PassageVectorStoreTests {
    static let model = EncoderModel(name: "test-encoder", dimension: 4)

    static func page(_ number: Int, _ lines: [String]) -> Page {
        let pageLines = lines.enumerated().map { row, text in
            Line(wordIndices: [], box: Box(x0: 10, y0: Double(row) * 12, x1: 200, y1: Double(row) * 12 + 10), text: text)
        }
        return Page(number: number, width: 300, height: 400, source: .plainText, words: [], lines: pageLines)
    }

    @Test func vectorsAreStoredAsLittleEndianFloat32() {
        let vector: [Float] = [1, -0.5, .pi, 0]
        let bytes = PassageVector.bytes(of: vector)
        #expect(bytes.count == 16)
        #expect(Array(bytes[0..<4]) == [0x00, 0x00, 0x80, 0x3F])
        #expect(Array(bytes[4..<8]) == [0x00, 0x00, 0x00, 0xBF])
        #expect(PassageVector.vector(from: bytes) == vector)
    }

    @Test(arguments: Backend.allCases) func vectorsRoundTripWithTheirPageBoxAndText(backend: Backend) throws {
        let store = try backend.makeStore()
        let invoice = try storeReadDocument(store, name: "invoice.txt", pages: [Self.page(1, ["Invoice 17"]), Self.page(2, ["Pay within 30 days"])])
        let letter = try storeReadDocument(store, name: "letter.txt", pages: [Self.page(1, ["Dear Ms Keller"])], type: .letter)
        #expect(try store.documentsWithoutVectors(model: Self.model, in: DocumentFilter()) == [invoice, letter])

        let vectors = [
            PassageVector(page: 1, passage: Passage(index: 0, text: "Invoice 17", box: Box(x0: 10, y0: 0, x1: 200, y1: 10)),
                          vector: [0.5, -0.25, 1e-7, .greatestFiniteMagnitude]),
            PassageVector(page: 2, passage: Passage(index: 0, text: "Pay within 30 days\nor else", box: Box(x0: 1.5, y0: 2.25, x1: 3, y1: 4)),
                          vector: [0, 0, 1, -1]),
        ]
        try store.replacePassageVectors(of: invoice, with: vectors, model: Self.model)
        // A document with nothing to embed is marked as done all the same.
        try store.replacePassageVectors(of: letter, with: [], model: Self.model)

        #expect(try store.documentsWithoutVectors(model: Self.model, in: DocumentFilter()).isEmpty)
        #expect(try store.documentsWithoutVectors(model: EncoderModel(name: "other", dimension: 4), in: DocumentFilter()) == [invoice, letter])
        let stored = try store.passageVectors(model: Self.model, in: DocumentFilter())
        #expect(stored == vectors.map { StoredPassageVector(documentID: invoice, documentName: "invoice.txt", documentType: .other, passageVector: $0) })
        #expect(try store.passageVectors(model: Self.model, in: DocumentFilter(type: .letter)).isEmpty)
        #expect(try store.passageVectors(model: EncoderModel(name: "other", dimension: 4), in: DocumentFilter()).isEmpty)

        // Replacing keeps one set of vectors per document.
        try store.replacePassageVectors(of: invoice, with: Array(vectors.prefix(1)), model: Self.model)
        #expect(try store.passageVectors(model: Self.model, in: DocumentFilter()).map(\.passageVector) == Array(vectors.prefix(1)))

        #expect(throws: StoreError.documentNotFound(999)) { try store.replacePassageVectors(of: 999, with: [], model: Self.model) }
    }

    @Test(arguments: Backend.allCases) func readingADocumentAgainDropsItsVectors(backend: Backend) throws {
        let store = try backend.makeStore()
        let document = try storeReadDocument(store, name: "invoice.txt", pages: [Self.page(1, ["Invoice 17"])])
        try store.replacePassageVectors(
            of: document, with: [PassageVector(page: 1, passage: Passage(index: 0, text: "Invoice 17", box: Box(x0: 0, y0: 0, x1: 1, y1: 1)),
                                               vector: [1, 0, 0, 0])],
            model: Self.model)
        try writeResults(store) { writer in try writer.replacePages(of: document, with: [Self.page(1, ["Invoice 18"])]) }
        #expect(try store.passageVectors(model: Self.model, in: DocumentFilter()).isEmpty)
        #expect(try store.documentsWithoutVectors(model: Self.model, in: DocumentFilter()) == [document])
    }

    @Test(arguments: Backend.allCases) func deletingADocumentDeletesItsVectors(backend: Backend) throws {
        let store = try backend.makeStore()
        let document = try storeReadDocument(store, name: "invoice.txt", pages: [Self.page(1, ["Invoice 17"])])
        try store.replacePassageVectors(
            of: document, with: [PassageVector(page: 1, passage: Passage(index: 0, text: "Invoice 17", box: Box(x0: 0, y0: 0, x1: 1, y1: 1)),
                                               vector: [1, 0, 0, 0])],
            model: Self.model)
        _ = try store.deleteDocument(document)
        #expect(try count("SELECT count(*) FROM passage_vectors", in: store) == 0)
        #expect(try count("SELECT count(*) FROM embedded_documents", in: store) == 0)
    }

    @Test func aPageWithoutLayoutIsEmbeddedAFewLinesAtATime() {
        let page = Self.page(1, (1...8).map { "line \($0)" } + ["  "])
        let passages = page.passages
        #expect(passages.map(\.index) == [0, 1])
        #expect(passages[0].text == (1...6).map { "line \($0)" }.joined(separator: "\n"))
        #expect(passages[1].text == "line 7\nline 8")
        #expect(passages[1].box == Box(x0: 10, y0: 72, x1: 200, y1: 94))
    }
}
