import DocketModel
import Testing
@testable import DocketAnswer

/// Each answer names the answerer that decided it, and `explain` gives the same answer with the
/// answerers it tried, the candidates the winner weighed and why it won.
@Suite struct AnswerExplanationTests {
    static let receipt = [gridPage([
        "CAFE LINDENHOF GMBH", "No. 12, Jalan Ampang,", "50450 Kuala Lumpur", "Tel: 03-2161 0000", "TAX INVOICE",
        "Date: 02/03/2026 14:37", "Cappuccino 2 9.00", "Subtotal 21.00", "TOTAL RM 23.80", "CASH 50.00", "CHANGE 26.20",
    ], confidence: 90)]
    static let report = [gridPage(["FINDINGS:", "Small left pleural effusion.", "Heart size is normal."], source: .plainText)]
    static let deliveryNote = [LabelledValueTests.form([
        ("Delivery note number:", "DN-58213"), ("Delivery date:", "2026-03-16"), ("Total packages:", "7"), ("Total weight:", "197.5 kg"),
    ])]
    static let letter = [gridPage([
        "acme corporation 12 main street denver, colorado dated: march 14, 1998 dear mr. smith, thank you for your order of 40 cases "
            + "shipped on june 2, 1997. we regret that the shipment was delayed by the strike at the port and the weather that followed it.",
    ], source: .plainText)]
    static let invoice = [gridPage(["Northwind Office Supply", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"])]
    static let changeRequest = [LabelledValueTests.form([
        ("Requested by:", "M. Hamann"), ("Reason for change:", "Supplier closed"), ("Approved by:", "P. Harper"),
    ])]

    static let cases: [(question: String, pages: [Page], answerer: AnswererName?)] = [
        ("Is 'Urgent' checked?", [CheckboxAnswererTests.form], .checkbox),
        ("Is the box 'smoker' ticked?", [CheckboxAnswererTests.form], .checkbox),
        ("Is there pleural effusion?", report, .finding),
        ("Name:", [CheckboxAnswererTests.form], .formKeyValue),
        ("What is the total due?", invoice, .label),
        ("What is the reason for change?", changeRequest, .formKeyValue),
        ("What is the date on this receipt?", receipt, .receiptField),
        ("How many packages were delivered?", deliveryNote, .labelledValue),
        ("When was the order shipped?", letter, .openQuestion),
    ]

    @Test(arguments: cases.indices)
    func theAnswerNamesTheAnswererThatDecided(index: Int) {
        let (question, pages, answerer) = Self.cases[index]
        #expect(DocumentAnswerer().answer(question, pages: pages).answeredBy == answerer, "\(question)")
    }

    @Test(arguments: cases.indices)
    func theExplanationGivesTheSameAnswerItsWinnerFirstAndWhy(index: Int) throws {
        let (question, pages, _) = Self.cases[index]
        let answerer = DocumentAnswerer()
        let answer = answerer.answer(question, pages: pages)
        let explanation = answerer.explain(question, pages: pages)
        #expect(explanation.answer == answer)
        let decider = try #require(answer.answeredBy)
        #expect(explanation.attempts.last?.answerer == decider || !answer.isFound)
        #expect(explanation.reason.hasPrefix("\(decider.rawValue): "))
        #expect(explanation.candidates.count <= AnswerExplanation.candidateLimit)
        if answer.isFound, !explanation.candidates.isEmpty {
            #expect(explanation.candidates.first?.text == answer.text, "\(question)")
            #expect(explanation.candidates.first?.evidence == answer.evidence, "\(question)")
        }
    }

    @Test func theAnswerersAreListedInTheOrderTriedWithWhatEachSaid() throws {
        let explanation = DocumentAnswerer().explain("What is the date on this receipt?", pages: Self.receipt)
        #expect(explanation.analysis.isPhrasedAsQuestion)
        #expect(explanation.analysis.expected == .date)
        #expect(explanation.analysis.keyTokens == ["date", "receipt"])
        #expect(explanation.attempts.map(\.answerer) == [.checkbox, .finding, .tableCell, .label, .receiptField])
        #expect(explanation.attempts.prefix(3).allSatisfy { $0.outcome == .declined })
        guard case .passedOver(let labelConfidence) = explanation.attempts[3].outcome else {
            Issue.record("the label's answer, under 0.5, is passed over: \(explanation.attempts[3])")
            return
        }
        #expect(labelConfidence < DocumentAnswerer.labelDecidesAt)
        #expect(explanation.attempts[4].outcome == .answered(confidence: explanation.answer.confidence))
    }

    @Test func aQuestionThatNamesAFormsLabelIsAnsweredByTheFormModel() throws {
        let explanation = DocumentAnswerer().explain("What is the reason for change?", pages: Self.changeRequest)
        #expect(explanation.answer.text == "Supplier closed")
        #expect(explanation.answer.question == "What is the reason for change?")
        #expect(explanation.attempts.map(\.answerer) == [.checkbox, .finding, .tableCell, .formKeyValue])
        #expect(explanation.answer.confidence >= DocumentAnswerer.askedLabelDecidesAt)
    }

    @Test func aReceiptsFieldAskedInWordsIsLeftToTheReceiptModel() {
        let explanation = DocumentAnswerer().explain("What is the total due?", pages: Self.invoice)
        #expect(!explanation.attempts.contains { $0.answerer == .formKeyValue })
    }

    @Test func aLearnedModelsCandidatesComeWithScoresAndTheFeaturesThatWeighedMost() throws {
        let explanation = DocumentAnswerer().explain("What is the date on this receipt?", pages: Self.receipt)
        let winner = try #require(explanation.candidates.first)
        let score = try #require(winner.score)
        #expect(explanation.candidates.dropFirst().allSatisfy { ($0.score ?? .infinity) <= score })
        #expect(!winner.features.isEmpty && winner.features.count <= AnswerExplanation.featureLimit)
        let contributions = winner.features.map { abs($0.contribution) }
        #expect(contributions == contributions.sorted(by: >))
        #expect(explanation.reason.contains("highest score"))
        #expect(explanation.reason.contains(">= threshold"))
    }

    @Test func aModelWhoseBestIsTooDoubtfulSaysSoAndTheNextAnswererTries() throws {
        // No receipt field is asked for, so only the open-question answerer's spans are weighed; a
        // page without the question's words gives none.
        let explanation = DocumentAnswerer().explain("Who signed the contract?", pages: Self.invoice)
        #expect(!explanation.answer.isFound)
        #expect(explanation.attempts.contains { $0.answerer == .openQuestion && $0.outcome == .declined })
        #expect(explanation.answer.answeredBy == .label)
        #expect(explanation.reason.hasPrefix("label: "))
    }

    @Test func aQuestionNoAnswererTakesRecordsNone() {
        let flattened = [gridPage([String(repeating: "word ", count: 40)])]
        let explanation = DocumentAnswerer().explain("What is the total?", pages: flattened)
        #expect(explanation.answer.answeredBy == nil)
        #expect(explanation.reason == "no answerer found an answer")
        #expect(explanation.attempts.map(\.answerer) == [.checkbox, .finding, .tableCell, .openQuestion, .receiptField])
    }
}
