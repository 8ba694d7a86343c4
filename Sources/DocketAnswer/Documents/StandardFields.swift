import DocketModel

/// The fields every document of a type has, each with the question that reads it.
public struct StandardFields: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var question: String
    }

    private let answerer: DocumentAnswerer

    public init(answerer: DocumentAnswerer = DocumentAnswerer()) {
        self.answerer = answerer
    }

    public static func fields(of type: DocumentType) -> [Field] {
        switch type {
        case .receipt:
            [Field(name: "vendor", question: "What is the name of the company / store that issued this receipt?"),
             Field(name: "date", question: "What is the date on this receipt?"),
             Field(name: "address", question: "What is the address of the store?"),
             Field(name: "total", question: "What is the total amount on this receipt?")]
        case .invoice:
            [Field(name: "vendor", question: "Which company issued this invoice?"),
             Field(name: "invoice-number", question: "Invoice number"),
             Field(name: "date", question: "What is the invoice date?"),
             Field(name: "due-date", question: "Due date"),
             Field(name: "total", question: "What is the total due?")]
        case .letter:
            [Field(name: "date", question: "What is the date of the letter?")]
        case .form, .medicalReport, .other:
            []
        }
    }

    /// The document's type and its fields as read from its pages.
    public func read(_ pages: [Page]) -> (type: DocumentType, fields: [DocumentField]) {
        let type = DocumentClassifier().classify(pages)
        let fields = Self.fields(of: type).map { field in
            DocumentField(name: field.name, answer: answerer.answer(field.question, pages: pages))
        }
        return (type, fields)
    }
}
