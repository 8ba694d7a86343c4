import DocketAnswer
import DocketModel

/// An answer with why it was given: `docket ask --explain --format json`.
public struct ExplainedAnswerResource: Encodable, Sendable {
    public var answer: AnswerResource
    public var explanation: AnswerExplanationResource

    public init(documentID: Int64, documentName: String, explanation: AnswerExplanation) {
        answer = AnswerResource(documentID: documentID, documentName: documentName, answer: explanation.answer)
        self.explanation = AnswerExplanationResource(from: explanation)
    }

    enum CodingKeys: String, CodingKey {
        case explanation
    }

    /// The answer's keys, and `explanation` beside them.
    public func encode(to encoder: any Encoder) throws {
        try answer.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(explanation, forKey: .explanation)
    }
}

/// Why an answer was given: what Docket read in the question, the answerers tried in order and
/// what each said, the deciding answerer's best candidates, and why the winner won.
public struct AnswerExplanationResource: Encodable, Sendable, Equatable {
    public struct Analysis: Encodable, Sendable, Equatable {
        public var phrasedAsQuestion: Bool
        /// date, amount, number, organisation, address or text.
        public var expected: String
        public var terms: [String]
        public var textKeepsItsLines: Bool

        enum CodingKeys: String, CodingKey {
            case phrasedAsQuestion = "phrased_as_question", expected, terms, textKeepsItsLines = "text_keeps_its_lines"
        }
    }

    public struct Attempt: Encodable, Sendable, Equatable {
        public var answerer: String
        /// declined, below_threshold, not_found, passed_over or answered.
        public var outcome: String
        /// For passed_over and answered.
        public var confidence: Double?
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case answerer, outcome, confidence, detail
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(answerer, forKey: .answerer)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(detail, forKey: .detail)
        }
    }

    public struct Feature: Encodable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var weight: Double
        /// value x weight: what the feature added to the score.
        public var contribution: Double
    }

    public struct Candidate: Encodable, Sendable, Equatable {
        public var text: String
        /// A checkbox's or a paired value's label, or a finding's sentence, when that decided the reading.
        public var context: String?
        public var score: Double?
        public var evidence: EvidenceResource?
        public var features: [Feature]

        enum CodingKeys: String, CodingKey {
            case text, context, score, evidence, features
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(context, forKey: .context)
            try container.encode(score, forKey: .score)
            try container.encode(evidence, forKey: .evidence)
            try container.encode(features, forKey: .features)
        }
    }

    public var analysis: Analysis
    public var attempts: [Attempt]
    public var decidedBy: String?
    public var candidates: [Candidate]
    public var reason: String

    public init(from explanation: AnswerExplanation) {
        let analysis = explanation.analysis
        self.analysis = Analysis(phrasedAsQuestion: analysis.isPhrasedAsQuestion, expected: analysis.expected.rawValue,
                                 terms: analysis.keyTokens, textKeepsItsLines: analysis.textKeepsItsLines)
        attempts = explanation.attempts.map { attempt in
            let (outcome, confidence): (String, Double?) = switch attempt.outcome {
            case .declined: ("declined", nil)
            case .belowThreshold: ("below_threshold", nil)
            case .notFound: ("not_found", nil)
            case .passedOver(let confidence): ("passed_over", confidence)
            case .answered(let confidence): ("answered", confidence)
            }
            return Attempt(answerer: attempt.answerer.rawValue, outcome: outcome, confidence: confidence, detail: attempt.detail)
        }
        decidedBy = explanation.answer.answeredBy?.rawValue
        candidates = explanation.candidates.map { candidate in
            Candidate(text: candidate.text, context: candidate.context, score: candidate.score,
                      evidence: candidate.evidence.map(EvidenceResource.init(from:)),
                      features: candidate.features.map {
                          Feature(name: $0.name, value: $0.value, weight: $0.weight, contribution: $0.contribution)
                      })
        }
        reason = explanation.reason
    }

    enum CodingKeys: String, CodingKey {
        case analysis, attempts, decidedBy = "decided_by", candidates, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(analysis, forKey: .analysis)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(decidedBy, forKey: .decidedBy)
        try container.encode(candidates, forKey: .candidates)
        try container.encode(reason, forKey: .reason)
    }
}
