/// What is known about one candidate value, as numbers a linear score can weigh. Each is 0 or 1,
/// or scaled to stay near 0...1; all start at 0.
public struct KeyValueFeatures: Sendable, Hashable, Codable {
    /// How closely the label on the page spells the question.
    public var labelSimilarity = 0.0
    /// How closely the label spells the question letter for letter, with case and punctuation.
    public var literalSimilarity = 0.0
    /// The label ends with ":", as form labels do.
    public var labelEndsWithColon = 0.0
    /// Nothing stands just left of the label, as with a label rather than words inside a sentence.
    public var labelStartsRow = 0.0
    /// A word follows the label closely and no colon ends it: it may be part of a longer label.
    public var labelRunsOn = 0.0
    /// No other place spells the question better.
    public var bestSpelledLabel = 0.0
    /// No other place spells the question better letter for letter.
    public var bestLiteralLabel = 0.0
    /// No other reading of the same label's value is nearer to it.
    public var nearestOfLabel = 0.0
    /// No other reading of the same label's value has more words with digits, and this one has some.
    public var mostNumericOfLabel = 0.0
    /// No other reading of the same label's value was read with more OCR confidence.
    public var mostConfidentOfLabel = 0.0
    /// 1 for a value under its label, 0 for one beside it.
    public var belowLabel = 0.0
    /// 1 for a value starting below the label's row, right of the label.
    public var belowRight = 0.0
    /// 1 for a value just above the label's row, right of the label.
    public var aboveRight = 0.0
    /// 1 for a value just above the label, over it.
    public var above = 0.0
    /// 1 for a tick just left of the label.
    public var checkMarkLeft = 0.0
    /// The value is a tick: "x", "(X)".
    public var checkMark = 0.0
    /// A value beside a label that heads a table column, among other headers.
    public var besideInHeaderRow = 0.0
    /// A value under a label that heads a table column, among other headers.
    public var belowInHeaderRow = 0.0
    /// A value beside its label where both head a column of words below, as headers in a table row do.
    public var besideHeadsColumn = 0.0
    /// Space between label and value, in tens of line heights.
    public var gap = 0.0
    /// Space between label and value beyond six line heights, in tens: another column's field.
    public var farGap = 0.0
    /// Offset of a value below from its label's left edge, in tens of line heights.
    public var misalignment = 0.0
    /// Rows after the first, in tens.
    public var extraRows = 0.0
    /// A value of several rows whose first row runs about as far right as the longest, as a paragraph's do.
    public var wrapsLikeParagraph = 0.0
    /// One row of a value whose paragraph goes on in the rows below.
    public var paragraphGoesOn = 0.0
    /// The value has at most two characters: a tick, a dash or a stray mark.
    public var shortValue = 0.0
    /// The value holds a ":", as another label would.
    public var containsColon = 0.0
    /// The value's mean OCR confidence is under one half: often a rule or a stain read as letters.
    public var doubtfulReading = 0.0
    /// Mean OCR confidence of the value's words, 0...1.
    public var confidence = 0.0
    /// The value's first word comes right after the label in the reader's order.
    public var followsLabel = 0.0
    /// A value below its label when the label also has words beside it.
    public var besideAlternative = 0.0
    /// A value off the label's row when the words beside the label look like the next column header.
    public var besideHeaderAlternative = 0.0
    /// More words follow the value on its row after a wide space, as they follow a label.
    public var rowGoesOn = 0.0
    /// The value runs on across wide spaces, through the columns of a table row.
    public var acrossColumns = 0.0
    /// Wide spaces the value runs across, in tens.
    public var columnsCrossed = 0.0
    /// A value across a table row or down a column whose cells read alike: all numbers, or the same words.
    public var cellsAlike = 0.0
    /// The value is the cells of a table column under the label, one per row.
    public var downColumn = 0.0
    /// Share of the value's words that hold a digit.
    public var numericShare = 0.0
    /// How much the value's letters differ in height from the label's, as a log ratio up to 1.
    public var heightDifference = 0.0
    /// The value runs on past a word ending in a colon.
    public var runsThroughLabel = 0.0
    /// A paragraph beside its label that wraps back under the label.
    public var wrapsUnderLabel = 0.0
    /// The value holds a digit, as dates, amounts and codes do.
    public var hasDigits = 0.0
    /// Label and value are both in capitals without digits, as headers of a table row are.
    public var capitalsLikeLabel = 0.0
    /// Words in the value, in twenties up to 1: a date or a name is short, a remark long.
    public var valueLength = 0.0
    /// Letters and digits in the label, in forties up to 1: a long label asks for a longer answer.
    public var labelLength = 0.0
    /// The value's width as a share of the page's.
    public var valueWidth = 0.0
    /// How far right on the page the label starts, as a share of the page's width.
    public var labelIndent = 0.0
    /// How much more confidently the label was read than the value, up to ±0.5: printed labels
    /// read cleanly, the typed or handwritten values filled in for them less so.
    public var labelReadBetter = 0.0
    /// A value of one row without digits that stands over a column of words, as a table's column header does.
    public var valueHeadsColumn = 0.0
    /// A short value without digits whose every word starts with a capital, as labels and headers are written.
    public var capitalisedLikeHeader = 0.0

