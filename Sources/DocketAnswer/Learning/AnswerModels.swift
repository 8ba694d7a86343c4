/// The trained models the answerers rank and calibrate with: those compiled in, or others fitted
/// on part of a labelled set (`docket eval --folds` fits one set of them per fold of documents).
public struct AnswerModels: Sendable {
    public var keyValue: KeyValueWeights
    public var receiptFields: [ReceiptField: LinearModel]
    public var openQuestions: LinearModel

    public init(keyValue: KeyValueWeights, receiptFields: [ReceiptField: LinearModel], openQuestions: LinearModel) {
        self.keyValue = keyValue
        self.receiptFields = receiptFields
        self.openQuestions = openQuestions
    }

    /// The models in `Sources/DocketAnswer/Models`.
    public static let standard = AnswerModels(
        keyValue: .standard, receiptFields: ReceiptFieldAnswerer.standardModels,
        openQuestions: OpenQuestionAnswerer.standardCalibration)
}
