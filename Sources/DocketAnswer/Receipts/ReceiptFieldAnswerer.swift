import DocketModel
import Foundation

/// Answers questions about the fields every receipt or invoice has (who issued it, from where, on
/// what date, for what total) by ranking the values of the field's kind on the page (lines and
/// runs of lines, dates, amounts) with a model learned from labelled receipts
/// (`docket train receipt-fields`). Nil when the question asks for a particular value rather than
/// the field, when the page holds no value of the kind, or when the best one is too doubtful, so
/// that another answerer can try.
public struct ReceiptFieldAnswerer: Sendable {
    public var models: [ReceiptField: LinearModel]

    public init(models: [ReceiptField: LinearModel] = Self.standardModels) {
        self.models = models
    }

    public static let standardModels: [ReceiptField: LinearModel] = {
        let byName: [String: LinearModel] = TrainedModels.load("receipt-fields")
        return Dictionary(uniqueKeysWithValues: byName.compactMap { name, model in ReceiptField(rawValue: name).map { ($0, model) } })
    }()

    public func answer(_ question: String, pages: [Page]) -> Answer? {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer? {
        guard let field = ReceiptField(question: question), let model = models[field] else {
            recorder?.report(.receiptField, detail: "the question does not ask for a receipt's issuer, address, date or total")
            return nil
        }
        let found = Self.candidates(for: field, pages: pages)
        let names = ReceiptFeature.names
        let vector = model.vector(for: names)
        let scores = found.map { candidate in zip(vector, candidate.features.values).reduce(model.bias) { $0 + $1.0 * $1.1 } }
        if let recorder {
            let candidates = Explaining.ranked(found, scores: scores) { candidate, score in
                AnswerExplanation.Candidate(
                    text: candidate.text, score: score, evidence: candidate.evidence,
                    features: Explaining.contributions(names: names, weights: vector, values: candidate.features.values))
            }
            let detail = found.isEmpty
                ? "no \(field.rawValue) candidates on the page"
                : "\(field.rawValue) model: " + Explaining.ranking(scores: scores, calibration: model.calibration, threshold: model.threshold)
            recorder.report(.receiptField, candidates: candidates, detail: detail)
        }
        guard let chosen = model.choose(scores) else { return nil }
        let best = found[chosen.index]
        return Answer(question: question, text: best.text, confidence: chosen.confidence, evidence: best.evidence)
    }

    /// Every value of `field`'s kind on the pages, unscored: what a training run ranks.
    public static func candidates(for field: ReceiptField, pages: [Page]) -> [ReceiptCandidate] {
        guard let first = pages.first else { return [] }
        switch field {
        case .company: return ReceiptReading(page: first).companies()
        case .address: return ReceiptReading(page: first).addresses()
        case .date: return pages.flatMap { ReceiptReading(page: $0).dates() }
        case .total: return pages.flatMap { ReceiptReading(page: $0).amounts() }
        }
    }
}
