import DocketModel

/// Finds a question's label on a page by spelling: the question's letters and digits against runs
/// of words in reading order, forgiving a few OCR misreadings ("Dale:" for "Date:") and differences
/// in spacing and punctuation ("Name / Phone Ext. :" for "Name/Phone Ext.:"). A label may wrap
/// onto the next row.
struct FormLabelFinder {
    /// Labels this short must be read exactly, one changed letter turns "TO" into "SO", unless the
    /// question and the page both end them with a colon.
    static let shortestFuzzyLabel = 4
    /// Share of a label's letters (beyond the first two) that may be misread.
    static let misreadShare = 0.5
    /// Least share of the question a label cut short by OCR must still spell.
    static let shortestPartShare = 0.5
    /// Fewest letters a label cut short by OCR must still spell.
    static let shortestPart = 5
    /// Most places one label is looked for on a page, best spelled first.
    static let maximumMatchesPerPage = 6
    /// A word closer than this after a label without a colon may be more of the label, in line heights.
    static let ordinaryGapAfterLabel = 0.6
    /// Other column headers on a label's row that make it a table's header row.
    static let headersBesideLabel = 2
    /// How far under a column header the column's first words may be, in line heights.
    static let headerColumnDepth = 4.0
    /// Widest space between two words of one label, in line heights.
    static let widestGapInLabel = 3.0

    let key: [Character]
    /// The question as written, without spaces: case and punctuation kept, to tell "DATE:" from "Date".
    let spelling: [Character]

    init?(question: String) {
        key = Array(WordNormalizer.comparisonKey(question))
        spelling = question.filter { !$0.isWhitespace }.map { $0 }
        if key.isEmpty { return nil }
    }

    private static func allowedEdits(_ length: Int) -> Int {
        // Two letters are spared, so a five-letter label may have one misread letter, not two.
        length < shortestFuzzyLabel ? 0 : max(1, Int(Double(length - 2) * misreadShare))
    }

    /// A short label may have one misread letter when both the question and the page write it
    /// with a colon, as "ec:" for "cc:": the colon shows it is a label.
    private func allowedEdits(_ length: Int, endsWithColon: Bool) -> Int {
        let short = length < Self.shortestFuzzyLabel && length >= 2
        return short && endsWithColon && questionEndsWithColon ? 1 : Self.allowedEdits(length)
    }

    private var questionEndsWithColon: Bool { spelling.last == ":" }

    private var shortestMatch: Int {
        min(key.count, max(Self.shortestPart, Int((Double(key.count) * Self.shortestPartShare).rounded(.up))))
    }

    /// Similarity of a spelling to the key: characters matched over the longer of the two, 1 when
    /// exact; nil when too little of the key is spelled or too many letters are misread.
    private func similarity(of spelled: [Character], endsWithColon: Bool = false) -> Double? {
        let (length, edits) = FormText.alignment(of: spelled, within: key)
        guard length >= shortestMatch, edits <= allowedEdits(length, endsWithColon: endsWithColon) else { return nil }
        return Double(length - edits) / Double(max(key.count, spelled.count))
    }

    func matches(in layout: FormLayout) -> [FormLabel] {
        let tokens = layout.tokens
        let keys = tokens.map { Array(WordNormalizer.comparisonKey($0.text)) }
        let longestRun = key.count + Self.allowedEdits(key.count)
        var found: [FormLabel] = []
        for start in tokens.indices where !keys[start].isEmpty && keys[start].count <= longestRun {
            guard isPlausibleStart(keys[start], endsWithColon: FormText.endsLikeLabel(tokens[start].text)) else { continue }
            var spelled: [Character] = []
            var run: [Int] = []
            var best: (similarity: Double, length: Int)?
            for next in start..<tokens.count {
                if let last = run.last, !continues(run, last: last, with: next, in: layout) { break }
                spelled += keys[next]
                run.append(next)
                if spelled.count > longestRun { break }
                guard !keys[next].isEmpty, spelled.count + Self.allowedEdits(shortestMatch) >= shortestMatch,
                    let similarity = similarity(of: spelled, endsWithColon: FormText.endsLikeLabel(tokens[next].text))
                else { continue }
                if similarity > best?.similarity ?? 0 { best = (similarity, run.count) }
            }
            guard let best else { continue }
            var labelTokens = Array(run.prefix(best.length))
            absorbTrailingPunctuation(into: &labelTokens, keys: keys, in: layout)
            found.append(match(labelTokens, similarity: best.similarity, in: layout))
        }
        return bestDisjoint(found)
    }

    /// The run's first word must spell some part of the label, which skips most words cheaply.
    private func isPlausibleStart(_ tokenKey: [Character], endsWithColon: Bool) -> Bool {
        let (length, edits) = FormText.alignment(of: tokenKey, within: key)
        return length > 0 && edits <= allowedEdits(tokenKey.count, endsWithColon: endsWithColon)
    }

