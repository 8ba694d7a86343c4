import DocketModel

/// Finds where a label's value may stand, in layout terms: after it on its row, under it, just
/// below or just above its row to its right, or above it; a value beside, under, or just off the
/// row to the right of its label may go on as a paragraph on the rows below with the same left
/// edge. Distances are in line heights.
struct ValueFinder {
    /// Widest space between two words of one value; more is a new column.
    static let widestGapInValue = 2.5
    /// A space this many times wider than any before it in a value ends the value.
    static let widestGapGrowth = 3.0
    /// Widest space after a full stop that still runs on to the next sentence of the value.
    static let widestSentenceGap = 1.5
    /// A usual space between words.
    static let ordinaryWordGap = 0.4
    /// Farthest the first row of a value below its label may be.
    static let farthestRowBelow = 4.0
    /// Farthest below its label's row a value starting right of the label may be.
    static let farthestRowBelowRight = 2.0
    /// Farthest above its label's row a value typed on the rule over the label may be.
    static let farthestRowAbove = 2.2
    /// Farthest right of its label's end a value starting below or above its row may be.
    static let widestIndent = 10.0
    /// Farthest left of its label a tick in the label's box may be.
    static let widestGapBeforeCheckMark = 4.0
    /// How far short of a paragraph's right edge its first row may end, in line heights.
    static let paragraphEdgeTolerance = 3.0
    /// How much farther apart than its first two rows a table column's rows may stand.
    static let columnRowSpacingGrowth = 1.6
    /// Widest space between two rows of one value.
    static let widestGapBetweenRows = 2.0
    /// How far a continuation row's left edge may stray from the value's.
    static let leftEdgeTolerance = 1.5
    /// Widest space before a paragraph row that wraps back under its label.
    static let widestGapBeforeWrap = 0.6
    /// Fewest words in a row that a paragraph wraps from back under its label.
    static let shortestRowThatWraps = 3
    /// How far off its label's row the first word beside it may stand, as a share of its height:
    /// handwriting or typing on a rule may sit higher than the printed label.
    static let rowToleranceBesideLabel = 0.9
    /// A paragraph ends at a row that starts, within this many words, with another label.
    static let wordsBeforeLabelEndingParagraph = 3

    let layout: FormLayout

    func regions(for label: FormLabel) -> [ValueRegion] {
        var regions: [ValueRegion] = []
        let beside = besideLabel(label)
        let others = [
            belowLabel(label), offRow(label, placement: .belowRightOfLabel),
            offRow(label, placement: .aboveRightOfLabel),
            offRow(label, placement: .aboveLabel), checkMarkLeftOfLabel(label),
        ]
        var below: ValueRegion?
        let labelHeadsColumn = headsColumn(label.box, height: unit(label))
        let besideHeadsColumn =
            labelHeadsColumn && beside.contains { headsColumn(box($0.rows[0][0]), height: unit(label)) }
        // Words beside a label that both head columns are the next header, not a rival to the value under it.
        let besideIsHeader = besideHeadsColumn || label.inHeaderRow
        for var region in beside + others.compactMap({ $0 }) {
            if region.placement == .rightOfLabel {
                region.besideHeadsColumn = besideHeadsColumn
            } else if !beside.isEmpty {
                region.besideAlternative = !besideIsHeader
                region.besideHeaderAlternative = besideIsHeader
            }
            let goesOnAsParagraph: Set<ValuePlacement> = [.rightOfLabel, .belowLabel, .belowRightOfLabel, .aboveRightOfLabel]
            guard goesOnAsParagraph.contains(region.placement) else {
                regions.append(region)
                continue
            }
            var continued = continuation(of: region, label: label, wrappingUnderLabel: false)
            continued.wrapsLikeParagraph = wrapsLikeParagraph(continued)
            region.paragraphGoesOn = continued.wrapsLikeParagraph
            regions.append(region)
            if continued.rows.count > region.rows.count { regions.append(continued) }
            var throughFields = continuation(of: region, label: label, wrappingUnderLabel: false, throughRowsThatGoOn: true)
            if throughFields.rows.count > continued.rows.count {
                throughFields.wrapsLikeParagraph = wrapsLikeParagraph(throughFields)
                throughFields.takesRowsThatGoOn = true
                regions.append(throughFields)
            }
            if region.placement == .belowLabel { below = continued }
            if region.placement == .rightOfLabel {
                let wrapped = continuation(of: region, label: label, wrappingUnderLabel: true)
                if wrapped.wrapsUnderLabel { regions.append(wrapped) }
            }
        }
        if let column = columnUnder(label) { regions.append(column) }
        // A paragraph that starts beside a long label and goes on under it.
        if let below, below.gap <= Self.widestGapBetweenRows,
            let first = beside.first(where: { !$0.acrossColumns && !$0.runsThroughLabel })
        {
            var wrapped = first
            wrapped.rows += below.rows
            wrapped.wrapsUnderLabel = true
            regions.append(wrapped)
        }
        return regions
    }

