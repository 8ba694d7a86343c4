@testable import DocketAnswer
import DocketModel
import Testing

@Suite struct LiteralSearchTests {
    @Test func findsPhrasesByTheirBytes() {
        #expect(LiteralSearch.contains(" invoice no: 4711 ", "invoice no"))
        #expect(LiteralSearch.contains("größe", "öß"))
        #expect(!LiteralSearch.contains("invoice", "invoices"))
        #expect(!LiteralSearch.contains("", "a"))
        #expect(LiteralSearch.contains("abc", ""))
    }

    @Test func receiptCuesMatchWholeWordsOnly() {
        let text = Array("abc trading sdn. bhd (co. 123)".utf8)
        #expect(ReceiptLine.contains(text, word: "sdn. bhd"))
        #expect(ReceiptLine.contains(text, word: "co"))
        #expect(!ReceiptLine.contains(text, word: "ab"))
        #expect(!ReceiptLine.contains(text, word: "trad"))
        // A later occurrence on word boundaries counts when the first is inside a word.
        #expect(ReceiptLine.contains(Array("cocoa co".utf8), word: "co"))
        #expect(!ReceiptLine.contains(Array("écoé".utf8), word: "co"))
        #expect(ReceiptLine.contains(Array("café".utf8), word: "café"))
    }
}
