/// One word on a page, with its box and how sure the reader was of it.
public struct Word: Codable, Sendable, Hashable {
    public var text: String
    public var box: Box
    /// 0...100; 100 for words that were not recognised but read (text layer, plain text).
    public var confidence: Double
    /// Where this word came from, when a page mixes sources (a text layer with OCR of its
    /// pictures); nil means the page's own source.
    public var source: TextSource?

    public init(text: String, box: Box, confidence: Double, source: TextSource? = nil) {
        self.text = text
        self.box = box
        self.confidence = confidence
        self.source = source
    }
}
