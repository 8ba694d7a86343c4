import DocketModel

/// A report as lines of tokens, from plain text or from read pages, so that both are parsed alike
/// and every token still knows the page word it came from.
enum ReportLines {
    /// Words are the text's whitespace-separated runs, numbered from 0 on page 1.
    static func lines(of text: String) -> [[ReportToken]] {
        var wordIndex = 0
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            line.split(whereSeparator: \.isWhitespace).flatMap { word in
                defer { wordIndex += 1 }
                return ReportTokenizer.tokens(ofWord: String(word), at: WordLocation(page: 1, wordIndex: wordIndex))
            }
        }
    }

    static func lines(of pages: [Page]) -> [[ReportToken]] {
        pages.flatMap { page in
            page.lines.map { line in
                line.wordIndices.flatMap { index in
                    ReportTokenizer.tokens(ofWord: page.words[index].text, at: WordLocation(page: page.number, wordIndex: index))
                }
            }
        }
    }
}
