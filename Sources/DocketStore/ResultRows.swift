import DocketModel
import Foundation

/// Which documents a query looks at: one of them, or by type and by when they were submitted.
public struct DocumentFilter: Sendable, Equatable {
    public var document: Int64?
    public var type: DocumentType?
    /// Submitted at or after, Unix seconds.
    public var since: Double?
    /// Submitted before, Unix seconds.
    public var until: Double?

    public init(document: Int64? = nil, type: DocumentType? = nil, since: Double? = nil, until: Double? = nil) {
        self.document = document
        self.type = type
        self.since = since
        self.until = until
    }
}

/// A field of one document, as `docket fields` lists it.
public struct FieldRow: Codable, Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var documentType: DocumentType?
    public var field: DocumentField
}

/// An answer stored for a document, as `docket answers` and exports list it.
public struct AnswerRow: Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var answer: Answer
}

/// A page that matches a search, best first.
public struct SearchHit: Codable, Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var documentType: DocumentType?
    public var page: Int
    /// The words around the matches; each match stands between `SearchHit.matchStart` and `matchEnd`.
    public var snippet: String
    /// FTS5's bm25 score: lower is a better match.
    public var rank: Double

    public static let matchStart = "\u{E000}"
    public static let matchEnd = "\u{E001}"
}
