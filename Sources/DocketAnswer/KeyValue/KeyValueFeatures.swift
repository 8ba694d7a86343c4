/// What is known about one candidate value, as numbers a linear score can weigh. Each is 0 or 1,
/// or scaled to stay near 0...1.
public typealias KeyValueFeatures = FeatureVector<KeyValueFeature>

/// The features of a candidate value, in the order of its vector and of a model's weights.
public enum KeyValueFeature: Int, FeatureName {
    /// How closely the label on the page spells the question.
    case labelSimilarity
    /// How closely the label spells the question letter for letter, with case and punctuation.
    case literalSimilarity
    /// The label ends with ":", as form labels do.
    case labelEndsWithColon
    /// Nothing stands just left of the label, as with a label rather than words inside a sentence.
    case labelStartsRow
    /// A word follows the label closely and no colon ends it: it may be part of a longer label.
    case labelRunsOn
    /// No other place spells the question better.
    case bestSpelledLabel
    /// No other place spells the question better letter for letter.
    case bestLiteralLabel
    /// No other reading of the same label's value is nearer to it.
    case nearestOfLabel
    /// No other reading of the same label's value has more words with digits, and this one has some.
    case mostNumericOfLabel
    /// No other reading of the same label's value was read with more OCR confidence.
    case mostConfidentOfLabel
    /// 1 for a value under its label, 0 for one beside it.
    case belowLabel
    /// 1 for a value starting below the label's row, right of the label.
    case belowRight
    /// 1 for a value just above the label's row, right of the label.
    case aboveRight
    /// 1 for a value just above the label, over it.
    case above
    /// 1 for a tick just left of the label.
    case checkMarkLeft
    /// The value is a tick: "x", "(X)".
    case checkMark
    /// A value beside a label that heads a table column, among other headers.
    case besideInHeaderRow
    /// A value under a label that heads a table column, among other headers.
    case belowInHeaderRow
    /// A value beside its label where both head a column of words below, as headers in a table row do.
    case besideHeadsColumn
    /// Space between label and value, in tens of line heights.
    case gap
    /// Space between label and value beyond six line heights, in tens: another column's field.
    case farGap
    /// Offset of a value below from its label's left edge, in tens of line heights.
    case misalignment
    /// Rows after the first, in tens.
    case extraRows
    /// A value of several rows whose first row runs about as far right as the longest, as a paragraph's do.
    case wrapsLikeParagraph
    /// One row of a value whose paragraph goes on in the rows below.
    case paragraphGoesOn
    /// The value has at most two characters: a tick, a dash or a stray mark.
    case shortValue
    /// The value holds a ":", as another label would.
    case containsColon
    /// The value's mean OCR confidence is under one half: often a rule or a stain read as letters.
    case doubtfulReading
    /// Mean OCR confidence of the value's words, 0...1.
    case confidence
    /// The value's first word comes right after the label in the reader's order.
    case followsLabel
    /// A value below its label when the label also has words beside it.
    case besideAlternative
    /// A value off the label's row when the words beside the label look like the next column header.
    case besideHeaderAlternative
    /// More words follow the value on its row after a wide space, as they follow a label.
    case rowGoesOn
    /// The value runs on across wide spaces, through the columns of a table row.
    case acrossColumns
    /// Wide spaces the value runs across, in tens.
    case columnsCrossed
    /// A value across a table row or down a column whose cells read alike: all numbers, or the same words.
    case cellsAlike
    /// Share of the value's words that hold a digit.
    case numericShare
    /// How much the value's letters differ in height from the label's, as a log ratio up to 1.
    case heightDifference
    /// The value runs on past a word ending in a colon.
    case runsThroughLabel
    /// A paragraph beside its label that wraps back under the label.
    case wrapsUnderLabel
    /// The value holds a digit, as dates, amounts and codes do.
    case hasDigits
    /// Label and value are both in capitals without digits, as headers of a table row are.
    case capitalsLikeLabel
    /// Words in the value, in twenties up to 1: a date or a name is short, a remark long.
    case valueLength
    /// Letters and digits in the label, in forties up to 1: a long label asks for a longer answer.
    case labelLength
    /// The value's width as a share of the page's.
    case valueWidth
    /// How far right on the page the label starts, as a share of the page's width.
    case labelIndent
    /// How much more confidently the label was read than the value, up to ±0.5: printed labels
    /// read cleanly, the typed or handwritten values filled in for them less so.
    case labelReadBetter
    /// A value of one row without digits that stands over a column of words, as a table's column header does.
    case valueHeadsColumn
    /// A short value without digits whose every word starts with a capital, as labels and headers are written.
    case capitalisedLikeHeader
    /// The value is the cells of a table column under the label, one per row.
    case downColumn
    /// The label names a date ("Date:", "DATE RECEIVED").
    case labelAsksForDate
    /// The label names an amount or a count ("Total", "Amount", "Number of").
    case labelAsksForFigure
    /// The value is a date and little else.
    case valueIsDate
    /// Every word of the value is a word forms name their fields with ("Date", "Code No.", "Fax"), as
    /// in the next label or a column header rather than a filled-in value.
    case namesAField
    /// The value's rows below its first have more words after a wide space, left out of the value.
    case takesRowsThatGoOn

    /// What a candidate is scored on: each feature, then each pair of features multiplied ("gap &
    /// belowLabel"), so that a feature can count differently for a value below its label than for
    /// one beside it, or for a label with a colon than for one without.
    public static let scoredNames: [String] = {
        let single = names
        return single + pairs.map { "\(single[$0.0]) & \(single[$0.1])" }
    }()

    fileprivate static let pairs: [(Int, Int)] = allCases.indices.flatMap { first in
        allCases.indices.filter { $0 > first }.map { (first, $0) }
    }
}

extension KeyValueFeatures {
    /// The values named by `KeyValueFeature.scoredNames`.
    public var scoredValues: [Double] {
        values + KeyValueFeature.pairs.map { values[$0.0] * values[$0.1] }
    }
}
