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
        labelAsksForDate = flag(expected == .date)
        labelAsksForFigure = flag(expected == .amount || expected == .number)
        valueIsDate = flag(wordCount <= Self.longestDate && DateNormalizer(order: .monthFirst).normalize(text) != nil)
        let placement = region.placement
        labelSimilarity = label.similarity
        literalSimilarity = label.literalSimilarity
        labelEndsWithColon = flag(label.endsWithColon)
        labelStartsRow = flag(label.startsRow)
        labelRunsOn = flag(label.runsOn)

        belowLabel = flag(placement == .belowLabel)
        belowRight = flag(placement == .belowRightOfLabel)
        aboveRight = flag(placement == .aboveRightOfLabel)
        above = flag(placement == .aboveLabel)
        checkMarkLeft = flag(placement == .checkMarkLeftOfLabel)
        besideInHeaderRow = flag(label.inHeaderRow && placement == .rightOfLabel)
        belowInHeaderRow = flag(label.inHeaderRow && placement == .belowLabel)
        besideHeadsColumn = flag(region.besideHeadsColumn)
        besideAlternative = flag(region.besideAlternative)
        besideHeaderAlternative = flag(region.besideHeaderAlternative)
        gap = min(region.gap, 20) / 10
        farGap = min(max(region.gap - 6, 0), 20) / 10
        misalignment = min(region.misalignment, 20) / 10
        extraRows = Double(min(region.rows.count - 1, 10)) / 10
        wrapsLikeParagraph = flag(region.wrapsLikeParagraph)
        paragraphGoesOn = flag(region.paragraphGoesOn)
        followsLabel = flag(region.tokenIndices.first == (label.tokenIndices.last ?? -2) + 1)
        rowGoesOn = flag(region.rowGoesOn)
        runsThroughLabel = flag(region.runsThroughLabel)
        wrapsUnderLabel = flag(region.wrapsUnderLabel)

        let cells = Self.cells(tokens, layout: layout)
        acrossColumns = flag(region.acrossColumns)
        columnsCrossed = Double(min(cells.count - 1, 10)) / 10
        downColumn = flag(region.downColumn)
        takesRowsThatGoOn = flag(region.takesRowsThatGoOn)
        cellsAlike = flag((region.acrossColumns || region.downColumn) && Self.readAlike(cells))

        let meanConfidence = tokens.map(\.confidence).reduce(0, +) / Double(tokens.count) / 100
        confidence = meanConfidence
        doubtfulReading = flag(meanConfidence < 0.5)
        checkMark = flag(FormText.isCheckMark(text))
        shortValue = flag(text.count <= 2)
        containsColon = flag(text.contains(":"))
        hasDigits = flag(text.contains { $0.isNumber })
        numericShare = Double(tokens.filter { $0.text.contains { $0.isNumber } }.count) / Double(tokens.count)
        let heights = tokens.map(\.box.height).sorted()
        heightDifference = min(abs(log(max(heights[heights.count / 2], 1) / max(label.lastRowBox.height, 1))), 1)
        let labelText = label.tokenIndices.map { layout.tokens[$0].text }.joined(separator: " ")
        capitalsLikeLabel = flag(FormText.isCapitalsOnly(labelText) && FormText.isCapitalsOnly(text))
        valueLength = Double(min(wordCount, 20)) / 20
        labelLength = Double(min(WordNormalizer.comparisonKey(labelText).count, 40)) / 40
        let pageWidth = max(layout.page.width, 1)
        let valueBox = Box.enclosing(tokens.map(\.box))
        if let valueBox { valueWidth = min(valueBox.width / pageWidth, 1) }
        labelIndent = min(max(label.box.x0 / pageWidth, 0), 1)
        let labelConfidence =
            label.tokenIndices.map { layout.tokens[$0].confidence }.reduce(0, +) / Double(max(label.tokenIndices.count, 1)) / 100
        labelReadBetter = min(max(labelConfidence - meanConfidence, -0.5), 0.5)
        if hasDigits == 0, region.rows.count == 1, let valueBox {
            valueHeadsColumn = flag(layout.hasWordsUnder(valueBox, within: ValueFinder.farthestRowBelow * layout.height(of: valueBox)))
        }
        capitalisedLikeHeader = flag(FormText.isCapitalisedPhrase(text))
        namesAField = flag(FormText.namesAField(text))
    }

    private func flag(_ condition: Bool) -> Double { condition ? 1 : 0 }

    /// Most words a value read as a date may have: "Monday, March 3, 1995".
    static let longestDate = 5

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
