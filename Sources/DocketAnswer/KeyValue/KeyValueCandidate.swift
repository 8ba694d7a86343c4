import DocketModel

/// One reading of a label's value, with the features it is scored on.
public struct KeyValueCandidate: Sendable, Hashable {
    public var text: String
    public var placement: ValuePlacement
    public var evidence: Evidence
    public var features: KeyValueFeatures
}
