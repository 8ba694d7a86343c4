import DocketModel

/// Finds labels and their values: a label ends with a colon ("Invoice number:"), or is the caption
/// at the top of a drawn box; its value stands right of it on the same row, below it, or in its box.
struct KeyValueFinder {
    let words: [Word]
    let wordHeight: Double
    let pageWidth: Double
    /// Words that are a checkbox's own mark as a reader recognised it; never a label or a value.
    let excluded: Set<Int>
    let checkboxes: [Box]

    /// A label has at most this many words before its colon.
    var longestLabel = 5

    /// `drawnBoxes`: rectangles drawn on the page; a label and value inside one are `in-box`.
    func find(drawnBoxes: [Box]) -> [KeyValuePair] {
        let rows = VisualRows.make(words.indices.filter { !excluded.contains($0) }, words: words)
        var labelWords: [Int: [Int]] = [:]   // the word ending with a colon -> the label's words
        for row in rows {
            for (position, index) in row.wordIndices.enumerated() where isLabelEnd(words[index].text) {
                var label = [index]
                var cursor = position - 1
                while cursor >= 0, label.count < longestLabel {
                    let previous = row.wordIndices[cursor]
                    // "IBAN: DE89 3704   BIC:": a label is words, not the end of the value before it.
                    guard !isLabelEnd(words[previous].text), words[previous].text.contains(where: \.isLetter),
                          words[label[0]].box.x0 - words[previous].box.x1 <= wordHeight else { break }
                    label.insert(previous, at: 0)
                    cursor -= 1
                }
                labelWords[index] = label
            }
        }
        let inLabels = Set(labelWords.values.joined())
        var pairs: [KeyValuePair] = []
        var used = Set<Int>()
        for row in rows {
            for (position, index) in row.wordIndices.enumerated() {
                guard let label = labelWords[index] else { continue }
                var value: [Int] = []
                var relation = KeyValueRelation.right
                for next in row.wordIndices[(position + 1)...] {
                    let gap = words[next].box.x0 - words[value.last ?? index].box.x1
                    guard !inLabels.contains(next), gap <= (value.isEmpty ? 0.3 * pageWidth : 1.5 * wordHeight),
                          !checkboxes.contains(where: { $0.verticalOverlap(with: words[index].box) > 0
                              && $0.x0 < words[next].box.x0 && $0.x0 > words[index].box.x1 })
                    else { break }
                    value.append(next)
                }
                if value.isEmpty, !checkboxes.contains(where: { $0.verticalOverlap(with: words[index].box) > 0
                    && $0.x0 > words[index].box.x1 && $0.x0 - words[index].box.x1 < 0.3 * pageWidth }) {
                    value = valueBelow(label, rows: rows, inLabels: inLabels)
                    relation = .below
                }
                guard !value.isEmpty, used.isDisjoint(with: value) else { continue }
                used.formUnion(value)
                pairs.append(pair(key: label, value: value, relation: relation, drawnBoxes: drawnBoxes))
            }
        }
        pairs += captionedBoxes(drawnBoxes, taken: inLabels.union(used))
        return pairs
    }

    private func isLabelEnd(_ text: String) -> Bool {
        text.count >= 2 && text.hasSuffix(":") && text.dropLast().contains { $0.isLetter }
    }

    /// The first piece of the next row below that starts under the label.
    private func valueBelow(_ label: [Int], rows: [VisualRow], inLabels: Set<Int>) -> [Int] {
        guard let labelBox = enclosingBox(of: label, words: words),
              let row = rows.first(where: { $0.box.y0 >= labelBox.centerY + 0.3 * labelBox.height })
        else { return [] }
        guard row.box.y0 - labelBox.y1 <= 1.5 * wordHeight else { return [] }
        let pieces = VisualRows.chunks(of: row.wordIndices, words: words, gap: 1.5 * wordHeight)
        guard let piece = pieces.first(where: { piece in
            guard let box = enclosingBox(of: piece, words: words) else { return false }
            return box.x0 >= labelBox.x0 - wordHeight && box.x0 <= labelBox.x1
        }) else { return [] }
        return piece.contains(where: inLabels.contains) ? [] : piece
    }

    /// A drawn box whose first row of words is a short caption, smaller than the rest: the caption labels the rest.
    private func captionedBoxes(_ boxes: [Box], taken: Set<Int>) -> [KeyValuePair] {
        boxes.compactMap { box in
            let inside = words.indices.filter { box.contains(center: words[$0].box) }
            guard !inside.isEmpty, inside.allSatisfy({ !taken.contains($0) && !excluded.contains($0) }) else { return nil }
            let rows = VisualRows.make(inside, words: words)
            guard rows.count >= 2, rows[0].wordIndices.count <= longestLabel,
                  let caption = median(rows[0].wordIndices.map { words[$0].box.height }),
                  let rest = median(rows[1].wordIndices.map { words[$0].box.height }),
                  caption < 0.9 * rest
            else { return nil }
            return pair(key: rows[0].wordIndices, value: rows.dropFirst().flatMap(\.wordIndices), relation: .inBox, drawnBoxes: [])
        }
    }

    private func pair(key: [Int], value: [Int], relation: KeyValueRelation, drawnBoxes: [Box]) -> KeyValuePair {
        let keyBox = enclosingBox(of: key, words: words)!, valueBox = enclosingBox(of: value, words: words)!
        let sharesABox = drawnBoxes.contains { $0.contains(center: keyBox) && $0.contains(center: valueBox) }
        return KeyValuePair(keyWordIndices: key, valueWordIndices: value, keyText: text(of: key, words: words),
                            valueText: text(of: value, words: words), keyBox: keyBox, valueBox: valueBox,
                            relation: sharesABox ? .inBox : relation)
    }
}
