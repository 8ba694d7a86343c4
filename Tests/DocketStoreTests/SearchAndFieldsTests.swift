import DocketModel
@testable import DocketStore
import Foundation
import GRDB
import Testing

/// A one-page document whose page holds `lines`, read and stored.
@discardableResult
private func storeDocument(
    _ store: any Store, name: String, lines: [String], type: DocumentType = .other, fields: [DocumentField] = [], submittedAt: Double = 0
) throws -> Int64 {
    try storeReadDocument(store, name: name, pages: [page(lines)], type: type, fields: fields, submittedAt: submittedAt)
}

private func page(_ lines: [String]) -> Page {
    var words: [Word] = []
    var pageLines: [Line] = []
    for (row, text) in lines.enumerated() {
        let indices = text.split(separator: " ").map { token -> Int in
            words.append(Word(text: String(token), box: Box(x0: 0, y0: Double(row) * 10, x1: 10, y1: Double(row) * 10 + 8), confidence: 100))
            return words.count - 1
        }
        pageLines.append(Line(wordIndices: indices, box: Box(x0: 0, y0: Double(row) * 10, x1: 10, y1: Double(row) * 10 + 8), text: text))
    }
    return Page(number: 1, width: 100, height: 100, source: .plainText, words: words, lines: pageLines)
}

@Suite struct SearchTests {
    @Test(arguments: Backend.allCases) func findsPagesByWordsPhrasesAndPrefixesBestFirst(backend: Backend) throws {
        let store = try backend.makeStore()
        try storeDocument(store, name: "report.txt", lines: ["FINDINGS:", "No pleural effusion.", "Heart size normal."])
        try storeDocument(store, name: "other-report.txt", lines: ["Small effusion on the left, pleural thickening."])
        try storeDocument(store, name: "invoice.txt", lines: ["Invoice NW-2026-0314", "Total due: 1,237.60 EUR"])

        #expect(try store.search("pleural effusion").map(\.documentName).sorted() == ["other-report.txt", "report.txt"])
        #expect(try store.search("\"pleural effusion\"").map(\.documentName) == ["report.txt"])
        #expect(try store.search("invo*").map(\.documentName) == ["invoice.txt"])
        #expect(try store.search("effusion NOT thickening").map(\.documentName) == ["report.txt"])
        #expect(try store.search("NW-2026-0314").map(\.documentName) == ["invoice.txt"])
        #expect(try store.search("PLEURAL").count == 2)
        let hit = try #require(try store.search("total").first)
        #expect(hit.page == 1 && hit.snippet.contains("\(SearchHit.matchStart)Total\(SearchHit.matchEnd)"))
    }

    @Test(arguments: Backend.allCases) func filtersByTypeAndTime(backend: Backend) throws {
        let store = try backend.makeStore()
        try storeDocument(store, name: "old-receipt", lines: ["TOTAL 5.00"], type: .receipt, submittedAt: 1_000)
        try storeDocument(store, name: "new-receipt", lines: ["TOTAL 7.00"], type: .receipt, submittedAt: 2_000)
        try storeDocument(store, name: "invoice", lines: ["Total due 9.00"], type: .invoice, submittedAt: 2_000)
        #expect(try store.search("total", in: DocumentFilter(type: .receipt)).map(\.documentName).sorted() == ["new-receipt", "old-receipt"])
        #expect(try store.search("total", in: DocumentFilter(since: 1_500)).map(\.documentName).sorted() == ["invoice", "new-receipt"])
        #expect(try store.search("total", in: DocumentFilter(type: .receipt, until: 1_500)).map(\.documentName) == ["old-receipt"])
        #expect(try store.summaries(of: DocumentFilter(type: .receipt)).map(\.document.originalName) == ["old-receipt", "new-receipt"])
        #expect(try store.summaries(of: DocumentFilter(since: 1_500)).map(\.document.originalName) == ["new-receipt", "invoice"])
    }

    @Test(arguments: Backend.allCases) func theIndexFollowsPagesReadAgainAndDocumentsPruned(backend: Backend) throws {
        let store = try backend.makeStore()
        try storeDocument(store, name: "letter", lines: ["Dear Ms Keller"])
        // The same bytes read again: their pages are replaced.
        try storeDocument(store, name: "letter", lines: ["Dear Mr Brandt"])
        #expect(try store.search("Keller").isEmpty)
        #expect(try store.search("Brandt").count == 1)
        try execute("DELETE FROM pages", in: store)
        #expect(try store.search("Brandt").isEmpty)
    }

    @Test(arguments: Backend.allCases) func aQueryWithoutWordsSaysWhatToType(backend: Backend) throws {
        let store = try backend.makeStore()
        #expect(throws: StoreError.emptySearch) { try store.search("  \"\" OR ") }
    }
}

@Suite struct FieldsTests {
    private func field(_ name: String, _ text: String?, value: NormalizedValue? = nil, confidence: Double) -> DocumentField {
        DocumentField(name: name, answer: Answer(
            question: name, text: text, value: value, confidence: confidence,
            evidence: text == nil ? nil : Evidence(page: 1, box: Box(x0: 1, y0: 2, x1: 3, y1: 4), wordIndices: [0])))
    }

    @Test(arguments: Backend.allCases) func listsOneRowPerDocumentAndFieldWithFilters(backend: Backend) throws {
        let store = try backend.makeStore()
        try storeDocument(store, name: "cafe.png", lines: ["CAFE"], type: .receipt, fields: [
            field("vendor", "CAFE LINDENHOF", confidence: 0.9),
            field("total", "23.80", value: NormalizedValue(kind: .amount, text: "23.80", unit: "EUR"), confidence: 0.85),
            field("date", nil, confidence: 0),
        ], submittedAt: 100)
        try storeDocument(store, name: "shop.jpg", lines: ["SHOP"], type: .receipt, fields: [
            field("total", "RM 10.60", value: NormalizedValue(kind: .amount, text: "10.60", unit: "MYR"), confidence: 0.5),
        ], submittedAt: 200)
        try storeDocument(store, name: "bill.pdf", lines: ["BILL"], type: .invoice, fields: [field("total", "9.00", confidence: 0.95)], submittedAt: 300)

        let totals = try store.fields(named: "total", of: DocumentFilter(type: .receipt))
        #expect(totals.map(\.documentName) == ["cafe.png", "shop.jpg"])
        #expect(totals.map(\.field.answer.value?.text) == ["23.80", "10.60"])
        #expect(totals.first?.field.answer.evidence?.page == 1)
        #expect(try store.fields(named: "total", minimumConfidence: 0.8).map(\.documentName) == ["cafe.png", "bill.pdf"])
        #expect(try store.fields(of: DocumentFilter(since: 150)).map(\.documentName) == ["shop.jpg", "bill.pdf"])
        #expect(try store.fields(of: DocumentFilter(document: 2)).map(\.field.name) == ["total"])
        #expect(try store.fields(named: "date").isEmpty)
        #expect(try store.fields(named: "date", of: DocumentFilter(), minimumConfidence: nil, includeNotFound: true).map(\.field.answer.text) == [nil])
        #expect(try store.document(1).documentType == .receipt)
    }
}
