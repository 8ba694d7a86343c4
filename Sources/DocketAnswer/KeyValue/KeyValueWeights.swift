import Foundation

/// How much each feature of a candidate value counts. The score is a logistic model: the weighted
/// sum of the features plus the bias, squashed to 0...1, is the answer's confidence. These are the
/// only tuned numbers of the scoring, kept here so a training run can replace them.
public struct KeyValueWeights: Sendable, Hashable, Codable {
    public var bias: Double
    public var labelSimilarity: Double
    public var literalSimilarity: Double
    public var labelEndsWithColon: Double
    public var labelStartsRow: Double
    public var labelRunsOn: Double
    public var bestSpelledLabel: Double
    public var bestLiteralLabel: Double
    public var nearestOfLabel: Double
    public var mostNumericOfLabel: Double
    public var mostConfidentOfLabel: Double
    public var belowLabel: Double
    public var belowRight: Double
    public var aboveRight: Double
    public var above: Double
    public var checkMarkLeft: Double
    public var checkMark: Double
    public var besideInHeaderRow: Double
    public var belowInHeaderRow: Double
    public var besideHeadsColumn: Double
    public var gap: Double
    public var farGap: Double
    public var misalignment: Double
    public var extraRows: Double
    public var wrapsLikeParagraph: Double
    public var paragraphGoesOn: Double
    public var shortValue: Double
    public var containsColon: Double
    public var doubtfulReading: Double
    public var confidence: Double
    public var followsLabel: Double
    public var besideAlternative: Double
    public var besideHeaderAlternative: Double
    public var rowGoesOn: Double
    public var acrossColumns: Double
    public var columnsCrossed: Double
    public var cellsAlike: Double
    public var numericShare: Double
    public var heightDifference: Double
    public var runsThroughLabel: Double
    public var wrapsUnderLabel: Double
    public var hasDigits: Double
    public var capitalsLikeLabel: Double

    /// Fitted on the FUNSD training forms as read by Docket's OCR: a softmax over each question's
    /// candidates towards the best ANLS, then scaled and offset so that the confidence matches how
    /// often the chosen answer is right.
    public static let standard = KeyValueWeights(
        bias: -2.911, labelSimilarity: 0.414, literalSimilarity: 0.138, labelEndsWithColon: 0.379,
        labelStartsRow: 0.664, labelRunsOn: -0.232, bestSpelledLabel: 0.789, bestLiteralLabel: 0.374,
        nearestOfLabel: 0.185, mostNumericOfLabel: -0.235, mostConfidentOfLabel: -0.015, belowLabel: -0.408,
        belowRight: -0.368, aboveRight: -0.333, above: -0.695, checkMarkLeft: 0.284, checkMark: 0.675,
        besideInHeaderRow: 0.133, belowInHeaderRow: 0.47, besideHeadsColumn: 0.441, gap: -0.241, farGap: -0.423,
        misalignment: -0.099, extraRows: 0.225, wrapsLikeParagraph: 0.227, paragraphGoesOn: -0.261, shortValue: 0.236,
        containsColon: 0.062, doubtfulReading: 0.061, confidence: 0.512, followsLabel: 0.118,
        besideAlternative: -0.402, besideHeaderAlternative: -0.084, rowGoesOn: -0.231, acrossColumns: -0.762,
        columnsCrossed: -0.12, cellsAlike: -0.048, numericShare: 0.76, heightDifference: 0.333,
        runsThroughLabel: -0.199, wrapsUnderLabel: -0.465, hasDigits: 0.051, capitalsLikeLabel: -0.272)

