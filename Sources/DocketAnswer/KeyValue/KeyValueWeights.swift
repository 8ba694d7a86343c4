import Foundation

/// How much each feature of a candidate value, and each pair of them, counts: one weight for each
/// of `KeyValueFeature.scoredNames`, plus a bias. The best-scored candidate is the answer; its
/// score and its lead over the next are calibrated to the answer's confidence. Fitted by
/// `docket train key-value` and read from `Models/key-value.json`.
public struct KeyValueWeights: Sendable, Hashable {
    /// In the order of `KeyValueFeature.scoredNames`.
    public var weights: [Double]
    public var bias: Double
    public var calibration: Calibration
    /// Below this confidence the best candidate is no answer, and another answerer may try.
    public var threshold: Double

    public static let standard = KeyValueWeights(model: TrainedModels.load("key-value"))

    public init(model: LinearModel) {
        weights = model.vector(for: KeyValueFeature.scoredNames)
        bias = model.bias
        calibration = model.calibration
        threshold = model.threshold
    }

    /// The weighted sum: higher is a likelier value.
    public func score(_ features: KeyValueFeatures) -> Double {
        zip(weights, features.scoredValues).reduce(bias) { $0 + $1.0 * $1.1 }
    }
}
