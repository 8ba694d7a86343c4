import DocketModel

extension Box {
    var area: Double { max(0, width) * max(0, height) }

    func horizontalOverlap(with other: Box) -> Double {
        max(0, min(x1, other.x1) - max(x0, other.x0))
    }

    func intersectionArea(with other: Box) -> Double {
        horizontalOverlap(with: other) * verticalOverlap(with: other)
    }

    func insetBy(_ amount: Double) -> Box {
        Box(x0: x0 + amount, y0: y0 + amount, x1: x1 - amount, y1: y1 - amount)
    }
}

func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Words that share a baseline region, left to right: a row as the eye sees it, whatever lines
/// the reader made (a reader may cut a table row into one line per cell).
struct VisualRow {
    var wordIndices: [Int]
    var box: Box
}

enum VisualRows {
    /// Groups `indices` into rows, top to bottom; a word joins a row when it overlaps the row
    /// vertically by more than half of the smaller height.
    static func make(_ indices: [Int], words: [Word]) -> [VisualRow] {
        let sorted = indices.sorted { words[$0].box.centerY < words[$1].box.centerY }
        var rows: [VisualRow] = []
        for index in sorted {
            let box = words[index].box
            if let last = rows.indices.last,
               rows[last].box.verticalOverlap(with: box) > 0.5 * min(rows[last].box.height, box.height) {
                rows[last].wordIndices.append(index)
                rows[last].box = rows[last].box.union(box)
            } else {
                rows.append(VisualRow(wordIndices: [index], box: box))
            }
        }
        for row in rows.indices { rows[row].wordIndices.sort { words[$0].box.x0 < words[$1].box.x0 } }
        return rows
    }

    /// Splits a row's words (left to right) where the gap between two words is wider than `gap`.
    static func chunks(of row: [Int], words: [Word], gap: Double) -> [[Int]] {
        var chunks: [[Int]] = []
        for index in row {
            if let last = chunks.last?.last, words[index].box.x0 - words[last].box.x1 <= gap {
                chunks[chunks.count - 1].append(index)
            } else {
                chunks.append([index])
            }
        }
        return chunks
    }
}

func text(of indices: [Int], words: [Word]) -> String {
    indices.map { words[$0].text }.joined(separator: " ")
}

func enclosingBox(of indices: [Int], words: [Word]) -> Box? {
    Box.enclosing(indices.map { words[$0].box })
}
