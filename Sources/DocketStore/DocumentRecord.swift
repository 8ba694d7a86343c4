import DocketModel

/// A stored document without its bytes.
public struct DocumentRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var sha256: String
    public var mediaType: MediaType
    public var byteCount: Int
    public var originalName: String
    public var createdAt: Double
    /// nil until the document is read.
    public var documentType: DocumentType?
}

/// What a reader of the results sees of one document: its pages, words, where the text came from,
/// and how long reading took.
public struct DocumentSummary: Codable, Sendable, Equatable {
    public var document: DocumentRecord
    public var pageCount: Int
    public var wordCount: Int
    /// The distinct sources of the pages' text, e.g. `["text-layer", "ocr"]`.
    public var sources: [TextSource]
    public var meanConfidence: Double?
    public var seconds: Double?
}
