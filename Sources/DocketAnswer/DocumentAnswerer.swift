import DocketModel

/// The answerer the worker, `docket ask` and `docket eval` use: each question goes to the first
/// answerer that takes questions of its kind.
public struct DocumentAnswerer: Sendable {
    private let findings = FindingsReader()
    private let labels = LabelAnswerer()
    private let typedFields = TypedFieldAnswerer()

    public init() {}

    /// "Is there X?" about a finding goes to the report reader. Otherwise a label that names the
    /// field in the question's words is the strongest evidence; failing that, a value of the
    /// expected type where such values usually stand.
    public func answer(_ question: String, pages: [Page]) -> Answer {
        if let finding = findings.answer(question, pages: pages) { return finding }
        let analysis = QuestionAnalysis(question)
        let labelled = labels.answer(question, pages: pages)
        if labelled.isFound, labelled.confidence >= 0.5 || analysis.expected == .text || analysis.expected == .number {
            return labelled
        }
        if let typed = typedFields.answer(question, analysis: analysis, pages: pages) { return typed }
        return labelled
    }
}
