import DocketModel

/// The answerer the worker, `docket ask` and `docket eval` use: each question goes to the first
/// answerer that takes questions of its kind.
public struct DocumentAnswerer: Sendable {
    private let checkboxes = CheckboxAnswerer()
    private let findings = FindingsReader()
    private let tableCells = TableCellAnswerer()
    private let keyValues: KeyValueAnswerer
    private let labels = LabelAnswerer()
    private let receiptFields: ReceiptFieldAnswerer
    private let labelledValues = LabelledValueAnswerer()
    private let openQuestions: OpenQuestionAnswerer
    let values: ValueNormalizer

    public init(dateOrder: DateOrder = .configured, models: AnswerModels = .standard) {
        values = ValueNormalizer(dateOrder: dateOrder)
        keyValues = KeyValueAnswerer(weights: models.keyValue)
        receiptFields = ReceiptFieldAnswerer(models: models.receiptFields)
        openQuestions = OpenQuestionAnswerer(calibration: models.openQuestions)
    }

    /// The answer, with its value normalized to what the question asks for (an ISO date, a
    /// decimal amount, yes/no) where its text reads as one.
    public func answer(_ question: String, pages: [Page]) -> Answer {
        answer(question, pages: pages, recorder: nil)
    }

    /// The answer as `answer(_:pages:)` gives it, with why: the same answerers run in the same
    /// order, each reporting what it weighed.
    public func explain(_ question: String, pages: [Page]) -> AnswerExplanation {
        let recorder = ExplanationRecorder()
        let answer = answer(question, pages: pages, recorder: recorder)
        let analysis = QuestionAnalysis(question)
        return recorder.explanation(of: answer, analysis: AnswerExplanation.Analysis(
            isPhrasedAsQuestion: analysis.isPhrasedAsQuestion, expected: analysis.expected, keyTokens: analysis.keyTokens,
            textKeepsItsLines: Self.keepsItsLines(pages)))
    }

    private func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer {
        var answer = chooseAnswer(question, pages: pages, recorder: recorder)
        if let text = answer.text {
            let asked = QuestionAnalysis(question).expected
            let expected = answer.answeredBy == .tableCell ? TableCellAnswerer.expectedValue(of: text, asked: asked) : asked
            answer.value = values.value(of: text, expected: expected, evidence: answer.evidence, pages: pages)
        }
        return answer
    }

