/// Consecutive tokens of one row, and what ended them.
struct RowRun {
    var tokens: [Int]
    /// More words stand further along the row, after a wide space, a rule or the next label.
    var rowGoesOn: Bool
    /// How many tokens stood before the next label on the row, when one ended the run.
    var wordsBeforeLabel: Int?
}
