import DocketModel
import Foundation

/// Why Docket gave an answer: what it read in the question, which answerers it tried in order and
/// what each said, the deciding answerer's best candidates, and why the winner won. Recorded while
/// answering, by the code that answers (`DocumentAnswerer.explain`), so it cannot tell another story.
public struct AnswerExplanation: Sendable, Equatable {
    /// What `QuestionAnalysis` found in the question.
    public struct Analysis: Sendable, Equatable {
        public var isPhrasedAsQuestion: Bool
        public var expected: QuestionAnalysis.ExpectedType
        public var keyTokens: [String]
        /// Whether the pages' text keeps its lines (labels and receipt fields are looked for only then).
        public var textKeepsItsLines: Bool
    }

    /// What one answerer said.
    public enum Outcome: Sendable, Equatable {
        /// The question is not of its kind, or nothing of its kind is on the pages.
        case declined
        /// It had candidates, but the best was too doubtful to give.
        case belowThreshold
        /// It took the question and says the answer is not in the document.
        case notFound
        /// It answered, but not surely enough to decide before the answerers after it.
        case passedOver(confidence: Double)
        case answered(confidence: Double)
    }

    public struct Attempt: Sendable, Equatable {
        public var answerer: AnswererName
        public var outcome: Outcome
        /// The answerer's own account: its best score, threshold, or why it declined.
        public var detail: String
    }

    /// How much one feature added to a candidate's score under a learned model: value times weight.
    public struct FeatureContribution: Sendable, Equatable {
        public var name: String
        public var value: Double
        public var weight: Double
        public var contribution: Double { value * weight }
    }

    /// One reading an answerer weighed, best first; the first of the deciding answerer's is the answer.
    public struct Candidate: Sendable, Equatable {
        public var text: String
        /// What the reading stands beside, when that is what decided it: a checkbox's or a paired
        /// value's label, a finding's sentence.
        public var context: String?
        /// The answerer's score: a learned model's weighted sum, or a heuristic's 0...1 measure.
        public var score: Double?
        public var evidence: Evidence?
        /// For learned models, the features that moved the score most, largest first.
        public var features: [FeatureContribution]

        init(text: String, context: String? = nil, score: Double?, evidence: Evidence?, features: [FeatureContribution] = []) {
            self.text = text
            self.context = context
            self.score = score
            self.evidence = evidence
            self.features = features
        }
    }

    public var question: String
    public var analysis: Analysis
    public var attempts: [Attempt]
    /// The deciding answerer's candidates, at most `candidateLimit`.
    public var candidates: [Candidate]
    /// One line saying why the winner won, or why nothing was found.
    public var reason: String
    /// The answer given, as `DocumentAnswerer.answer` returns it.
    public var answer: Answer

    public static let candidateLimit = 5
    public static let featureLimit = 5
}

/// Collects what the answerers report while answering one question. Answerers report only when
/// given a recorder, and their answers do not depend on it.
final class ExplanationRecorder {
    struct Report {
        var candidates: [AnswerExplanation.Candidate] = []
        var detail = ""
    }

    private(set) var reports: [AnswererName: Report] = [:]
    private(set) var attempts: [AnswerExplanation.Attempt] = []

    /// The answerer's candidates, best first (the chosen one first when it answered), and its account.
    func report(_ answerer: AnswererName, candidates: [AnswerExplanation.Candidate] = [], detail: String) {
        reports[answerer] = Report(candidates: Array(candidates.prefix(AnswerExplanation.candidateLimit)), detail: detail)
    }

    func amend(_ answerer: AnswererName, appending text: String) {
        reports[answerer, default: Report()].detail += text
    }

    func attempted(_ answerer: AnswererName, outcome: AnswerExplanation.Outcome) {
        attempts.append(AnswerExplanation.Attempt(answerer: answerer, outcome: outcome, detail: reports[answerer]?.detail ?? ""))
    }

    /// The outcome of an answerer's answer as the chain received it.
    func attempted(_ answerer: AnswererName, answer: Answer?) {
        let outcome: AnswerExplanation.Outcome
        switch answer {
        case nil: outcome = (reports[answerer]?.candidates.isEmpty ?? true) ? .declined : .belowThreshold
        case let answer? where !answer.isFound: outcome = .notFound
        case let answer?: outcome = .answered(confidence: answer.confidence)
        }
        attempted(answerer, outcome: outcome)
    }

    func explanation(of answer: Answer, analysis: AnswerExplanation.Analysis) -> AnswerExplanation {
        let report = answer.answeredBy.flatMap { reports[$0] }
        let reason: String
        if let decider = answer.answeredBy {
            reason = "\(decider.rawValue): \(report?.detail ?? "")"
        } else {
            reason = "no answerer found an answer"
        }
        return AnswerExplanation(question: answer.question, analysis: analysis, attempts: attempts,
                                 candidates: report?.candidates ?? [], reason: reason, answer: answer)
    }
}

/// How the answerers' scores and features read in an explanation.
enum Explaining {
    static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    /// "highest score 2.31, ahead of the next by 0.84; confidence 0.91 >= threshold 0.42", or
    /// "< threshold" for a best candidate too doubtful to give.
    static func ranking(scores: [Double], calibration: Calibration, threshold: Double) -> String {
        guard let best = calibration.best(scores) else { return "no candidates" }
        let lead = scores.count > 1 ? ", ahead of the next by \(number(best.margin))" : ", the only candidate"
        let comparison = best.confidence >= threshold ? ">=" : "<"
        return "highest score \(number(scores[best.index]))\(lead); confidence \(number(best.confidence)) \(comparison) threshold \(number(threshold))"
    }

    /// The candidates in the order a ranking answerer chose them: best score first (the first of
    /// equals, as `LinearModel.best` picks), at most `AnswerExplanation.candidateLimit`.
    static func ranked<Item>(_ items: [Item], scores: [Double], describe: (Item, Double) -> AnswerExplanation.Candidate)
        -> [AnswerExplanation.Candidate]
    {
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        return order.prefix(AnswerExplanation.candidateLimit).map { describe(items[$0], scores[$0]) }
    }

    /// The features whose weight times value moved the score most, largest first.
    static func contributions(names: [String], weights: [Double], values: [Double]) -> [AnswerExplanation.FeatureContribution] {
        zip(names, zip(weights, values))
            .map { AnswerExplanation.FeatureContribution(name: $0.0, value: $0.1.1, weight: $0.1.0) }
            .filter { $0.contribution != 0 }
            .sorted { abs($0.contribution) > abs($1.contribution) }
            .prefix(AnswerExplanation.featureLimit).map { $0 }
    }
}
