import DocketModel

/// The answerer the worker, `docket ask` and `docket eval` use: each question goes to the first
/// answerer that takes questions of its kind.
public struct DocumentAnswerer: Sendable {
    private let findings = FindingsReader()
    private let keyValues = KeyValueAnswerer()
    private let labels = LabelAnswerer()
    private let receiptFields = ReceiptFieldAnswerer()
    private let openQuestions = OpenQuestionAnswerer()

    public init() {}

    /// "Is there X?" about a finding goes to the report reader. Otherwise a label on the page that
    /// matches the question is the strongest evidence, its value found from the layout; failing
    /// that, the learned ranking of a receipt field's values (issuer, address, date, total);
    /// failing that, the passage that shares the question's words.
    public func answer(_ question: String, pages: [Page]) -> Answer {
        if let finding = findings.answer(question, pages: pages) { return finding }
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
