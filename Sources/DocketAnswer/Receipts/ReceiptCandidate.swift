import DocketModel

/// One reading of a receipt field's value, with the features it is scored on.
public struct ReceiptCandidate: Sendable, Hashable {
    public var text: String
    public var evidence: Evidence
    public var features: ReceiptFeatures
}
