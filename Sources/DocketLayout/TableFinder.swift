import DocketModel

/// Finds tables: grids of ruling lines, and runs of rows whose words line up in three or more columns.
struct TableFinder {
    let words: [Word]
    /// The page's median word height: the unit for gaps.
    let wordHeight: Double

    /// Horizontal rules further apart than this do not bound one row.
    var tallestRow = 90.0
    /// Rules of one table span the same width, give or take this share.
    var extentTolerance = 0.1
    /// Fewer columns than this, found from alignment alone, is more likely a form's two columns of labels.
    var fewestAlignedColumns = 3
    var fewestAlignedRows = 3

    // MARK: Ruled tables

    /// Tables from grids of rules, and every box the grids draw (a form's boxes, which hold a
    /// label and its value, are drawn like a table's cells).
    func ruledTables(horizontal: [RulingLine], vertical: [RulingLine]) -> (tables: [LayoutTable], drawnBoxes: [Box]) {
        var groups: [[RulingLine]] = []
        for rule in horizontal.sorted(by: { $0.position < $1.position }) {
            if let index = groups.lastIndex(where: { group in
                let last = group[group.count - 1]
                return rule.position - last.position <= tallestRow && sameExtent(rule, last)
            }) {
                groups[index].append(rule)
            } else {
                groups.append([rule])
            }
        }
        var drawnBoxes: [Box] = []
        let tables = groups.filter { $0.count >= 2 }.compactMap { table(ruledBy: $0, vertical: vertical, drawnBoxes: &drawnBoxes) }
        return (tables, drawnBoxes)
    }

    private func sameExtent(_ a: RulingLine, _ b: RulingLine) -> Bool {
        let tolerance = extentTolerance * max(a.length, b.length)
        return abs(a.start - b.start) <= tolerance && abs(a.end - b.end) <= tolerance
    }

    private func table(ruledBy rules: [RulingLine], vertical: [RulingLine], drawnBoxes: inout [Box]) -> LayoutTable? {
        let top = rules[0].position, bottom = rules[rules.count - 1].position
        let left = rules.map(\.start).min() ?? 0, right = rules.map(\.end).max() ?? 0
        let slack = 3.0
        // Vertical rules inside the table that reach from one horizontal rule to another; the
        // stems of letters reach neither.
        func meetsARule(_ y: Double) -> Bool { rules.contains { abs($0.position - y) <= slack } }
        let inside = vertical.filter { rule in
            rule.position >= left - slack && rule.position <= right + slack
                && meetsARule(rule.start) && meetsARule(rule.end) && rule.length >= 0.8 * minimumRowHeight(rules)
        }
        let box = Box(x0: left, y0: top, x1: right, y1: bottom)
        let verticalEdges = cluster(inside.map(\.position), within: slack)
        for (upper, lower) in zip(rules, rules.dropFirst()) {
            for (leftEdge, rightEdge) in zip(verticalEdges, verticalEdges.dropFirst()) {
                let meets = { (x: Double) in inside.contains { abs($0.position - x) <= slack && $0.start <= upper.position + slack && $0.end >= lower.position - slack } }
                if meets(leftEdge), meets(rightEdge) {
                    drawnBoxes.append(Box(x0: leftEdge, y0: upper.position, x1: rightEdge, y1: lower.position))
                }
            }
        }
        let tableWords = words.indices.filter { box.contains(center: words[$0].box) }
        guard !tableWords.isEmpty else { return nil }

        var columnEdges = verticalEdges
        let ruledColumns = columnEdges.count >= 3
        if ruledColumns {
            if columnEdges[0] - left > slack { columnEdges.insert(left, at: 0) }
            if right - columnEdges[columnEdges.count - 1] > slack { columnEdges.append(right) }
        } else {
            let rows = VisualRows.make(tableWords, words: words)
            let aligned = alignedColumns(rows.map(\.wordIndices))
            guard aligned.count >= 2 else { return nil }
            columnEdges = [left] + zip(aligned, aligned.dropFirst()).map { ($0.upperBound + $1.lowerBound) / 2 } + [right]
        }
        let bands = zip(rules, rules.dropFirst()).map { ($0.position, $1.position) }
        var rowSpans: [(top: Double, bottom: Double, words: [Int])] = []
        for band in bands {
            let bandWords = tableWords.filter { words[$0].box.centerY > band.0 && words[$0].box.centerY < band.1 }
            if bandWords.isEmpty {
                if ruledColumns { rowSpans.append((band.0, band.1, [])) }
                continue
            }
            // A band holds several rows when the rules are only under the header and at the
            // bottom; a text row that fills one column only continues the cell above (wrapped text).
            var spans: [(top: Double, bottom: Double, words: [Int])] = []
            for row in VisualRows.make(bandWords, words: words) {
                let columns = Set(row.wordIndices.map { column(of: words[$0].box, edges: columnEdges) })
                if columns.count >= 2 || spans.isEmpty {
                    spans.append((row.box.y0, row.box.y1, row.wordIndices))
                } else {
                    spans[spans.count - 1].bottom = row.box.y1
                    spans[spans.count - 1].words += row.wordIndices
                }
            }
            for index in spans.indices {
                spans[index].top = index == 0 ? band.0 : (spans[index - 1].bottom + spans[index].top) / 2
                spans[index].bottom = index == spans.count - 1 ? band.1 : spans[index].bottom
            }
            for index in spans.indices.dropLast() { spans[index].bottom = spans[index + 1].top }
            rowSpans += spans
        }
        guard rowSpans.count >= 2, columnEdges.count >= 3 else { return nil }
        let table = makeTable(rows: rowSpans, columnEdges: columnEdges, ruled: true)
        // Lines to write on, stacked down a form, also bound bands of words; a table fills its
        // rows across its columns.
        let fullRows = (0..<table.rowCount).filter { row in
            table.cells.filter { $0.row == row && !$0.wordIndices.isEmpty }.count >= 2
        }.count
        guard fullRows >= 2, 2 * fullRows >= table.rowCount else { return nil }
        return table
    }

