import DocketModel
import DocketStore

/// Where something was read: the page and box a person can look at, and the words it was read from.
public struct EvidenceResource: Codable, Sendable, Equatable {
    /// 1-based.
    public var page: Int
    public var box: Box
    public var wordIndices: [Int]

    public init(from evidence: Evidence) {
        page = evidence.page
        box = evidence.box
        wordIndices = evidence.wordIndices
    }

    enum CodingKeys: String, CodingKey {
        case page, box, wordIndices = "word_indices"
    }
}

/// A value normalized for programs: a date as YYYY-MM-DD, an amount as a plain decimal with its
/// ISO 4217 currency in `unit`, a number, or yes/no/uncertain.
public struct ValueResource: Codable, Sendable, Equatable {
    /// date, amount, number or yes-no.
    public var kind: String
    public var text: String
    public var unit: String?

    public init(from value: NormalizedValue) {
        kind = value.kind.rawValue
        text = value.text
        unit = value.unit
    }

    enum CodingKeys: String, CodingKey {
        case kind, text, unit
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
        try container.encode(unit, forKey: .unit)
    }
}

/// An answer to a question about a document, or an honest "not found" (`answer`, `page`, `box` and
/// `evidence` null): `docket ask`, `docket answers`, `export answers`, and a report's answers.
/// `page` and `box` repeat the evidence's, for programs that want only where to look.
public struct AnswerResource: Codable, Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var question: String
    /// As it stands in the document; nil when not found.
    public var answer: String?
    public var value: ValueResource?
    /// 0...1.
    public var confidence: Double
    public var page: Int?
    public var box: Box?
    public var evidence: EvidenceResource?
    /// The answerer that decided (checkbox, finding, form_key_value, label, receipt_field,
    /// labelled_value, open_question); for "not found", the one that found nothing; nil when none
    /// took the question, or the answer was stored before Docket recorded it.
    public var answeredBy: String?

    public init(documentID: Int64, documentName: String, answer: Answer) {
        self.documentID = documentID
        self.documentName = documentName
        question = answer.question
        self.answer = answer.text
        value = answer.value.map(ValueResource.init(from:))
        confidence = answer.confidence
        page = answer.evidence?.page
        box = answer.evidence?.box
        evidence = answer.evidence.map(EvidenceResource.init(from:))
        answeredBy = answer.answeredBy?.rawValue
    }

    public init(from row: AnswerRow) {
        self.init(documentID: row.documentID, documentName: row.documentName, answer: row.answer)
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentName = "document_name", question, answer, value, confidence, page, box, evidence
        case answeredBy = "answered_by"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(documentName, forKey: .documentName)
        try container.encode(question, forKey: .question)
        try container.encode(answer, forKey: .answer)
        try container.encode(value, forKey: .value)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(page, forKey: .page)
        try container.encode(box, forKey: .box)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(answeredBy, forKey: .answeredBy)
    }
}

/// One field of one document (a receipt's total, an invoice's date), found or not: `docket fields`,
/// `export fields`, and a report's fields.
public struct FieldResource: Codable, Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var documentType: DocumentType?
    /// vendor, date, address, total, invoice-number, due-date.
    public var name: String
    /// As it stands in the document; nil when the document lacks the field.
    public var text: String?
    public var value: ValueResource?
    /// 0...1.
    public var confidence: Double
    public var page: Int?
    public var box: Box?
    public var evidence: EvidenceResource?

    public init(documentID: Int64, documentName: String, documentType: DocumentType?, field: DocumentField) {
        self.documentID = documentID
        self.documentName = documentName
        self.documentType = documentType
        name = field.name
        text = field.answer.text
        value = field.answer.value.map(ValueResource.init(from:))
        confidence = field.answer.confidence
        page = field.answer.evidence?.page
        box = field.answer.evidence?.box
        evidence = field.answer.evidence.map(EvidenceResource.init(from:))
    }

    public init(from row: FieldRow) {
        self.init(documentID: row.documentID, documentName: row.documentName, documentType: row.documentType, field: row.field)
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentName = "document_name", documentType = "document_type", name, text, value
        case confidence, page, box, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(documentName, forKey: .documentName)
        try container.encode(documentType, forKey: .documentType)
        try container.encode(name, forKey: .name)
        try container.encode(text, forKey: .text)
        try container.encode(value, forKey: .value)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(page, forKey: .page)
        try container.encode(box, forKey: .box)
        try container.encode(evidence, forKey: .evidence)
    }
}

/// A page that matches a search, best first: `docket search`.
public struct SearchHitResource: Codable, Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var documentType: DocumentType?
    public var page: Int
    /// The words around the matches, on one line, each match between `[` and `]`.
    public var snippet: String
    /// BM25: lower is a better match.
    public var rank: Double

    public init(from hit: SearchHit) {
        documentID = hit.documentID
        documentName = hit.documentName
        documentType = hit.documentType
        page = hit.page
        snippet = hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingOccurrences(of: SearchHit.matchStart, with: "[").replacingOccurrences(of: SearchHit.matchEnd, with: "]")
        rank = hit.rank
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentName = "document_name", documentType = "document_type", page, snippet, rank
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(documentName, forKey: .documentName)
        try container.encode(documentType, forKey: .documentType)
        try container.encode(page, forKey: .page)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(rank, forKey: .rank)
    }
}