    /// Rows that run to about the same right edge, as a paragraph's do; a short first row does not wrap.
    private func wrapsLikeParagraph(_ region: ValueRegion) -> Bool {
        guard region.rows.count > 1 else { return false }
        let rightEdges = region.rows.map { row in row.map { box($0).x1 }.max() ?? 0 }
        return rightEdges[0] >= (rightEdges.max() ?? 0) - Self.paragraphEdgeTolerance * layout.lineHeight
    }

    /// Words stand close under `box` in its column, as under a table's column header.
    private func headsColumn(_ box: Box, height: Double) -> Bool {
        layout.hasWordsUnder(box, within: Self.farthestRowBelow * height)
    }

    private func isLabelLike(_ index: Int) -> Bool {
        FormText.endsLikeLabel(layout.tokens[index].text)
    }

    private func box(_ index: Int) -> Box { layout.tokens[index].box }

    /// The line height distances around a label are measured in.
    private func unit(_ label: FormLabel) -> Double {
        max(layout.height(of: label.lastRowBox), 0.8 * layout.lineHeight)
    }

    /// The words after the label on its last row or, for a label that wraps, on its first row. When
    /// OCR stacked two readings at the start of the value (a rule read as "Lee" over the words),
    /// each gives a region.
    private func besideLabel(_ label: FormLabel) -> [ValueRegion] {
        let excluded = Set(label.tokenIndices)
        let height = unit(label)
        let anchors =
            label.firstRowBox == label.lastRowBox ? [label.lastRowBox] : [label.lastRowBox, label.firstRowBox]
        for anchor in anchors {
            let beside = layout.tokensOnRow(
                of: anchor, startingAfter: anchor.x1 - 0.5 * height, skipping: excluded,
                rowTolerance: Self.rowToleranceBesideLabel)
            guard let nearest = beside.first else { continue }
            let stacked = beside.filter { box($0).x0 < box(nearest).x1 }
            var regions: [ValueRegion] = []
            for first in stacked {
                let row = run(from: first, height: height, skipping: excluded)
                guard !row.tokens.isEmpty else { continue }
                let gap = max(0, box(first).x0 - label.box.x1) / height
                regions.append(
                    ValueRegion(
                        placement: .rightOfLabel, rows: [row.tokens], gap: gap, misalignment: 0,
                        rowGoesOn: row.rowGoesOn))
                // "M. Lymph: negative ...": a word with a colon inside a value, not the next label.
                if let wordsBeforeLabel = row.wordsBeforeLabel, wordsBeforeLabel > 0,
                    wordsBeforeLabel == row.tokens.count
                {
                    let through = run(from: first, height: height, skipping: excluded, throughLabels: true)
                    if through.tokens.count > row.tokens.count {
                        var region = ValueRegion(
                            placement: .rightOfLabel, rows: [through.tokens], gap: gap, misalignment: 0,
                            rowGoesOn: through.rowGoesOn)
                        region.runsThroughLabel = true
                        regions.append(region)
                    }
                }
                // A table row: the label's values in several columns.
                let wholeRow = run(from: first, height: height, skipping: excluded, acrossColumns: true)
                if wholeRow.tokens.count > row.tokens.count {
                    var region = ValueRegion(
                        placement: .rightOfLabel, rows: [wholeRow.tokens], gap: gap, misalignment: 0,
                        rowGoesOn: wholeRow.rowGoesOn)
                    region.acrossColumns = true
                    regions.append(region)
                }
            }
            if !regions.isEmpty { return regions }
        }
        return []
    }

