import DocketModel

/// The answerer the worker, `docket ask` and `docket eval` use: each question goes to the first
/// answerer that takes questions of its kind.
public struct DocumentAnswerer: Sendable {
    private let checkboxes = CheckboxAnswerer()
    private let findings = FindingsReader()
    private let tableCells = TableCellAnswerer()
    private let keyValues = KeyValueAnswerer()
    private let labels = LabelAnswerer()
    private let receiptFields = ReceiptFieldAnswerer()
    private let labelledValues = LabelledValueAnswerer()
    private let openQuestions = OpenQuestionAnswerer()
    let values: ValueNormalizer

    public init(dateOrder: DateOrder = .configured) {
        values = ValueNormalizer(dateOrder: dateOrder)
    }

    /// The answer, with its value normalized to what the question asks for (an ISO date, a
    /// decimal amount, yes/no) where its text reads as one.
    public func answer(_ question: String, pages: [Page]) -> Answer {
        var (answer, fromTableCell) = chooseAnswer(question, pages: pages)
        if let text = answer.text {
            let asked = QuestionAnalysis(question).expected
            let expected = fromTableCell ? TableCellAnswerer.expectedValue(of: text, asked: asked) : asked
            answer.value = values.value(of: text, expected: expected, evidence: answer.evidence, pages: pages)
        }
        return answer
    }

    /// "Is the box 'urgent' ticked?" goes to the checkboxes found on the page. "Is there X?" about a
    /// finding goes to the report reader. A question that names a row and a column of a table
    /// ("the rent for 1987") goes to the cell where they meet: the label "Rent" has a figure for
    /// every year beside it.
    private func chooseAnswer(_ question: String, pages: [Page]) -> (answer: Answer, fromTableCell: Bool) {
        if let checkbox = checkboxes.answer(question, pages: pages) { return (checkbox, false) }
        if let finding = findings.answer(question, pages: pages) { return (finding, false) }
        if let cell = tableCells.answer(question, pages: pages) { return (cell, true) }
        return (chooseAmongValues(question, pages: pages), false)
    }

    /// A label on the page that matches the question is the strongest evidence, its value found
    /// from the layout; failing that, the learned ranking of a receipt field's values (issuer,
    /// address, date, total); failing that, a labelled value the layout paired whose label holds
    /// the question's words; failing that, the passage that shares the question's words.
    private func chooseAmongValues(_ question: String, pages: [Page]) -> Answer {
        let analysis = QuestionAnalysis(question)
        // "What is the date on this receipt?" asks for a kind of value; "Date:" names a label.
        if analysis.isPhrasedAsQuestion {
            // Labels, and the places where a receipt's fields stand, exist only where the text
            // keeps its lines; text that runs on (a page flattened to one line) is read as prose.
            guard Self.keepsItsLines(pages) else {
                return openQuestions.answer(question, pages: pages)
                    ?? receiptFields.answer(question, pages: pages) ?? .notFound(question)
            }
            let labelled = labels.answer(question, pages: pages)
            if labelled.isFound, labelled.confidence >= 0.5 { return labelled }
            if let field = receiptFields.answer(question, pages: pages) { return field }
            if let paired = labelledValues.answer(question, analysis: analysis, pages: pages) { return paired }
            if let open = openQuestions.answer(question, pages: pages) { return open }
            return labelled
        }
        if let keyValue = keyValues.answer(question, pages: pages) { return keyValue }
        let labelled = labels.answer(question, pages: pages)
        if labelled.isFound, labelled.confidence >= 0.5 { return labelled }
        if let field = receiptFields.answer(question, pages: pages) { return field }
        if let open = openQuestions.answer(question, pages: pages) { return open }
        return labelled
    }

    /// Whether the pages' text is set in lines of ordinary length rather than run together.
    static func keepsItsLines(_ pages: [Page]) -> Bool {
        let words = pages.reduce(0) { $0 + $1.words.count }
        let lines = pages.reduce(0) { $0 + $1.lines.count }
        return lines > 0 && words <= lines * maxWordsPerLine
    }

    static let maxWordsPerLine = 25
}
