import DocketModel
import Foundation

extension KeyValueFeatures {
    /// The features of the value `text`, read from `tokens` in `region` beside or around `label`.
    init(
        value text: String, tokens: [FormToken], region: ValueRegion, label: FormLabel,
        expected: QuestionAnalysis.ExpectedType, layout: FormLayout
    ) {
        self.init()
        let wordCount = text.split(separator: " ").count
        self[.labelAsksForDate] = flag(expected == .date)
        self[.labelAsksForFigure] = flag(expected == .amount || expected == .number)
        self[.valueIsDate] = flag(wordCount <= Self.longestDate && DateNormalizer(order: .monthFirst).normalize(text) != nil)
        let placement = region.placement
        self[.labelSimilarity] = label.similarity
        self[.literalSimilarity] = label.literalSimilarity
        self[.labelEndsWithColon] = flag(label.endsWithColon)
        self[.labelStartsRow] = flag(label.startsRow)
        self[.labelRunsOn] = flag(label.runsOn)

        self[.belowLabel] = flag(placement == .belowLabel)
        self[.belowRight] = flag(placement == .belowRightOfLabel)
        self[.aboveRight] = flag(placement == .aboveRightOfLabel)
        self[.above] = flag(placement == .aboveLabel)
        self[.checkMarkLeft] = flag(placement == .checkMarkLeftOfLabel)
        self[.besideInHeaderRow] = flag(label.inHeaderRow && placement == .rightOfLabel)
        self[.belowInHeaderRow] = flag(label.inHeaderRow && placement == .belowLabel)
        self[.besideHeadsColumn] = flag(region.besideHeadsColumn)
        self[.besideAlternative] = flag(region.besideAlternative)
        self[.besideHeaderAlternative] = flag(region.besideHeaderAlternative)
        self[.gap] = min(region.gap, 20) / 10
        self[.farGap] = min(max(region.gap - 6, 0), 20) / 10
        self[.misalignment] = min(region.misalignment, 20) / 10
        self[.extraRows] = Double(min(region.rows.count - 1, 10)) / 10
        self[.wrapsLikeParagraph] = flag(region.wrapsLikeParagraph)
        self[.paragraphGoesOn] = flag(region.paragraphGoesOn)
        self[.followsLabel] = flag(region.tokenIndices.first == (label.tokenIndices.last ?? -2) + 1)
        self[.rowGoesOn] = flag(region.rowGoesOn)
        self[.runsThroughLabel] = flag(region.runsThroughLabel)
        self[.wrapsUnderLabel] = flag(region.wrapsUnderLabel)

        let cells = Self.cells(tokens, layout: layout)
        self[.acrossColumns] = flag(region.acrossColumns)
        self[.columnsCrossed] = Double(min(cells.count - 1, 10)) / 10
        self[.downColumn] = flag(region.downColumn)
        self[.takesRowsThatGoOn] = flag(region.takesRowsThatGoOn)
        self[.cellsAlike] = flag((region.acrossColumns || region.downColumn) && Self.readAlike(cells))

        let meanConfidence = tokens.map(\.confidence).reduce(0, +) / Double(tokens.count) / 100
        self[.confidence] = meanConfidence
        self[.doubtfulReading] = flag(meanConfidence < 0.5)
        self[.checkMark] = flag(FormText.isCheckMark(text))
        self[.shortValue] = flag(text.count <= 2)
        self[.containsColon] = flag(text.contains(":"))
        self[.hasDigits] = flag(text.contains { $0.isNumber })
        self[.numericShare] = Double(tokens.filter { $0.text.contains { $0.isNumber } }.count) / Double(tokens.count)
        let heights = tokens.map(\.box.height).sorted()
        self[.heightDifference] = min(abs(log(max(heights[heights.count / 2], 1) / max(label.lastRowBox.height, 1))), 1)
        let labelText = label.tokenIndices.map { layout.tokens[$0].text }.joined(separator: " ")
        self[.capitalsLikeLabel] = flag(FormText.isCapitalsOnly(labelText) && FormText.isCapitalsOnly(text))
        self[.valueLength] = Double(min(wordCount, 20)) / 20
        self[.labelLength] = Double(min(WordNormalizer.comparisonKey(labelText).count, 40)) / 40
        let pageWidth = max(layout.page.width, 1)
        let valueBox = Box.enclosing(tokens.map(\.box))
        if let valueBox { self[.valueWidth] = min(valueBox.width / pageWidth, 1) }
        self[.labelIndent] = min(max(label.box.x0 / pageWidth, 0), 1)
        let labelConfidence =
            label.tokenIndices.map { layout.tokens[$0].confidence }.reduce(0, +) / Double(max(label.tokenIndices.count, 1)) / 100
        self[.labelReadBetter] = min(max(labelConfidence - meanConfidence, -0.5), 0.5)
        if self[.hasDigits] == 0, region.rows.count == 1, let valueBox {
            self[.valueHeadsColumn] = flag(layout.hasWordsUnder(valueBox, within: ValueFinder.farthestRowBelow * layout.height(of: valueBox)))
        }
        self[.capitalisedLikeHeader] = flag(FormText.isCapitalisedPhrase(text))
        self[.namesAField] = flag(FormText.namesAField(text))
    }

    private func flag(_ condition: Bool) -> Double { condition ? 1 : 0 }

    /// Most words a value read as a date may have: "Monday, March 3, 1995".
    static var longestDate: Int { 5 }

    /// The value's tokens split at spaces wider than a column gap: a table row's cells.
    private static func cells(_ tokens: [FormToken], layout: FormLayout) -> [[FormToken]] {
        var cells: [[FormToken]] = []
        for token in tokens {
            if let last = cells.last?.last, layout.onSameRow(last.box, token.box),
                token.box.x0 - last.box.x1 <= ValueFinder.widestGapInValue * layout.lineHeight
            {
                cells[cells.count - 1].append(token)
            } else {
                cells.append([token])
            }
        }
        return cells
    }

    /// Cells of a table row that read alike: all numbers, or all the same words.
    private static func readAlike(_ cells: [[FormToken]]) -> Bool {
        guard cells.count > 1 else { return false }
        let texts = cells.map { $0.map(\.text).joined(separator: " ") }
        return texts.allSatisfy { $0.contains { $0.isNumber } } || Set(texts.map { $0.lowercased() }).count == 1
    }
}
