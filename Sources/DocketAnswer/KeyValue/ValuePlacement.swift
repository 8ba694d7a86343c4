/// Where a value stands relative to its label.
public enum ValuePlacement: String, Sendable, Codable, CaseIterable {
    /// After the label on the same row: "Date: 9/3/92".
    case rightOfLabel
    /// On the rows under the label, as under a column header or a label that ends its row.
    case belowLabel
    /// Starting just below the label's row, to the right of the label: typed a little low.
    case belowRightOfLabel
    /// Just above the label's row, to the right of the label: typed on the rule the label sits on.
    case aboveRightOfLabel
    /// Just above the label, over it: written on a rule with the label printed under it.
    case aboveLabel
    /// A tick just left of the label, as in a box before a printed option.
    case checkMarkLeftOfLabel
}