    /// "Is the box 'urgent' ticked?" goes to the checkboxes found on the page. "Is there X?" about a
    /// finding goes to the report reader. A question that names a row and a column of a table
    /// ("the rent for 1987") goes to the cell where they meet: the label "Rent" has a figure for
    /// every year beside it. "What is the X?" goes to the form model with X for the label, which
    /// decides when it is sure enough. Otherwise a label on the page that
    /// matches the question is the strongest evidence, its value found from the layout; failing
    /// that, the learned ranking of a receipt field's values (issuer, address, date, total);
    /// failing that, a labelled value the layout paired whose label holds the question's words;
    /// failing that, the passage that shares the question's words.
    private func chooseAnswer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer {
        func attempt(_ answerer: AnswererName, _ run: () -> Answer?) -> Answer? {
            var answer = run()
            answer?.answeredBy = answerer
            recorder?.attempted(answerer, answer: answer)
            return answer
        }
        func labelAsLastResort(_ label: Answer) -> Answer {
            if label.isFound { recorder?.amend(.label, appending: "; given since no answerer after it found an answer") }
            return label
        }
        /// Whether `answer`, found by `answerer`, is sure enough to decide before the answerers after
        /// it: recorded as answered when it is, as passed over when not.
        func decidesFirst(_ answerer: AnswererName, _ answer: Answer, from threshold: Double) -> Bool {
            let decides = answer.confidence >= threshold
            let shown = Explaining.number(threshold)
            recorder?.amend(answerer, appending: decides
                ? " >= \(shown), so it decides before the answerers after it"
                : " < \(shown) needed to decide before the answerers after it")
            recorder?.attempted(answerer, outcome: decides
                ? .answered(confidence: answer.confidence) : .passedOver(confidence: answer.confidence))
            return decides
        }
        /// The label answerer's answer, which decides first only when it is sure enough; otherwise
        /// it is kept for when no later answerer finds one.
        func labelled() -> (answer: Answer, decides: Bool) {
            var answer = labels.answer(question, pages: pages, recorder: recorder)
            answer.answeredBy = .label
            guard answer.isFound else {
                recorder?.attempted(.label, answer: answer)
                return (answer, false)
            }
            return (answer, decidesFirst(.label, answer, from: Self.labelDecidesAt))
        }
        /// The form model's value for the label the question names, when it is sure enough to decide.
        func formValue(labelled askedLabel: String) -> Answer? {
            guard var answer = keyValues.answer(askedLabel, pages: pages, recorder: recorder) else {
                recorder?.attempted(.formKeyValue, answer: nil)
                return nil
            }
            answer.question = question
            answer.answeredBy = .formKeyValue
            recorder?.amend(.formKeyValue, appending:
                "; the value of the label \"\(askedLabel)\" at confidence \(Explaining.number(answer.confidence))")
            return decidesFirst(.formKeyValue, answer, from: Self.askedLabelDecidesAt) ? answer : nil
        }
        if let checkbox = attempt(.checkbox, { checkboxes.answer(question, pages: pages, recorder: recorder) }) { return checkbox }
        if let finding = attempt(.finding, { findings.answer(question, pages: pages, recorder: recorder) }) { return finding }
        if let cell = attempt(.tableCell, { tableCells.answer(question, pages: pages, recorder: recorder) }) { return cell }
        let analysis = QuestionAnalysis(question)
        // "What is the date on this receipt?" asks for a kind of value; "Date:" names a label.
        if analysis.isPhrasedAsQuestion {
            // Labels, and the places where a receipt's fields stand, exist only where the text
            // keeps its lines; text that runs on (a page flattened to one line) is read as prose.
            guard Self.keepsItsLines(pages) else {
                return attempt(.openQuestion, { openQuestions.answer(question, pages: pages, recorder: recorder) })
                    ?? attempt(.receiptField, { receiptFields.answer(question, pages: pages, recorder: recorder) })
                    ?? .notFound(question)
            }
            // "What is the reason for the change?" on a form asks what "Reason for change:" does.
            // The fields every receipt has are left to the receipt answerer, which knows them better,
            // and a plain-text file's labels to the label answerer: they head paragraphs, not a form.
            let receiptField = ReceiptField(analysis: analysis)
            if let askedLabel = analysis.askedLabel, receiptField == nil,
               pages.contains(where: { $0.source != .plainText }),
               let value = formValue(labelled: askedLabel) {
                return value
            }
            // On a receipt, its own fields go to the receipt model before a label's value: "Total
            // Amount: 10.36" stands above the rounded total the customer paid.
            let onAReceipt = receiptField != nil && DocumentClassifier().classify(pages) == .receipt
            if onAReceipt, let field = attempt(.receiptField, { receiptFields.answer(question, pages: pages, recorder: recorder) }) {
                return field
            }
            let label = labelled()
            if label.decides { return label.answer }
            if !onAReceipt, let field = attempt(.receiptField, { receiptFields.answer(question, pages: pages, recorder: recorder) }) { return field }
            if let paired = attempt(.labelledValue, { labelledValues.answer(question, analysis: analysis, pages: pages, recorder: recorder) }) {
                return paired
            }
            if let open = attempt(.openQuestion, { openQuestions.answer(question, pages: pages, recorder: recorder) }) { return open }
            return labelAsLastResort(label.answer)
        }
        if let keyValue = attempt(.formKeyValue, { keyValues.answer(question, pages: pages, recorder: recorder) }) { return keyValue }
        let label = labelled()
        if label.decides { return label.answer }
        if let field = attempt(.receiptField, { receiptFields.answer(question, pages: pages, recorder: recorder) }) { return field }
        if let open = attempt(.openQuestion, { openQuestions.answer(question, pages: pages, recorder: recorder) }) { return open }
        return labelAsLastResort(label.answer)
    }

    /// The label answerer's confidence from which its answer is taken before the others try.
    static let labelDecidesAt = 0.5
    /// The form model's confidence from which its value for the label a question names ("What is
    /// the reason for the change?") is taken before the others try: under it, a question about a
    /// page's prose ("What is the name of the association?") finds some label's doubtful value.
    static let askedLabelDecidesAt = 0.3

    /// Whether the pages' text is set in lines of ordinary length rather than run together.
    static func keepsItsLines(_ pages: [Page]) -> Bool {
        let words = pages.reduce(0) { $0 + $1.words.count }
        let lines = pages.reduce(0) { $0 + $1.lines.count }
        return lines > 0 && words <= lines * maxWordsPerLine
    }

    static let maxWordsPerLine = 25
}
