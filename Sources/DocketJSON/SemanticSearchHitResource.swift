import DocketModel

/// A page found by `search --semantic`: the keyword ranking and the vector ranking fused.
public struct SemanticSearchHitResource: Codable, Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var documentType: DocumentType?
    public var page: Int
    /// The keyword snippet (matches between `[` and `]`) when the page matched the words, else
    /// the text of the page's passage nearest the query, on one line.
    public var snippet: String
    /// The reciprocal rank fusion score: higher is a better match.
    public var score: Double
    /// The page's place in the keyword (BM25) ranking, from 1; nil when its words do not match.
    public var keywordRank: Int?
    /// The cosine of the query and the page's nearest passage; nil when the page has no vectors.
    public var similarity: Double?
    /// The box of the page's nearest passage; nil when the page has no vectors.
    public var box: Box?

    public init(documentID: Int64, documentName: String, documentType: DocumentType?, page: Int, snippet: String, score: Double,
                keywordRank: Int?, similarity: Double?, box: Box?) {
        self.documentID = documentID
        self.documentName = documentName
        self.documentType = documentType
        self.page = page
        self.snippet = snippet
        self.score = score
        self.keywordRank = keywordRank
        self.similarity = similarity
        self.box = box
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentName = "document_name", documentType = "document_type", page, snippet, score
        case keywordRank = "keyword_rank", similarity, box
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(documentName, forKey: .documentName)
        try container.encode(documentType, forKey: .documentType)
        try container.encode(page, forKey: .page)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(score, forKey: .score)
        try container.encode(keywordRank, forKey: .keywordRank)
        try container.encode(similarity, forKey: .similarity)
        try container.encode(box, forKey: .box)
    }
}
