import DocketAnswer
import DocketModel

/// Everything a reviewer needs about one document, each statement with the page and box it was
/// read from. Built from stored results only: nothing in it is written that the document does not say.
public struct DocumentReport: Codable, Sendable {
    public struct Source: Codable, Sendable {
        public var id: Int64
        public var name: String
        public var mediaType: String
        public var sha256: String
        /// ISO 8601 UTC.
        public var submittedAt: String
        public var pages: Int

        public init(id: Int64, name: String, mediaType: String, sha256: String, submittedAt: String, pages: Int) {
            self.id = id
            self.name = name
            self.mediaType = mediaType
            self.sha256 = sha256
            self.submittedAt = submittedAt
            self.pages = pages
        }
    }

    /// One line of the summary: a label and what the document says there, with where it says it.
    public struct SummaryItem: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable {
            case title, party, date, amount, finding
        }

        public var kind: Kind
        public var label: String
        public var text: String
        public var value: NormalizedValue?
        public var evidence: Evidence
    }

    public struct Field: Codable, Sendable, Hashable {
        public var name: String
        public var answer: Answer

        public init(name: String, answer: Answer) {
            self.name = name
            self.answer = answer
        }
    }

    /// How well a page was read, and whether a person should look at it.
    public struct PageQuality: Codable, Sendable, Hashable {
        public var page: Int
        public var source: TextSource
        public var words: Int
        /// 0...100; nil without words.
        public var meanConfidence: Double?
        /// Share of words read with confidence below `PageQuality.lowConfidence`.
        public var lowConfidenceShare: Double
        public var needsReview: Bool
        /// Why it needs review, in words.
        public var reasons: [String]

        public static let lowConfidence = 60.0
    }

    /// A label on a form and the value written beside, below or in the box with it.
    public struct KeyValue: Codable, Sendable, Hashable {
        public var key: String
        public var value: String
        /// Mean recognition confidence of the value's words, 0...1.
        public var confidence: Double
        public var evidence: Evidence

        public init(key: String, value: String, confidence: Double, evidence: Evidence) {
            self.key = key
            self.value = value
            self.confidence = confidence
            self.evidence = evidence
        }
    }

    public struct Table: Codable, Sendable, Hashable {
        public var page: Int
        public var box: Box
        /// Found from lines drawn on the page, rather than from the alignment of words.
        public var ruled: Bool
        public var rows: [[String]]

        public init(page: Int, box: Box, ruled: Bool, rows: [[String]]) {
            self.page = page
            self.box = box
            self.ruled = ruled
            self.rows = rows
        }
    }

    public struct Checkbox: Codable, Sendable, Hashable {
        public var label: String
        public var checked: Bool
        /// Share of dark pixels inside the box, 0...1.
        public var fillRatio: Double
        /// The box and its label.
        public var evidence: Evidence

        public init(label: String, checked: Bool, fillRatio: Double, evidence: Evidence) {
            self.label = label
            self.checked = checked
            self.fillRatio = fillRatio
            self.evidence = evidence
        }
    }

    public var document: Source
    public var type: DocumentType
    public var summary: [SummaryItem]
    /// The fields of the document's type, found or not.
    public var fields: [Field]
    /// Answers to the questions asked of the document.
    public var answers: [Answer]
    public var keyValues: [KeyValue]
    public var tables: [Table]
    public var checkboxes: [Checkbox]
    /// For a medical report: its sections and what it says about each finding it mentions.
    public var sections: [ReportSection]
    public var findings: [ReportedFinding]
    public var quality: [PageQuality]
    /// ISO 8601 UTC.
    public var generatedAt: String
}

extension ReportSection: Codable {
    enum CodingKeys: String, CodingKey { case name, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try container.decode(String.self, forKey: .name), text: try container.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(text, forKey: .text)
    }
}
