import Testing
@testable import DocketAnswer

/// The byte-by-byte counts of ASCII text agree with `Character`'s own properties, and text that is
/// not ASCII is counted by them.
@Suite struct CharacterCountsTests {
    static let texts = [
        "", "TOTAL RM 12.50", "Invoice No. INV-2026/0314, due 30 days", "  \t\r\n!@#[]{}~`_^|\\",
        "Straße 5, 10115 Berlin", "Ünïcödé ÀÉÎ ½ ٣ 漢字 x²", "NO.8,JALAN LANG KUNING 52100",
    ]

    @Test(arguments: texts) func countsLettersDigitsAndCapitalsAsCharacterPropertiesDo(text: String) {
        let counts = CharacterCounts(text)
        #expect(counts.letters == text.filter(\.isLetter).count)
        #expect(counts.digits == text.filter(\.isNumber).count)
        #expect(counts.capitals == text.filter(\.isUppercase).count)
    }

    @Test(arguments: texts) func splitsIntoTheRunsOfLettersThatSplittingOnNonLettersGives(text: String) {
        #expect(WordNormalizer.letterRuns(in: text) == text.split { !$0.isLetter }.map(String.init))
    }
}
