@testable import DocketAnswer
import Testing

@Suite struct WordNormalizerTests {
    @Test func comparisonKeysKeepLowerCasedLettersAndDigits() {
        #expect(WordNormalizer.comparisonKey("Figs.") == "figs")
        #expect(WordNormalizer.comparisonKey("Name/Phone Ext.:") == WordNormalizer.comparisonKey("Name / Phone Ext. :"))
        #expect(WordNormalizer.comparisonKey("(10,000)") == "10000")
        #expect(WordNormalizer.words(in: "Cost-of-Goods: 2024") == ["cost", "of", "goods", "2024"])
        #expect(WordNormalizer.prefixStem(ofKey: "packages", length: 5) == "packa")
    }

    /// ASCII words take a shorter way to their key than the rest; both ways agree.
    @Test func comparisonKeysAgreeOnASCIIAndOtherWords() {
        #expect(WordNormalizer.comparisonKey("Größe:") == "größe")
        #expect(WordNormalizer.comparisonKey("N°12") == "n12")
        #expect(WordNormalizer.comparisonKey("ÉTÉ-2024") == "été2024")
        #expect(WordNormalizer.comparisonKey("A_b\tZ9") == "abz9")
        #expect(WordNormalizer.comparisonKey("") == "")
    }

    @Test func openQuestionStemsFoldPluralsAndAbbreviations() {
        #expect(WordNormalizer.stem(ofKey: "figs") == "figure")
        #expect(WordNormalizer.stem(ofKey: "tel") == "phone")
        #expect(WordNormalizer.stem(ofKey: "boxes") == "box")
        #expect(WordNormalizer.stem(ofKey: "classes") == "class")
        #expect(WordNormalizer.stem(ofKey: "companies") == "company")
        #expect(WordNormalizer.stem(ofKey: "status") == "status")
    }

    /// The three singulars differ, and each reader keeps its own.
    @Test func eachReaderFoldsPluralsAsFarAsItsVocabularyNeeds() {
        #expect(WordNormalizer.tableHeaderSingular("taxes") == "taxe")
        #expect(WordNormalizer.stem(ofKey: "taxes") == "tax")
        #expect(WordNormalizer.findingTermKey(ofLowercased: "taxes") == "tax")
        #expect(WordNormalizer.tableHeaderSingular("basis") == "basi")
        #expect(WordNormalizer.findingTermKey(ofLowercased: "atelectasis") == "atelectasis")
        #expect(WordNormalizer.findingTermKey(ofLowercased: "pneumothoraces") == "pneumothorax")
        #expect(WordNormalizer.findingTermKey(ofLowercased: "opacities") == "opacity")
        #expect(WordNormalizer.findingTermKey(ofLowercased: "xxxx-year-old") == WordNormalizer.deidentifiedWord)
    }
}
