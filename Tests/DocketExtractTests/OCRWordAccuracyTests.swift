import DocketModel
import Testing

@Suite struct OCRWordAccuracyTests {
    @Test func wordsReadRightAreTheLongestCommonSubsequenceOfTheWords() {
        let score = OCRWordAccuracy(read: "The qu1ck brown fox fox jumps", truth: "The quick brown fox jumps over")
        #expect(score.truthWords == 6)
        #expect(score.wordsReadRight == 4)
        #expect(abs(score.accuracy - 4.0 / 6.0) < 1e-12)
    }

    @Test func punctuationSeparatesWordsAndCaseCounts() {
        #expect(OCRWordAccuracy.words("$43,456.78 <lazy> E-mail") == ["43", "456", "78", "lazy", "E", "mail"])
        #expect(OCRWordAccuracy(read: "über den faulen hund", truth: "über den faulen Hund").wordsReadRight == 3)
    }

    @Test func wordsOutOfOrderAreNotAllRightAndTotalsCountEachWordOnce() {
        #expect(OCRWordAccuracy(read: "c b a", truth: "a b c").wordsReadRight == 1)
        let total = OCRWordAccuracy(read: "a b", truth: "a b") + OCRWordAccuracy(read: "", truth: "c d")
        #expect(total == OCRWordAccuracy(truthWords: 4, wordsReadRight: 2))
        #expect(total.accuracy == 0.5)
        #expect(OCRWordAccuracy(read: "anything", truth: "").accuracy == 1)
    }
}
