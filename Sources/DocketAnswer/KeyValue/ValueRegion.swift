import DocketModel

/// Words that may hold a label's value, as laid out on the page.
struct ValueRegion {
    var placement: ValuePlacement
    /// Row by row from the top, each row left to right.
    var rows: [[Int]]
    /// Space between the label and the value's first word, in line heights.
    var gap: Double
    /// How far the value's left edge stands from the label's, in line heights (for a value below).
    var misalignment: Double
    /// More words follow the value's first row after a wide space, as they do after a label.
    var rowGoesOn: Bool
    /// A value off the label's row when the label also has words beside it.
    var besideAlternative = false
    /// A value off the label's row when the words beside the label look like the next column header.
    var besideHeaderAlternative = false
    /// The region runs on across wide spaces, through the columns of a table row.
    var acrossColumns = false
    /// A value beside its label where both head a column of words below: another column's header.
    var besideHeadsColumn = false
    /// Several rows that run to about the same right edge, as a paragraph's do.
    var wrapsLikeParagraph = false
    /// One row of a value whose paragraph goes on in the rows below.
    var paragraphGoesOn = false
    /// The region runs on past a word ending in a colon, taking it for part of the value.
    var runsThroughLabel = false
    /// A paragraph beside its label that wraps back to the label's left edge on the rows under it.
    var wrapsUnderLabel = false
    /// The cells of a table column under its header, one per row.
    var downColumn = false
    /// A paragraph that goes on through rows with more words after a wide space, taking each row's
    /// words up to the space: the rows of an address beside a stamp, or fields of their own.
    var takesRowsThatGoOn = false

    var tokenIndices: [Int] { rows.flatMap { $0 } }
}