    /// The next word in reading order carries the label on: close by on the same row, or at the
    /// start of the next row under the label so far.
    private func continues(_ run: [Int], last: Int, with next: Int, in layout: FormLayout) -> Bool {
        let previous = layout.tokens[last].box
        let box = layout.tokens[next].box
        let height = layout.height(of: previous)
        if layout.onSameRow(previous, box) {
            // OCR sometimes gives a label's first word the box of the whole label, so words may overlap.
            return box.x0 >= previous.x0 && box.x0 - previous.x1 <= Self.widestGapInLabel * height
        }
        let labelSoFar = Box.enclosing(run.map { layout.tokens[$0].box })!
        let drop = box.y0 - previous.y1
        return drop > -0.3 * height && drop <= 1.5 * height
            && box.x0 <= labelSoFar.x1 && box.x1 >= labelSoFar.x0 - height
    }

    /// A lone ":" read as its own word belongs to the label before it.
    private func absorbTrailingPunctuation(into labelTokens: inout [Int], keys: [[Character]], in layout: FormLayout) {
        guard let last = labelTokens.last, last + 1 < keys.count, keys[last + 1].isEmpty else { return }
        let box = layout.tokens[last].box
        let next = layout.tokens[last + 1].box
        if layout.onSameRow(box, next), next.x0 - box.x1 <= layout.height(of: box) {
            labelTokens.append(last + 1)
        }
    }

    private func match(_ labelTokens: [Int], similarity: Double, in layout: FormLayout) -> FormLabel {
        let boxes = labelTokens.map { layout.tokens[$0].box }
        let lastBox = boxes.last!
        let lastRow = Box.enclosing(boxes.filter { layout.onSameRow($0, lastBox) })!
        let firstRow = Box.enclosing(boxes.filter { layout.onSameRow($0, boxes[0]) })!
        let box = Box.enclosing(boxes)!
        let firstBox = boxes.first!
        let leftNeighbour =
            layout.previousToken(leftOf: firstBox, skipping: Set(labelTokens)).map { index in
                firstBox.x0 - layout.tokens[index].box.x1 < 1.5 * layout.height(of: firstBox)
            } ?? false
        let written = Array(labelTokens.map { layout.tokens[$0].text }.joined())
        let literalSimilarity =
            1 - Double(AnswerScoring.levenshtein(written, spelling)) / Double(max(written.count, spelling.count, 1))
        let endsWithColon = FormText.endsLikeLabel(String(written))
        let closeFollower =
            layout.nextToken(rightOf: lastBox, skipping: Set(labelTokens)).map { index in
                layout.tokens[index].box.x0 - lastBox.x1 < Self.ordinaryGapAfterLabel * layout.height(of: lastBox)
            } ?? false
        return FormLabel(
            tokenIndices: labelTokens, similarity: similarity, box: box, firstRowBox: firstRow,
            lastRowBox: lastRow, literalSimilarity: literalSimilarity, endsWithColon: endsWithColon,
            startsRow: !leftNeighbour, runsOn: closeFollower && !endsWithColon,
            inHeaderRow: !endsWithColon && isHeaderRow(lastRow, label: labelTokens, in: layout))
    }

    /// Whether the row holds, besides the label, at least `headersBesideLabel` phrases set apart by
    /// wide spaces, no digits and no colons, and each phrase heads a column of words: the header row of a table.
    private func isHeaderRow(_ row: Box, label: [Int], in layout: FormLayout) -> Bool {
        let onRow = layout.tokens.indices.filter { layout.onSameRow(layout.tokens[$0].box, row) }
            .sorted { layout.tokens[$0].box.x0 < layout.tokens[$1].box.x0 }
        let texts = onRow.map { layout.tokens[$0].text }
        guard !texts.contains(where: { $0.contains { $0.isNumber } || FormText.endsLikeLabel($0) }) else {
            return false
        }
        let wideSpace = Self.widestGapInLabel * layout.height(of: row)
        var phrases: [[Int]] = []
        for index in onRow where !label.contains(index) {
            if let last = phrases.last?.last, layout.tokens[index].box.x0 - layout.tokens[last].box.x1 <= wideSpace {
                phrases[phrases.count - 1].append(index)
            } else {
                phrases.append([index])
            }
        }
        let columnDepth = Self.headerColumnDepth * layout.height(of: row)
        let boxes = [row] + phrases.map { phrase in Box.enclosing(phrase.map { layout.tokens[$0].box })! }
        return phrases.count >= Self.headersBesideLabel
            && boxes.allSatisfy { layout.hasWordsUnder($0, within: columnDepth) }
    }

    /// The best-spelled matches that share no word, best first.
    private func bestDisjoint(_ matches: [FormLabel]) -> [FormLabel] {
        var kept: [FormLabel] = []
        var used = Set<Int>()
        for match in matches.sorted(by: { ($0.similarity, -$0.tokenIndices[0]) > ($1.similarity, -$1.tokenIndices[0]) })
        where used.isDisjoint(with: match.tokenIndices) {
            kept.append(match)
            used.formUnion(match.tokenIndices)
            if kept.count == Self.maximumMatchesPerPage { break }
        }
        return kept
    }
}
