/// One word on a page, with its box and how sure the reader was of it.
public struct Word: Codable, Sendable, Hashable {
    public var text: String
    public var box: Box
    /// 0...100; 100 for words that were not recognised but read (text layer, plain text).
    public var confidence: Double

    public init(text: String, box: Box, confidence: Double) {
        self.text = text
        self.box = box
        self.confidence = confidence
    }
}
