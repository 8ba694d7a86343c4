import DocketModel

extension OpenQuestionAnswerer {
    /// All words of a document in reading order, with figures that OCR split at their separators
    /// joined again ("10," "000" is 10,000; "33" "," "460" is 33,460; "94" "." "7680" is 94.7680).
    struct TokenSequence: Sendable {
        let tokens: [PageToken]

        init(pages: [Page]) {
            var tokens: [PageToken] = []
            for (pageIndex, page) in pages.enumerated() {
                // Lines hold the reading order; words outside every line still count, after them.
                var seen = Set<Int>()
                var order: [Int] = []
                for line in page.lines {
                    for wordIndex in line.wordIndices where page.words.indices.contains(wordIndex) && seen.insert(wordIndex).inserted {
                        order.append(wordIndex)
                    }
                }
                order += page.words.indices.filter { !seen.contains($0) }
                tokens += Self.joiningSplitFigures(order, of: page).map {
                    PageToken(pageIndex: pageIndex, wordIndices: $0, text: $0.map { page.words[$0].text }.joined())
                }
            }
            self.tokens = tokens
        }

        var count: Int { tokens.count }

        /// The words in `order`, grouped: each group one token.
        private static func joiningSplitFigures(_ order: [Int], of page: Page) -> [[Int]] {
            var groups: [[Int]] = []
            var position = 0
            while position < order.count {
                var group = [order[position]]
                var text = page.words[order[position]].text
                position += 1
                while position < order.count, Self.adjacent(page.words[group.last!].box, page.words[order[position]].box) {
                    let next = page.words[order[position]].text
                    if text.wholeMatch(of: /\$?\d[\d,]*,/) != nil, next.prefixMatch(of: /\d{3}(?!\d)/) != nil {
                        group.append(order[position])
                        text += next
                        position += 1
                    } else if text.wholeMatch(of: /\$?\d[\d,]*/) != nil, next == "." || next == ",", position + 1 < order.count,
                              Self.continuesFigure(page.words[order[position + 1]].text, after: next),
                              Self.adjacent(page.words[order[position]].box, page.words[order[position + 1]].box) {
                        group += [order[position], order[position + 1]]
                        text += next + page.words[order[position + 1]].text
                        position += 2
                    } else {
                        break
                    }
                }
                groups.append(group)
            }
            return groups
        }

        /// The digits after a separator read as a word of its own: any after a decimal point, three
        /// after a thousands comma ("33" "," "460" is 33,460).
        private static func continuesFigure(_ text: String, after separator: String) -> Bool {
            separator == "." ? text.first?.isNumber == true : text.prefixMatch(of: /\d{3}(?!\d)/) != nil
        }

        /// `next` follows `box` on its line, no more than a line's height after it.
        private static func adjacent(_ box: Box, _ next: Box) -> Bool {
            box.verticalOverlap(with: next) > 0 && next.x0 >= box.x0 && next.x0 - box.x1 <= max(box.height, next.height)
        }
    }
}