    public init(
        bias: Double, labelSimilarity: Double, literalSimilarity: Double, labelEndsWithColon: Double,
        labelStartsRow: Double, labelRunsOn: Double, bestSpelledLabel: Double, bestLiteralLabel: Double,
        nearestOfLabel: Double, mostNumericOfLabel: Double, mostConfidentOfLabel: Double, belowLabel: Double,
        belowRight: Double, aboveRight: Double, above: Double, checkMarkLeft: Double, checkMark: Double,
        besideInHeaderRow: Double, belowInHeaderRow: Double, besideHeadsColumn: Double, gap: Double, farGap: Double,
        misalignment: Double, extraRows: Double, wrapsLikeParagraph: Double, paragraphGoesOn: Double,
        shortValue: Double, containsColon: Double, doubtfulReading: Double, confidence: Double, followsLabel: Double,
        besideAlternative: Double, besideHeaderAlternative: Double, rowGoesOn: Double, acrossColumns: Double,
        columnsCrossed: Double, cellsAlike: Double, numericShare: Double, heightDifference: Double,
        runsThroughLabel: Double, wrapsUnderLabel: Double, hasDigits: Double, capitalsLikeLabel: Double
    ) {
        self.bias = bias
        self.labelSimilarity = labelSimilarity
        self.literalSimilarity = literalSimilarity
        self.labelEndsWithColon = labelEndsWithColon
        self.labelStartsRow = labelStartsRow
        self.labelRunsOn = labelRunsOn
        self.bestSpelledLabel = bestSpelledLabel
        self.bestLiteralLabel = bestLiteralLabel
        self.nearestOfLabel = nearestOfLabel
        self.mostNumericOfLabel = mostNumericOfLabel
        self.mostConfidentOfLabel = mostConfidentOfLabel
        self.belowLabel = belowLabel
        self.belowRight = belowRight
        self.aboveRight = aboveRight
        self.above = above
        self.checkMarkLeft = checkMarkLeft
        self.checkMark = checkMark
        self.besideInHeaderRow = besideInHeaderRow
        self.belowInHeaderRow = belowInHeaderRow
        self.besideHeadsColumn = besideHeadsColumn
        self.gap = gap
        self.farGap = farGap
        self.misalignment = misalignment
        self.extraRows = extraRows
        self.wrapsLikeParagraph = wrapsLikeParagraph
        self.paragraphGoesOn = paragraphGoesOn
        self.shortValue = shortValue
        self.containsColon = containsColon
        self.doubtfulReading = doubtfulReading
        self.confidence = confidence
        self.followsLabel = followsLabel
        self.besideAlternative = besideAlternative
        self.besideHeaderAlternative = besideHeaderAlternative
        self.rowGoesOn = rowGoesOn
        self.acrossColumns = acrossColumns
        self.columnsCrossed = columnsCrossed
        self.cellsAlike = cellsAlike
        self.numericShare = numericShare
        self.heightDifference = heightDifference
        self.runsThroughLabel = runsThroughLabel
        self.wrapsUnderLabel = wrapsUnderLabel
        self.hasDigits = hasDigits
        self.capitalsLikeLabel = capitalsLikeLabel
    }

    /// The weights in the order of `KeyValueFeatures.names`.
    public var values: [Double] {
        [
            labelSimilarity, literalSimilarity, labelEndsWithColon, labelStartsRow, labelRunsOn, bestSpelledLabel,
            bestLiteralLabel, nearestOfLabel, mostNumericOfLabel, mostConfidentOfLabel, belowLabel, belowRight,
            aboveRight, above, checkMarkLeft, checkMark, besideInHeaderRow, belowInHeaderRow, besideHeadsColumn, gap,
            farGap, misalignment, extraRows, wrapsLikeParagraph, paragraphGoesOn, shortValue, containsColon,
            doubtfulReading, confidence, followsLabel, besideAlternative, besideHeaderAlternative, rowGoesOn,
            acrossColumns, columnsCrossed, cellsAlike, numericShare, heightDifference, runsThroughLabel,
            wrapsUnderLabel, hasDigits, capitalsLikeLabel,
        ]
    }

    /// The weighted sum: higher is a likelier value.
    public func score(_ features: KeyValueFeatures) -> Double {
        zip(values, features.values).reduce(bias) { $0 + $1.0 * $1.1 }
    }

    /// The score as a probability-like confidence in 0...1.
    public func confidence(_ features: KeyValueFeatures) -> Double {
        1 / (1 + exp(-score(features)))
    }
}
