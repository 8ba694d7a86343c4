import DocketModel
import Foundation

/// A table's column headers and row labels, as the words a question would name them by.
struct TableHeaders {
    struct Header {
        /// The column's or the row's index in the table.
        let index: Int
        /// The words that tell this header from its siblings: "1987" of "Year ended 1987" when every
        /// column is headed "Year ended ...".
        let words: Set<String>
        /// As the table prints it, the header's lines joined: "Year ended 1987".
        let text: String
    }

    let columns: [Header]
    let rows: [Header]

    /// The header rows are the top row and the rows under it whose label cell is blank (a header
    /// set on two lines) or, in a table of figures, that hold no figure (a line of units under the
    /// header); the labels are the first column of the rows below them.
    init(_ table: LayoutTable) {
        let labelColumn = 0
        let grid = table.rows
        let holdsFigures = grid.joined().contains(where: Self.isFigure)
        let headerLines = grid.prefix { row in
            (row[safe: labelColumn]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
                || (holdsFigures && !row.contains(where: Self.isFigure))
        }.count
        let headerRowCount = max(1, headerLines)
        guard table.columnCount >= 2, headerRowCount < table.rowCount else {
            columns = []
            rows = []
            return
        }
        let columnTexts = (labelColumn + 1..<table.columnCount).map { column in
            (column, grid.prefix(headerRowCount).map { $0[column] }.joined(separator: " "))
        }
        let rowTexts = (headerRowCount..<table.rowCount).map { row in (row, grid[row][labelColumn]) }
        columns = Self.distinguished(columnTexts)
        rows = Self.distinguished(rowTexts)
    }

    func rowsNamed(by asked: Set<String>) -> [Header] { rows.filter { $0.words.isSubset(of: asked) } }

    func columnsNamed(by asked: Set<String>) -> [Header] { columns.filter { $0.words.isSubset(of: asked) } }

    /// Each text's words less those every sibling shares, unless that leaves a header without
    /// words ("Rent" beside "Rent deposit"); a header without words cannot be named.
    private static func distinguished(_ texts: [(index: Int, text: String)]) -> [Header] {
        let wordSets = texts.map { Set(words(of: $0.text)) }
        let shared = wordSets.count >= 2 ? wordSets.dropFirst().reduce(wordSets[0]) { $0.intersection($1) } : []
        let keepShared = wordSets.contains { !$0.isEmpty && $0.isSubset(of: shared) }
        return zip(texts, wordSets).compactMap { text, words in
            let own = keepShared ? words : words.subtracting(shared)
            return own.isEmpty ? nil : Header(index: text.index, words: own, text: text.text.trimmingCharacters(in: .whitespaces))
        }
    }

    /// Lower-cased words of letters or digits, singular, without the small words that join a
    /// header's words ("cost of goods") and that questions add ("the", "for").
    static func words(of text: String) -> [String] {
        WordNormalizer.words(in: text).map(WordNormalizer.tableHeaderSingular)
            .filter { $0.count >= 2 && !joiningWords.contains($0) }
    }

    private static let joiningWords: Set<String> = [
        "an", "the", "of", "and", "or", "for", "in", "on", "at", "by", "to", "per", "with",
        "what", "whats", "which", "is", "are", "was", "were", "how", "much", "many", "did", "does", "do",
    ]

    static let currencySigns: Set<Character> = ["$", "€", "£", "¥"]

    /// A number as a statement prints it: "$1,234", "(15.00)", "-3.5", "12%".
    static func isFigure(_ text: String) -> Bool {
        let number = text.drop { currencySigns.contains($0) || "(-+ ".contains($0) }
            .reversed().drop { currencySigns.contains($0) || ")% ".contains($0) }
        return number.first?.isNumber == true && number.last?.isNumber == true
            && number.allSatisfy { $0.isNumber || $0 == "," || $0 == "." }
    }
}
