import Foundation

/// A piece of a page's text that semantic search embeds and shows as a hit: a layout block, or,
/// on a page read without layout, a few consecutive lines.
public struct Passage: Sendable, Hashable {
    /// The passage's place on its page: the block's reading order, or the line group's position.
    public var index: Int
    public var text: String
    public var box: Box

    public init(index: Int, text: String, box: Box) {
        self.index = index
        self.text = text
        self.box = box
    }
}

extension Page {
    /// Lines per passage on a page without layout: the encoder reads at most 256 tokens of a text,
    /// so a whole page would be cut short, and one line alone often lacks the words that give it a meaning.
    public static let linesPerPassage = 6

    /// The page's passages with text, in reading order.
    public var passages: [Passage] {
        if let blocks = layout?.blocks, !blocks.isEmpty {
            return blocks.compactMap { block in
                let text = block.lineIndices.compactMap { lines.indices.contains($0) ? lines[$0].text : nil }
                    .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : Passage(index: block.readingOrder, text: text, box: block.box)
            }
        }
        let linesWithText = lines.filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        return stride(from: 0, to: linesWithText.count, by: Self.linesPerPassage).map { start in
            let group = linesWithText[start..<min(linesWithText.count, start + Self.linesPerPassage)]
            return Passage(index: start / Self.linesPerPassage, text: group.map(\.text).joined(separator: "\n"),
                           box: group.dropFirst().reduce(group.first!.box) { $0.union($1.box) })
        }
    }
}
