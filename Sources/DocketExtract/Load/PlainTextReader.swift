import DocketModel
import Foundation

/// A UTF-8 text file. Form feeds separate pages. Words get boxes on a fixed grid, as if the text
/// were printed in a 12-point monospaced font, so that evidence can point at them like any other.
final class PlainTextReader: DocumentReader {
    static let characterWidth = 7.2
    static let lineHeight = 14.0
    static let margin = 36.0

    private let pages: [Substring]
    private let limits: ExtractLimits

    init(bytes: [UInt8], limits: ExtractLimits) throws {
        try limits.checkSize(bytes.count, of: .plainText)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ExtractError.notUTF8 }
        pages = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\u{0C}", omittingEmptySubsequences: false)
        guard pages.count <= limits.maxPages else { throw ExtractError.tooManyPages(count: pages.count, limit: limits.maxPages) }
        self.limits = limits
    }

    var pageCount: Int { pages.count }

    func readPage(_ number: Int, ocr: () throws -> OCREngine) throws -> Page {
        var words: [Word] = []
        var lines: [Line] = []
        var widestLine = 0
        let text = pages[number - 1]
        // Counted before any word is made, so that a page of millions of words costs no more than its text.
        let wordCount = Self.wordCount(of: text)
        guard wordCount <= limits.maxPageWords else {
            throw ExtractError.tooManyWordsOnPage(page: number, count: wordCount, limit: limits.maxPageWords)
        }
        let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, textLine) in textLines.enumerated() {
            widestLine = max(widestLine, textLine.count)
            let top = Self.margin + Double(lineIndex) * Self.lineHeight
            var indices: [Int] = []
            var column = 0
            var wordStart: Int?
            var current = ""
            for character in textLine + " " {
                if character.isWhitespace {
                    if let start = wordStart {
                        indices.append(words.count)
                        words.append(Word(text: current, box: box(columns: start..<column, top: top), confidence: 100))
                        wordStart = nil
                        current = ""
                    }
                } else {
                    if wordStart == nil { wordStart = column }
                    current.append(character)
                }
                column += character == "\t" ? 8 - column % 8 : 1
            }
            if !indices.isEmpty { lines.append(Line(wordIndices: indices, of: words)) }
        }
        let width = max(612, 2 * Self.margin + Double(widestLine) * Self.characterWidth)
        let height = max(792, 2 * Self.margin + Double(textLines.count) * Self.lineHeight)
        return withLayout(Page(number: number, width: width, height: height, source: .plainText, words: words, lines: lines),
                          image: nil)
    }

    /// The runs of non-whitespace characters in `text`.
    static func wordCount(of text: Substring) -> Int {
        var count = 0
        var inWord = false
        for character in text {
            if character.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    private func box(columns: Range<Int>, top: Double) -> DocketModel.Box {
        DocketModel.Box(x0: Self.margin + Double(columns.lowerBound) * Self.characterWidth, y0: top,
            x1: Self.margin + Double(columns.upperBound) * Self.characterWidth, y1: top + Self.lineHeight)
    }
}
