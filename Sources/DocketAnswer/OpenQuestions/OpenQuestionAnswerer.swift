import DocketModel
import Foundation

/// Answers free questions about a document's text ("What is the date mentioned in this letter?",
/// "To whom is this letter addressed?") by reading a short span out of the text: one of the kind
/// the question asks for, beside the words the question shares with the page, and not made of
/// those words itself. Nil when nothing on the pages reads as an answer.
public struct OpenQuestionAnswerer: Sendable {
    let weights: Weights
    /// Turns the best span's score into a calibrated confidence, and says when it is too low to give;
    /// fitted by `docket train open-questions`.
    let calibration: LinearModel

    public init() {
        self.init(weights: .standard)
    }

    init(weights: Weights, calibration: LinearModel = Self.standardCalibration) {
        self.weights = weights
        self.calibration = calibration
    }

    public static let standardCalibration: LinearModel = TrainedModels.load("open-questions")

    /// The one feature the calibration weighs: the span's score under `Weights`.
    public static let featureNames = ["spanScore"]

    public func answer(_ question: String, pages: [Page]) -> Answer? {
        let found = candidates(for: question, pages: pages)
        let scores = found.map { calibration.score([$0.score], names: Self.featureNames) }
        guard let chosen = calibration.choose(scores) else { return nil }
        let best = found[chosen.index]
        return Answer(question: question, text: best.text, confidence: chosen.confidence, evidence: best.evidence)
    }

    /// A candidate answer span with its score under `Weights`.
    public struct ScoredSpan: Sendable {
        public var text: String
        public var evidence: Evidence
        public var score: Double
    }

    /// The best-scored spans, best first, that score at least `Weights.minimumScore`: what the
    /// answer is chosen from, and what a training run calibrates.
    public func candidates(for question: String, pages: [Page], limit: Int = 10) -> [ScoredSpan] {
        let analysis = Question(question)
        let sequence = TokenSequence(pages: pages)
        guard sequence.count > 0 else { return [] }
        let scored = SpanSearch(question: analysis, sequence: sequence, weights: weights).candidates()
            .filter { $0.score >= weights.minimumScore }
            .sorted { $0.score > $1.score || $0.score == $1.score && $0.range.lowerBound < $1.range.lowerBound }
        var spans: [ScoredSpan] = []
        for candidate in scored where spans.count < limit {
            let span = sequence.tokens[candidate.range]
            let text = AnswerText.of(span)
            guard !text.isEmpty, let first = span.first else { continue }
            let page = pages[first.pageIndex]
            let wordIndices = span.map(\.wordIndex)
            guard let box = Box.enclosing(wordIndices.map { page.words[$0].box }) else { continue }
            spans.append(ScoredSpan(text: text, evidence: Evidence(page: page.number, box: box, wordIndices: wordIndices),
                                    score: candidate.score))
        }
        return spans
    }
}
