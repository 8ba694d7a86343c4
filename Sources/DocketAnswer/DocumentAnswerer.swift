import DocketModel

/// The answerer the worker, `docket ask` and `docket eval` use: each question goes to the first
/// answerer that takes questions of its kind.
public struct DocumentAnswerer: Sendable {
    private let labels = LabelAnswerer()

    public init() {}

    public func answer(_ question: String, pages: [Page]) -> Answer {
        labels.answer(question, pages: pages)
    }
}