    /// The first row under the label that reaches into its column.
    private func belowLabel(_ label: FormLabel) -> ValueRegion? {
        let anchor = label.box
        let height = unit(label)
        let excluded = Set(label.tokenIndices)
        let column = (anchor.x0 - height)...(anchor.x1 + height)
        func inColumn(_ index: Int) -> Bool { box(index).x1 >= column.lowerBound && box(index).x0 <= column.upperBound }
        let under = layout.tokens.indices.filter { index in
            !excluded.contains(index) && box(index).centerY > anchor.y1
                && box(index).y0 - anchor.y1 <= Self.farthestRowBelow * height
                && inColumn(index) && !layout.onSameRow(box(index), label.lastRowBox)
        }
        guard let seed = under.min(by: { box($0).y0 < box($1).y0 }) else { return nil }
        // The value may be wider than its label: from the label's column, take in the words close on the left.
        var start = seed
        while let previous = layout.previousToken(leftOf: box(start), skipping: excluded), !isLabelLike(previous),
            inColumn(previous) || box(start).x0 - box(previous).x1 <= Self.widestGapInValue * height
        {
            start = previous
        }
        let row = run(from: start, height: height, skipping: excluded)
        guard let first = row.tokens.first else { return nil }
        let gap = max(0, box(first).y0 - anchor.y1) / height
        let misalignment = abs(box(first).x0 - anchor.x0) / height
        return ValueRegion(
            placement: .belowLabel, rows: [row.tokens], gap: gap, misalignment: misalignment, rowGoesOn: row.rowGoesOn)
    }

    /// The cells under a label that heads a table column: on each row down, the words whose middle
    /// lies in the label's column, until a row spaced farther than the rows before it, a rule, a label,
    /// or words under a column of figures.
    /// Table rows stand farther apart than a paragraph's lines, so this is not a paragraph's continuation.
    private func columnUnder(_ label: FormLabel) -> ValueRegion? {
        let height = unit(label)
        var taken = Set(label.tokenIndices)
        var column = label.box
        var above = label.box
        var rows: [[Int]] = []
        // The space between the first two cells, which the rows after them keep.
        var rowSpacing: Double?
        while true {
            let under = layout.tokens.indices.filter { index in
                !taken.contains(index) && box(index).centerY > above.y1
                    && box(index).centerX >= column.x0 - height && box(index).centerX <= column.x1 + height
            }
            guard let seed = under.min(by: { box($0).y0 < box($1).y0 }) else { break }
            let drop = max(0, box(seed).y0 - above.y1)
            let farthest =
                rowSpacing.map { max(Self.columnRowSpacingGrowth * $0, Self.widestGapBetweenRows * height) }
                ?? Self.farthestRowBelow * height
            guard drop <= farthest else { break }
            let cell = under.filter { layout.onSameRow(box($0), box(seed)) }.sorted { box($0).x0 < box($1).x0 }
            guard !cell.contains(where: { isLabelLike($0) || FormText.isRule(layout.tokens[$0].text) }) else { break }
            // A column of figures ends where words follow it: a note under the table.
            if let firstCell = rows.first, holdsDigits(firstCell), !holdsDigits(cell) { break }
            if rows.count == 1 { rowSpacing = drop }
            rows.append(cell)
            taken.formUnion(cell)
            let cellBox = Box.enclosing(cell.map { box($0) })!
            above = cellBox
            if rows.count == 1 { column = Box.enclosing([column, cellBox])! }
        }
        guard rows.count > 1, let first = rows.first?.first else { return nil }
        let gap = max(0, box(first).y0 - label.box.y1) / height
        var region = ValueRegion(
            placement: .belowLabel, rows: rows, gap: gap, misalignment: abs(box(first).x0 - label.box.x0) / height,
            rowGoesOn: false)
        region.downColumn = true
        return region
    }

    /// A full stop, then a capitalised word or a parenthesis: two sentences of one value, typed with a double space.
    private func endsSentence(_ index: Int, before next: Int) -> Bool {
        guard layout.tokens[index].text.hasSuffix("."), let first = layout.tokens[next].text.first else { return false }
        return first.isUppercase || first == "("
    }

    private func holdsDigits(_ cell: [Int]) -> Bool {
        cell.contains { layout.tokens[$0].text.contains { $0.isNumber } }
    }

