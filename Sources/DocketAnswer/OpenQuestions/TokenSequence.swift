import DocketModel

extension OpenQuestionAnswerer {
    /// All words of a document in reading order.
    struct TokenSequence: Sendable {
        let tokens: [PageToken]

        init(pages: [Page]) {
            var tokens: [PageToken] = []
            for (pageIndex, page) in pages.enumerated() {
                // Lines hold the reading order; words outside every line still count, after them.
                var seen = Set<Int>()
                for line in page.lines {
                    for wordIndex in line.wordIndices where page.words.indices.contains(wordIndex) && seen.insert(wordIndex).inserted {
                        tokens.append(PageToken(pageIndex: pageIndex, wordIndex: wordIndex, text: page.words[wordIndex].text))
                    }
                }
                for wordIndex in page.words.indices where !seen.contains(wordIndex) {
                    tokens.append(PageToken(pageIndex: pageIndex, wordIndex: wordIndex, text: page.words[wordIndex].text))
                }
            }
            self.tokens = tokens
        }

        var count: Int { tokens.count }
    }
}
