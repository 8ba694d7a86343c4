/// One page as read: size, words with boxes, lines, and where the text came from.
public struct Page: Codable, Sendable, Hashable {
    /// 1-based.
    public var number: Int
    public var width: Double
    public var height: Double
    public var source: TextSource
    public var words: [Word]
    public var lines: [Line]
    /// Nil when the page was read before Docket analysed layouts.
    public var layout: PageLayout?
    /// Pictures on a text-layer page left unread because the time for reading the page's pictures
    /// ran out: any text they show is missing from `words`.
    public var picturesUnread: Int
    /// Degrees the page was turned clockwise to be read upright (0, 90, 180 or 270): it was scanned
    /// sideways or upside down. Its words' boxes are on the page as it was submitted.
    public var turnedToRead: Int

    public init(number: Int, width: Double, height: Double, source: TextSource, words: [Word], lines: [Line],
                layout: PageLayout? = nil, picturesUnread: Int = 0, turnedToRead: Int = 0) {
        self.number = number
        self.width = width
        self.height = height
        self.source = source
        self.words = words
        self.lines = lines
        self.layout = layout
        self.picturesUnread = picturesUnread
        self.turnedToRead = turnedToRead
    }

    /// The page's text, one line of text per line.
    public var text: String { lines.map(\.text).joined(separator: "\n") }

    /// Mean word confidence (0...100), nil on a page without words.
    public var meanConfidence: Double? {
        words.isEmpty ? nil : words.map(\.confidence).reduce(0, +) / Double(words.count)
    }
}