    /// The nearest words just off the label's row: below it or above it to its right, or above it
    /// in its column, as a value typed a little low or on the rule over a printed label.
    private func offRow(_ label: FormLabel, placement: ValuePlacement) -> ValueRegion? {
        let anchor = label.lastRowBox
        let height = unit(label)
        let excluded = Set(label.tokenIndices)
        let candidates = layout.tokens.indices.filter { index in
            let box = box(index)
            guard !excluded.contains(index), !layout.onSameRow(box, anchor, tolerance: Self.rowToleranceBesideLabel)
            else {
                return false
            }
            let rightOfLabel = box.x0 >= anchor.x1 - height && box.x0 - anchor.x1 <= Self.widestIndent * height
            switch placement {
            case .belowRightOfLabel:
                return rightOfLabel && box.centerY > anchor.y1
                    && box.y0 - anchor.y1 <= Self.farthestRowBelowRight * height
            case .aboveRightOfLabel:
                return rightOfLabel && box.centerY < anchor.centerY
                    && anchor.centerY - box.centerY <= Self.farthestRowAbove * height
            case .aboveLabel:
                return box.x1 > anchor.x0 && box.x0 < anchor.x1 && box.centerY < anchor.centerY
                    && anchor.centerY - box.centerY <= Self.farthestRowAbove * height
            case .rightOfLabel, .belowLabel, .checkMarkLeftOfLabel:
                return false
            }
        }
        let nearest: (Int, Int) -> Bool = { first, second in
            let distance = { (index: Int) in abs(self.box(index).centerY - anchor.centerY) }
            return (distance(first), self.box(first).x0) < (distance(second), self.box(second).x0)
        }
        guard let seed = candidates.min(by: nearest) else { return nil }
        var start = seed
        if placement == .aboveLabel {
            while let previous = layout.previousToken(leftOf: box(start), skipping: excluded),
                box(start).x0 - box(previous).x1 <= Self.ordinaryWordGap * 2 * height
            {
                start = previous
            }
        }
        let row = run(from: start, height: height, skipping: excluded)
        guard let first = row.tokens.first else { return nil }
        let gap = abs(box(first).centerY - anchor.centerY) / height
        let misalignment = abs(box(first).x0 - anchor.x0) / height
        return ValueRegion(
            placement: placement, rows: [row.tokens], gap: gap, misalignment: misalignment, rowGoesOn: row.rowGoesOn)
    }

    /// A tick in the box just before the label: "[X] SOLID".
    private func checkMarkLeftOfLabel(_ label: FormLabel) -> ValueRegion? {
        let height = unit(label)
        guard let first = label.tokenIndices.first,
            let previous = layout.previousToken(leftOf: box(first), skipping: Set(label.tokenIndices)),
            FormText.isCheckMark(layout.tokens[previous].text)
        else { return nil }
        let gap = max(0, box(first).x0 - box(previous).x1) / height
        guard gap <= Self.widestGapBeforeCheckMark else { return nil }
        return ValueRegion(
            placement: .checkMarkLeftOfLabel, rows: [[previous]], gap: gap, misalignment: 0, rowGoesOn: false)
    }

    /// Words from `first` rightwards along its row, up to a wide space (unless `acrossColumns`), a
    /// rule or the next label (unless `throughLabels`).
    /// When the next label is reached, words standing apart just before it are that label's first words.
    private func run(
        from first: Int, height: Double, skipping excluded: Set<Int>, acrossColumns: Bool = false,
        throughLabels: Bool = false
    ) -> RowRun {
        var taken: [Int] = []
        var current = first
        var rowGoesOn = false
        var wordsBeforeLabel: Int?
        var widestGapSoFar = 0.0
        while true {
            if isLabelLike(current), !throughLabels || taken.isEmpty {
                wordsBeforeLabel = taken.count
                break
            }
            let isRule = FormText.isRule(layout.tokens[current].text)
            if isRule, !taken.isEmpty {
                rowGoesOn = true
                break
            }
            if !isRule { taken.append(current) }
            // A tick answers its label alone; what follows it is the next option.
            if taken.count == 1, FormText.isCheckMark(layout.tokens[current].text) {
                rowGoesOn = layout.nextToken(rightOf: box(current), skipping: excluded) != nil
                break
            }
            guard let next = layout.nextToken(rightOf: box(current), skipping: excluded) else { break }
            let gap = box(next).x0 - box(current).x1
            // A space much wider than those between the words so far starts a new column.
            let nextSentence = gap <= Self.widestSentenceGap * height && endsSentence(current, before: next)
            let muchWider =
                taken.count > 1 && gap > Self.widestGapGrowth * max(widestGapSoFar, Self.ordinaryWordGap * height)
                && !nextSentence
            if !acrossColumns, gap > Self.widestGapInValue * height || muchWider {
                rowGoesOn = true
                break
            }
            if !taken.isEmpty { widestGapSoFar = max(widestGapSoFar, gap) }
            current = next
        }
        if wordsBeforeLabel != nil {
            rowGoesOn = true
            taken = withoutNextLabelsStart(taken, height: height)
        }
        return RowRun(tokens: taken, rowGoesOn: rowGoesOn, wordsBeforeLabel: wordsBeforeLabel)
    }

