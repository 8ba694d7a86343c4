import DocketModel

/// Geometry of one page's words, read as tokens: which share a visual row, and how tall a line of
/// text is, so distances can be measured in lines rather than points.
struct FormLayout {
    let page: Page
    /// The page's words in reading order, run-together labels and values split apart, then its ticked boxes.
    let tokens: [FormToken]
    /// Median word height, the unit for gaps and tolerances.
    let lineHeight: Double

    /// Two boxes share a row when their centres are closer than this share of their height;
    /// handwriting sits a little above the printed rule it was written on, so this is loose.
    static let rowCentreTolerance = 0.7

    init(page: Page) {
        self.page = page
        let tickedBoxes = (page.layout?.checkboxes ?? []).filter(\.isChecked)
        let tickedBounds = tickedBoxes.map(\.box)
        let wordTokens = page.words.enumerated().flatMap { FormToken.tokens(of: $0.element, at: $0.offset) }
        tokens = wordTokens.flatMap { $0.outside(tickedBounds) } + tickedBoxes.map(FormToken.token(of:))
        let heights = page.words.map(\.box.height).filter { $0 > 0 }.sorted()
        lineHeight = heights.isEmpty ? 10 : heights[heights.count / 2]
    }

    /// A box's height, not less than half a typical line (a "-" or "." has a tiny box).
    func height(of box: Box) -> Double {
        max(box.height, lineHeight * 0.5)
    }

    func onSameRow(_ a: Box, _ b: Box, tolerance: Double = rowCentreTolerance) -> Bool {
        let height = max(min(height(of: a), height(of: b)), lineHeight * 0.8)
        return abs(a.centerY - b.centerY) <= tolerance * height
    }

    /// The nearest token right of `box` on its row: the next to start after it, for OCR boxes can
    /// overlap. Rows are followed token by token, so a row that slopes on a skewed scan is still one row.
    func nextToken(rightOf box: Box, skipping excluded: Set<Int>) -> Int? {
        tokensOnRow(of: box, startingAfter: box.x0, skipping: excluded, rowTolerance: Self.rowCentreTolerance).first
    }

    /// Tokens on the row of `box` that start right of `x`, nearest first.
    func tokensOnRow(of box: Box, startingAfter x: Double, skipping excluded: Set<Int>, rowTolerance: Double) -> [Int] {
        tokens.indices.filter { index in
            !excluded.contains(index) && tokens[index].box.x0 > x
                && onSameRow(tokens[index].box, box, tolerance: rowTolerance)
        }.sorted { tokens[$0].box.x0 < tokens[$1].box.x0 }
    }

    /// The nearest token left of `box` on its row.
    func previousToken(leftOf box: Box, skipping excluded: Set<Int>) -> Int? {
        tokens.indices.filter { index in
            let other = tokens[index].box
            return !excluded.contains(index) && other.x1 < box.x1 && other.x0 < box.x0 && onSameRow(other, box)
        }.max { tokens[$0].box.x1 < tokens[$1].box.x1 }
    }

    /// Words stand under `box` within `distance`, overlapping it from side to side, as under a column header.
    func hasWordsUnder(_ box: Box, within distance: Double) -> Bool {
        tokens.contains { token in
            token.box.centerY > box.y1 && token.box.y0 - box.y1 <= distance && token.box.x1 > box.x0
                && token.box.x0 < box.x1
        }
    }
}
