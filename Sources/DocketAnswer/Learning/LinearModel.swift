import Foundation

/// A learned linear score over named features, with what turns the score of the best candidate
/// into a calibrated confidence and the confidence under which the answer is "not found".
/// Written by `docket train` as JSON and compiled into the binary from `Models/*.json`.
public struct LinearModel: Codable, Sendable, Equatable {
    /// Feature name to weight; the names are exactly those of the feature vector it scores.
    public var weights: [String: Double]
    public var bias: Double
    public var calibration: Calibration
    /// Below this confidence the best candidate is not given as the answer.
    public var threshold: Double
    /// What the model was fitted on and how it did, for people reading the file.
    public var trainedOn: TrainingSummary?

    public init(weights: [String: Double], bias: Double, calibration: Calibration = .identity, threshold: Double = 0,
                trainedOn: TrainingSummary? = nil) {
        self.weights = weights
        self.bias = bias
        self.calibration = calibration
        self.threshold = threshold
        self.trainedOn = trainedOn
    }

    /// The weights in the order of `names`; a name the model lacks weighs 0.
    public func vector(for names: [String]) -> [Double] {
        names.map { weights[$0] ?? 0 }
    }

    public func score(_ values: [Double], names: [String]) -> Double {
        zip(vector(for: names), values).reduce(bias) { $0 + $1.0 * $1.1 }
    }

    /// The best of `scores` with its calibrated confidence; nil when there is none or it falls
    /// under the threshold.
    public func choose(_ scores: [Double]) -> (index: Int, confidence: Double)? {
        calibration.choose(scores, threshold: threshold)
    }

    /// The index of the highest score (the first of equals) and its lead over the next.
    static func best(_ scores: [Double]) -> (index: Int, margin: Double)? {
        guard var index = scores.indices.first else { return nil }
        for candidate in scores.indices where scores[candidate] > scores[index] { index = candidate }
        let rival = scores.indices.filter { $0 != index }.map { scores[$0] }.max()
        return (index, rival.map { scores[index] - $0 } ?? Calibration.widestMargin)
    }
}

/// Platt scaling: a logistic curve from the chosen candidate's score, and its lead over the next
/// best, to the probability that it is right; then, where the curve's shape does not follow the
/// data, an isotonic map of it to the share of answers right at that level.
public struct Calibration: Codable, Sendable, Hashable {
    public var slope: Double
    public var marginSlope: Double
    public var intercept: Double
    /// Points (Platt probability, share right), rising in both; between them the map is linear,
    /// beyond them flat. Empty: the Platt probability as it is.
    public var isotonic: [[Double]]

    public init(slope: Double, marginSlope: Double = 0, intercept: Double, isotonic: [[Double]] = []) {
        self.slope = slope
        self.marginSlope = marginSlope
        self.intercept = intercept
        self.isotonic = isotonic
    }

    public static let identity = Calibration(slope: 1, intercept: 0)

    /// A lead wider than this says no more: the next candidate is no rival.
    public static let widestMargin = 5.0

    public func probability(score: Double, margin: Double) -> Double {
        mapped(platt(score: score, margin: margin))
    }

    func platt(score: Double, margin: Double) -> Double {
        1 / (1 + exp(-(slope * score + marginSlope * min(margin, Self.widestMargin) + intercept)))
    }

    private func mapped(_ probability: Double) -> Double {
        guard let first = isotonic.first, let last = isotonic.last else { return probability }
        if probability <= first[0] { return first[1] }
        if probability >= last[0] { return last[1] }
        let upper = isotonic.firstIndex { $0[0] >= probability }!
        let (low, high) = (isotonic[upper - 1], isotonic[upper])
        let width = high[0] - low[0]
        return width <= 0 ? high[1] : low[1] + (high[1] - low[1]) * (probability - low[0]) / width
    }

    /// The best of `scores` with its confidence; nil when there is none or it is under `threshold`.
    public func choose(_ scores: [Double], threshold: Double) -> (index: Int, confidence: Double)? {
        guard let chosen = best(scores) else { return nil }
        return chosen.confidence >= threshold ? (chosen.index, chosen.confidence) : nil
    }

    /// The best of `scores`, its lead over the next and its confidence, whatever the threshold.
    func best(_ scores: [Double]) -> (index: Int, margin: Double, confidence: Double)? {
        guard let chosen = LinearModel.best(scores) else { return nil }
        return (chosen.index, chosen.margin, probability(score: scores[chosen.index], margin: chosen.margin))
    }
}

public struct TrainingSummary: Codable, Sendable, Equatable {
    public var questions: Int
    public var documents: Int
    /// Mean ANLS of the answers the model gives on its own training questions ("not found" counts 0).
    public var anls: Double
    /// The same, each fold of documents answered by a model fitted without them.
    public var crossValidatedANLS: Double?
    /// Of the answers given with confidence >= 0.8 in cross-validation: how many, and the share right.
    public var crossValidatedConfident: Int?
    public var crossValidatedConfidentRight: Double?

    public init(questions: Int, documents: Int, anls: Double, crossValidatedANLS: Double? = nil,
                crossValidatedConfident: Int? = nil, crossValidatedConfidentRight: Double? = nil) {
        self.questions = questions
        self.documents = documents
        self.anls = anls
        self.crossValidatedANLS = crossValidatedANLS
        self.crossValidatedConfident = crossValidatedConfident
        self.crossValidatedConfidentRight = crossValidatedConfidentRight
    }
}

/// The bytes `docket train` writes: keys sorted, so that the same models give the same file.
public func encodeModels<T: Encodable>(_ models: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return try encoder.encode(models) + Data("\n".utf8)
}