    /// `taken` up to its one clearly widest space, after which the words begin the next label.
    private func withoutNextLabelsStart(_ taken: [Int], height: Double) -> [Int] {
        guard taken.count > 1 else { return taken }
        let gaps = (1..<taken.count).map { box(taken[$0]).x0 - box(taken[$0 - 1]).x1 }
        let order = gaps.indices.sorted { gaps[$0] > gaps[$1] }
        let widest = gaps[order[0]]
        let clearlyWidest = order.count == 1 || widest >= 2 * gaps[order[1]]
        guard widest >= 1.5 * height, clearlyWidest else { return taken }
        return Array(taken.prefix(order[0] + 1))
    }

    /// The region grown by the rows under it that continue its paragraph: close below, starting at
    /// the value's left edge (or, when `wrappingUnderLabel`, back under the label), and not holding
    /// another label. A row with more words after a wide space ends the paragraph, or, when
    /// `throughRowsThatGoOn`, gives it its words up to the space.
    private func continuation(
        of region: ValueRegion, label: FormLabel, wrappingUnderLabel: Bool, throughRowsThatGoOn: Bool = false
    ) -> ValueRegion {
        var grown = region
        let height = unit(label)
        let leftEdge = box(region.rows[0][0]).x0
        let tolerance = Self.leftEdgeTolerance * height
        var taken = Set(region.tokenIndices).union(label.tokenIndices)
        while let lastRow = grown.rows.last {
            let rowBox = Box.enclosing(lastRow.map { box($0) })!
            let starts = layout.tokens.indices.filter { index in
                let drop = box(index).y0 - rowBox.y1
                guard !taken.contains(index), !layout.onSameRow(box(index), rowBox), drop > -0.3 * height else {
                    return false
                }
                if abs(box(index).x0 - leftEdge) <= tolerance { return drop <= Self.widestGapBetweenRows * height }
                let wraps =
                    wrappingUnderLabel && lastRow.count >= Self.shortestRowThatWraps
                    && abs(box(index).x0 - label.box.x0) <= tolerance
                return wraps && drop <= Self.widestGapBeforeWrap * height
            }
            guard let start = starts.min(by: { box($0).y0 < box($1).y0 }) else { break }
            // Words left of the row's start, under the label, make the row another field.
            if let previous = layout.previousToken(leftOf: box(start), skipping: taken),
                box(previous).x1 > min(label.box.x0, leftEdge) - height
            {
                break
            }
            let row = run(from: start, height: height, skipping: taken)
            if let wordsBeforeLabel = row.wordsBeforeLabel, wordsBeforeLabel < Self.wordsBeforeLabelEndingParagraph {
                break
            }
            // A row with more words after a wide space is a label with its own value, unless the value's rows all are.
            if row.rowGoesOn, row.wordsBeforeLabel == nil, !throughRowsThatGoOn,
                !region.rowGoesOn || box(start).x0 < leftEdge - tolerance
            {
                break
            }
            guard !row.tokens.isEmpty else { break }
            if box(start).x0 < leftEdge - tolerance { grown.wrapsUnderLabel = true }
            grown.rows.append(row.tokens)
            taken.formUnion(row.tokens)
            if row.wordsBeforeLabel != nil { break }
        }
        return grown
    }
}
