import DocketModel

/// Where a question's label was found on a page: its words, in reading order, and how closely they
/// spell the question.
struct FormLabel {
    var tokenIndices: [Int]
    /// 0...1, 1 when the words spell the question exactly (ignoring case, spaces and punctuation).
    var similarity: Double
    /// All the label's words.
    var box: Box
    /// The label's words on the row of its first word: a label that wraps may have its value beside its first row.
    var firstRowBox: Box
    /// The label's words on the row of its last word: a value to the right starts after this box.
    var lastRowBox: Box
    /// 0...1, how closely the words spell the question letter for letter, case and punctuation included.
    var literalSimilarity: Double
    /// The label's last word ends with ":", as a form's labels do.
    var endsWithColon: Bool
    /// Nothing stands just left of the label on its row, as with a label rather than a word in a sentence.
    var startsRow: Bool
    /// A word follows the label at an ordinary space and no colon ends it: the label may be the start of a longer one.
    var runsOn: Bool
    /// The label stands in a table's header row: other phrases apart from it on its row, each heading
    /// a column of words, and no digits or colons.
    var inHeaderRow: Bool
}
