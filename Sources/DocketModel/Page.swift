/// One page as read: size, words with boxes, lines, and where the text came from.
public struct Page: Codable, Sendable, Hashable {
    /// 1-based.
    public var number: Int
    public var width: Double
    public var height: Double
    public var source: TextSource
    public var words: [Word]
    public var lines: [Line]

    public init(number: Int, width: Double, height: Double, source: TextSource, words: [Word], lines: [Line]) {
        self.number = number
        self.width = width
        self.height = height
        self.source = source
        self.words = words
        self.lines = lines
    }

    /// The page's text, one line of text per line.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// Mean word confidence (0...100), nil on a page without words.
    public var meanConfidence: Double? {
        words.isEmpty ? nil : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }
}