    /// The value's rows below its first have more words after a wide space, left out of the value.
    public var takesRowsThatGoOn = 0.0

    /// The label names a date ("Date:", "DATE RECEIVED").
    public var labelAsksForDate = 0.0
    /// The label names an amount or a count ("Total", "Amount", "Number of").
    public var labelAsksForFigure = 0.0
    /// The value is a date and little else.
    public var valueIsDate = 0.0

    /// Every word of the value is a word forms name their fields with ("Date", "Code No.", "Fax"), as
    /// in the next label or a column header rather than a filled-in value.
    public var namesAField = 0.0

    public init() {}

    /// Every feature with its name, in one fixed order: the order of `values` and of a model's weights.
    static let all: [(name: String, keyPath: WritableKeyPath<KeyValueFeatures, Double> & Sendable)] = [
        ("labelSimilarity", \.labelSimilarity),
        ("literalSimilarity", \.literalSimilarity),
        ("labelEndsWithColon", \.labelEndsWithColon),
        ("labelStartsRow", \.labelStartsRow),
        ("labelRunsOn", \.labelRunsOn),
        ("bestSpelledLabel", \.bestSpelledLabel),
        ("bestLiteralLabel", \.bestLiteralLabel),
        ("nearestOfLabel", \.nearestOfLabel),
        ("mostNumericOfLabel", \.mostNumericOfLabel),
        ("mostConfidentOfLabel", \.mostConfidentOfLabel),
        ("belowLabel", \.belowLabel),
        ("belowRight", \.belowRight),
        ("aboveRight", \.aboveRight),
        ("above", \.above),
        ("checkMarkLeft", \.checkMarkLeft),
        ("checkMark", \.checkMark),
        ("besideInHeaderRow", \.besideInHeaderRow),
        ("belowInHeaderRow", \.belowInHeaderRow),
        ("besideHeadsColumn", \.besideHeadsColumn),
        ("gap", \.gap),
        ("farGap", \.farGap),
        ("misalignment", \.misalignment),
        ("extraRows", \.extraRows),
        ("wrapsLikeParagraph", \.wrapsLikeParagraph),
        ("paragraphGoesOn", \.paragraphGoesOn),
        ("shortValue", \.shortValue),
        ("containsColon", \.containsColon),
        ("doubtfulReading", \.doubtfulReading),
        ("confidence", \.confidence),
        ("followsLabel", \.followsLabel),
        ("besideAlternative", \.besideAlternative),
        ("besideHeaderAlternative", \.besideHeaderAlternative),
        ("rowGoesOn", \.rowGoesOn),
        ("acrossColumns", \.acrossColumns),
        ("columnsCrossed", \.columnsCrossed),
        ("cellsAlike", \.cellsAlike),
        ("numericShare", \.numericShare),
        ("heightDifference", \.heightDifference),
        ("runsThroughLabel", \.runsThroughLabel),
        ("wrapsUnderLabel", \.wrapsUnderLabel),
        ("hasDigits", \.hasDigits),
        ("capitalsLikeLabel", \.capitalsLikeLabel),
        ("valueLength", \.valueLength),
        ("labelLength", \.labelLength),
        ("valueWidth", \.valueWidth),
        ("labelIndent", \.labelIndent),
        ("labelReadBetter", \.labelReadBetter),
        ("valueHeadsColumn", \.valueHeadsColumn),
        ("capitalisedLikeHeader", \.capitalisedLikeHeader),
        ("downColumn", \.downColumn),
        ("labelAsksForDate", \.labelAsksForDate),
        ("labelAsksForFigure", \.labelAsksForFigure),
        ("valueIsDate", \.valueIsDate),
        ("namesAField", \.namesAField),
        ("takesRowsThatGoOn", \.takesRowsThatGoOn),
    ]

    public static let names = all.map(\.name)

    /// The features in the order of `names`.
    public var values: [Double] { Self.all.map { self[keyPath: $0.keyPath] } }

    /// What a candidate is scored on: each feature, then each pair of features multiplied ("gap &
    /// belowLabel"), so that a feature can count differently for a value below its label than for
    /// one beside it, or for a label with a colon than for one without.
    public static let scoredNames: [String] = names + pairs.map { "\(names[$0.0]) & \(names[$0.1])" }

    /// The values named by `scoredNames`.
    public var scoredValues: [Double] {
        let single = values
        return single + Self.pairs.map { single[$0.0] * single[$0.1] }
    }

    private static let pairs: [(Int, Int)] = names.indices.flatMap { first in
        names.indices.filter { $0 > first }.map { (first, $0) }
    }

    /// Features from values in the order of `names`.
    public init(values: [Double]) {
        self.init()
        for (feature, value) in zip(Self.all, values) { self[keyPath: feature.keyPath] = value }
    }
}
