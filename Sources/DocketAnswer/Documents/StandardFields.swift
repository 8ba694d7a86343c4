import DocketModel
import Foundation

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

    /// The document's type and its fields as read from its pages. A form's fields are its
    /// labelled values, named by their labels ("Date of birth:" is `date of birth`).
    public func read(_ pages: [Page]) -> (type: DocumentType, fields: [DocumentField]) {
        let type = DocumentClassifier().classify(pages)
        if type == .form { return (type, Self.formFields(pages, values: answerer.values)) }
        let fields = Self.fields(of: type).map { field in
            DocumentField(name: field.name, answer: answerer.answer(field.question, pages: pages))
        }
        return (type, fields)
    }

    static func formFields(_ pages: [Page], values: ValueNormalizer) -> [DocumentField] {
        var fields: [DocumentField] = []
        var used: [String: Int] = [:]
        for page in pages {
            for pair in page.layout?.keyValues ?? [] {
                let label = pair.keyText.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":").union(.whitespaces))
                let words = pair.valueWordIndices.filter(page.words.indices.contains).map { page.words[$0] }
                guard !label.isEmpty, !words.isEmpty else { continue }
                used[label, default: 0] += 1
                let name = used[label] == 1 ? label : "\(label) \(used[label]!)"
                let evidence = Evidence(page: page.number, box: pair.valueBox, wordIndices: pair.valueWordIndices)
                let confidence = words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
                let value = values.value(of: pair.valueText, expected: QuestionAnalysis(pair.keyText).expected, evidence: evidence, pages: pages)
                fields.append(DocumentField(name: name, answer: Answer(
                    question: pair.keyText, text: pair.valueText, value: value, confidence: confidence * formFieldCertainty, evidence: evidence)))
            }
        }
        return fields
    }

    /// How often a labelled value the layout pairs is the label's value, beside how well its words were read.
    static let formFieldCertainty = 0.9
}
