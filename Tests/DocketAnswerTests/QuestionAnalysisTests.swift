import DocketAnswer
import Testing

@Suite struct QuestionAnalysisTests {
    @Test(arguments: [
        ("What is the date of birth?", "date of birth"),
        ("what are the terms of payment ?", "terms of payment"),
        ("What is Brand(s) Applicable?", "brand(s) applicable"),
        ("What's the account number?", "account number"),
    ])
    func aWhatIsQuestionNamesTheLabelItAsksAbout(question: String, label: String) {
        #expect(QuestionAnalysis(question).askedLabel == label)
    }

    @Test(arguments: [
        "Date of birth:",
        "What is the date of birth",
        "How many packages were delivered?",
        "Who signed the contract?",
        "What is the name of the company / store that issued this receipt?",
        "What is the ?",
    ])
    func otherQuestionsNameNoLabel(question: String) {
        #expect(QuestionAnalysis(question).askedLabel == nil)
    }
}
