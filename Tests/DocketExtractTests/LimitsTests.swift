@testable import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

@Suite struct ExtractLimitsTests {
    @Test func theTextAndWordLimitsHaveTheirDefaultsAndAreRaisedByTheirVariables() {
        let defaults = ExtractLimits.fromEnvironment([:])
        #expect(defaults.maxTextBytes == 10_000_000)
        #expect(defaults.maxPageWords == 20_000)
        #expect(defaults.maxDocumentWords == 1_000_000)
        let raised = ExtractLimits.fromEnvironment([
            "DOCKET_MAX_TEXT_BYTES": "50000000", "DOCKET_MAX_PAGE_WORDS": "40000", "DOCKET_MAX_DOCUMENT_WORDS": "3000000",
        ])
        #expect(raised.maxTextBytes == 50_000_000)
        #expect(raised.maxPageWords == 40_000)
        #expect(raised.maxDocumentWords == 3_000_000)
    }

    @Test func valuesThatAreNoPositiveNumberLeaveTheDefaults() {
        let limits = ExtractLimits.fromEnvironment([
            "DOCKET_MAX_TEXT_BYTES": "ten", "DOCKET_MAX_PAGE_WORDS": "0", "DOCKET_MAX_DOCUMENT_WORDS": "-5",
        ])
        #expect(limits == ExtractLimits())
    }

    @Test func eachMessageNamesTheValueTheLimitAndTheVariableThatRaisesIt() {
        let messages = [
            (ExtractError.textTooLarge(bytes: 50_000_000, limit: 10_000_000), ["50000000 bytes", "10000000", "DOCKET_MAX_TEXT_BYTES"]),
            (ExtractError.tooManyWordsOnPage(page: 3, count: 25_000, limit: 20_000), ["Page 3", "25000 words", "20000", "DOCKET_MAX_PAGE_WORDS"]),
            (ExtractError.tooManyWords(count: 1_000_100, limit: 1_000_000), ["1000100 words", "1000000", "DOCKET_MAX_DOCUMENT_WORDS"]),
        ]
        for (error, phrases) in messages {
            #expect(error.isPermanent)
            for phrase in phrases { #expect(error.description.contains(phrase), "\(error.description)") }
        }
    }

    @Test func theTallyRefusesAPageOverItsLimitAndADocumentOverItsOwn() throws {
        var words = WordTally(limits: ExtractLimits(maxPageWords: 10, maxDocumentWords: 25))
        #expect(throws: ExtractError.tooManyWordsOnPage(page: 1, count: 11, limit: 10)) { try words.add(11, onPage: 1) }
        try words.add(10, onPage: 1)
        try words.add(10, onPage: 2)
        #expect(throws: ExtractError.tooManyWords(count: 30, limit: 25)) { try words.add(10, onPage: 3) }
    }

    @Test func aDocumentIsWeighedBeforeItsBytesAreLoaded() throws {
        let limits = ExtractLimits(maxTextBytes: 1_000)
        #expect(throws: ExtractError.textTooLarge(bytes: 1_001, limit: 1_000)) { try limits.checkSize(1_001, of: .plainText) }
        try limits.checkSize(1_000, of: .plainText)
        try limits.checkSize(1_000_000, of: .pdf)
    }
}

@Suite struct PlainTextLimitTests {
    @Test func aTextFileOverTheByteLimitIsRefused() throws {
        let bytes = Array(String(repeating: "lorem ipsum ", count: 100).utf8)
        #expect(throws: ExtractError.textTooLarge(bytes: 1_200, limit: 1_000)) {
            try openDocument(bytes, as: .plainText, limits: ExtractLimits(maxTextBytes: 1_000))
        }
    }

    @Test func aTextPageOverTheWordLimitIsRefusedWithItsCount() throws {
        let text = "short page\u{0C}" + String(repeating: "word ", count: 150)
        let reader = try openDocument(Array(text.utf8), as: .plainText, limits: ExtractLimits(maxPageWords: 100))
        #expect(try reader.readPage(1) { try OCREngine() }.words.count == 2)
        #expect(throws: ExtractError.tooManyWordsOnPage(page: 2, count: 150, limit: 100)) {
            try reader.readPage(2) { try OCREngine() }
        }
    }

    @Test func aTextFileOfMorePagesThanTheLimitIsRefused() throws {
        let text = String(repeating: "page\u{0C}", count: 5) + "last"
        #expect(throws: ExtractError.tooManyPages(count: 6, limit: 5)) {
            try openDocument(Array(text.utf8), as: .plainText, limits: ExtractLimits(maxPages: 5))
        }
    }
}
