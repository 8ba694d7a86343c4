import DocketAnswer
import Testing

@Suite struct AnswerScoringTests {
    @Test func anlsFollowsDocVQA() {
        #expect(AnswerScoring.anls("9/3/92", answers: ["9/3/92"]) == 1)
        #expect(AnswerScoring.anls("  TOTAL   Due ", answers: ["total due"]) == 1)
        // One edit in six characters: similarity 5/6.
        #expect(abs(AnswerScoring.anls("9/3/93", answers: ["9/3/92"]) - 5.0 / 6) < 1e-9)
        // Half or more of the characters wrong scores nothing.
        #expect(AnswerScoring.anls("abcdef", answers: ["abcxyz"]) == 0)
        #expect(AnswerScoring.anls("figure 2", answers: ["2", "figure 2"]) == 1)
        #expect(AnswerScoring.anls(nil, answers: ["x"]) == 0)
    }

    @Test func exactMatchIgnoresCaseAndSpacing() {
        #expect(AnswerScoring.exactMatch("Acme  GmbH", answers: ["acme gmbh"]))
        #expect(!AnswerScoring.exactMatch("Acme", answers: ["acme gmbh"]))
    }

    @Test func kindScoreCountsCoverageAndF1OfYes() {
        var score = KindScore(kind: "finding")
        score.add(prediction: "yes", answers: ["yes"])
        score.add(prediction: "yes", answers: ["no"])
        score.add(prediction: "no", answers: ["yes"])
        score.add(prediction: nil, answers: ["no"])
        score.add(prediction: "no", answers: nil)
        #expect(score.questions == 5 && score.scored == 4 && score.answered == 4)
        #expect(score.coverage == 0.8)
        #expect(score.f1OfYes == 0.5)
        #expect(score.exactMatch == 0.25)
    }

    @Test func f1OfYesCountsOnlyYesNoQuestions() {
        var score = KindScore(kind: "key-value")
        score.add(prediction: "yes", answers: ["Yes, twice"])
        score.add(prediction: "no", answers: ["9/3/92"])
        #expect(score.f1OfYes == nil)
    }

    @Test func anAnswerIsRightWhateverItsSpacing() {
        #expect(AnswerScoring.isRight("9/3/92", answers: ["9/ 3/ 92"]))
        #expect(!AnswerScoring.isRight("xX", answers: ["X"]))
        #expect(!AnswerScoring.isRight("11.25", answers: ["29.10"]))
        #expect(!AnswerScoring.isRight(nil, answers: ["x"]))
    }

    @Test func kindScoreCountsHowOftenConfidentAnswersAreRight() {
        var score = KindScore(kind: "field")
        score.add(prediction: "23.80", answers: ["23.80"], confidence: 0.9)
        score.add(prediction: "2.38", answers: ["23.80"], confidence: 0.85)
        score.add(prediction: "23.80", answers: ["23.80"], confidence: 0.5)
        score.add(prediction: nil, answers: ["23.80"], confidence: 0.95)
        #expect(score.confident == 2)
        #expect(score.confidentRight == 1)
        #expect(score.confidentRightShare == 0.5)
        #expect(KindScore(kind: "open").confidentRightShare == nil)
    }
}
