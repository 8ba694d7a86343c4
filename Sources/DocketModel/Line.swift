/// A line of text: indices into its page's `words`, in reading order.
public struct Line: Codable, Sendable, Hashable {
    public var wordIndices: [Int]
    public var box: Box
    public var text: String

    public init(wordIndices: [Int], box: Box, text: String) {
        self.wordIndices = wordIndices
        self.box = box
        self.text = text
    }
}
