/// Where an answer came from: the page and box a person can look at, and the words it was read from.
public struct Evidence: Codable, Sendable, Hashable {
    /// 1-based page number.
    public var page: Int
    public var box: Box
    public var wordIndices: [Int]

    public init(page: Int, box: Box, wordIndices: [Int]) {
        self.page = page
        self.box = box
        self.wordIndices = wordIndices
    }
}

/// An answer to a question about a document, or an honest "not found" (`text == nil`).
public struct Answer: Codable, Sendable, Hashable {
    public var question: String
    public var text: String?
    /// 0...1.
    public var confidence: Double
    public var evidence: Evidence?

    public init(question: String, text: String?, confidence: Double, evidence: Evidence?) {
        self.question = question
        self.text = text
        self.confidence = confidence
        self.evidence = evidence
    }

    public static func notFound(_ question: String) -> Answer {
        Answer(question: question, text: nil, confidence: 0, evidence: nil)
    }

    public var isFound: Bool { text != nil }
}
