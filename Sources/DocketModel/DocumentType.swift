/// What kind of document a document is, which decides the fields read from it.
public enum DocumentType: String, Codable, Sendable, CaseIterable {
    case invoice, receipt, form, letter
    case medicalReport = "medical-report"
    case other
}

/// One of the fields a document of its type has ("total" of a receipt), as read from it.
public struct DocumentField: Codable, Sendable, Hashable {
    /// Short and stable, for queries: `vendor`, `date`, `address`, `total`, `invoice-number`.
    public var name: String
    /// The answer to the question the field is read with; not found when the document lacks it.
    public var answer: Answer

    public init(name: String, answer: Answer) {
        self.name = name
        self.answer = answer
    }
}