    private func minimumRowHeight(_ rules: [RulingLine]) -> Double {
        zip(rules, rules.dropFirst()).map { $1.position - $0.position }.min() ?? 0
    }

    private func cluster(_ positions: [Double], within tolerance: Double) -> [Double] {
        var clusters: [[Double]] = []
        for position in positions.sorted() {
            if let last = clusters.last?.last, position - last <= tolerance {
                clusters[clusters.count - 1].append(position)
            } else {
                clusters.append([position])
            }
        }
        return clusters.map { $0.reduce(0, +) / Double($0.count) }
    }

    // MARK: Tables from alignment

    /// Runs of at least `fewestAlignedRows` consecutive rows, each cut by wide gaps into three or
    /// more pieces that fall into shared columns.
    func alignedTables(excluding used: Set<Int>) -> [LayoutTable] {
        let rows = VisualRows.make(words.indices.filter { !used.contains($0) }, words: words)
        var tables: [LayoutTable] = []
        var run: [VisualRow] = []
        func endRun() {
            defer { run = [] }
            guard run.count >= fewestAlignedRows else { return }
            let columns = alignedColumns(run.map(\.wordIndices))
            guard columns.count >= fewestAlignedColumns else { return }
            let edges = [columns[0].lowerBound] + zip(columns, columns.dropFirst()).map { ($0.upperBound + $1.lowerBound) / 2 }
                + [columns[columns.count - 1].upperBound]
            // Every row must fill at least half of the columns, or the run is prose that happens to have gaps.
            let filled = run.allSatisfy { row in
                Set(row.wordIndices.map { column(of: words[$0].box, edges: edges) }).count * 2 >= columns.count
            }
            guard filled else { return }
            var spans = run.map { (top: $0.box.y0, bottom: $0.box.y1, words: $0.wordIndices) }
            for index in spans.indices.dropLast() {
                let middle = (spans[index].bottom + spans[index + 1].top) / 2
                spans[index].bottom = middle
                spans[index + 1].top = middle
            }
            tables.append(makeTable(rows: spans, columnEdges: edges, ruled: false))
        }
        for row in rows {
            let pieces = VisualRows.chunks(of: row.wordIndices, words: words, gap: columnGap)
            let follows = run.last.map { row.box.y0 - $0.box.y1 <= 2 * wordHeight } ?? true
            if pieces.count >= fewestAlignedColumns, follows {
                run.append(row)
            } else {
                endRun()
                if pieces.count >= fewestAlignedColumns { run.append(row) }
            }
        }
        endRun()
        return tables
    }

    /// Wider than a space between words, narrower than the gutter between columns of a table.
    var columnGap: Double { 1.2 * wordHeight }

    /// Column extents from the pieces of the rows: pieces that overlap horizontally are one column.
    func alignedColumns(_ rows: [[Int]]) -> [ClosedRange<Double>] {
        var extents: [ClosedRange<Double>] = rows.flatMap { row in
            VisualRows.chunks(of: row, words: words, gap: columnGap).compactMap { piece in
                enclosingBox(of: piece, words: words).map { $0.x0...$0.x1 }
            }
        }
        extents.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Double>] = []
        for extent in extents {
            if let last = merged.last, extent.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, extent.upperBound)
            } else {
                merged.append(extent)
            }
        }
        return merged
    }

    // MARK: Cells

    private func column(of box: Box, edges: [Double]) -> Int {
        let x = box.centerX
        for index in 1..<edges.count where x < edges[index] { return index - 1 }
        return edges.count - 2
    }

    private func makeTable(rows: [(top: Double, bottom: Double, words: [Int])], columnEdges: [Double], ruled: Bool) -> LayoutTable {
        let columnCount = columnEdges.count - 1
        var cells: [TableCell] = []
        for (rowIndex, row) in rows.enumerated() {
            for column in 0..<columnCount {
                let cellWords = row.words.filter { self.column(of: words[$0].box, edges: columnEdges) == column }
                    .sorted { a, b in
                        let first = words[a].box, second = words[b].box
                        return abs(first.centerY - second.centerY) > 0.5 * min(first.height, second.height)
                            ? first.centerY < second.centerY : first.x0 < second.x0
                    }
                cells.append(TableCell(
                    row: rowIndex, column: column,
                    box: Box(x0: columnEdges[column], y0: row.top, x1: columnEdges[column + 1], y1: row.bottom),
                    wordIndices: cellWords, text: text(of: cellWords, words: words)))
            }
        }
        let box = Box(x0: columnEdges[0], y0: rows.first?.top ?? 0, x1: columnEdges[columnCount], y1: rows.last?.bottom ?? 0)
        return LayoutTable(box: box, rowCount: rows.count, columnCount: columnCount, ruled: ruled, cells: cells)
    }
}
