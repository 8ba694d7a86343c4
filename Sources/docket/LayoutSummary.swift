import DocketModel

/// A page's layout in a few lines of text: its tables row by row, its checkboxes ticked or not,
/// its labelled values.
enum LayoutSummary {
    static func text(_ layout: PageLayout) -> String {
        var text = ""
        for (number, table) in layout.tables.enumerated() {
            text += "table \(number + 1) (\(table.rowCount) x \(table.columnCount)\(table.ruled ? ", ruled" : "")):\n"
            for row in table.rows { text += "  | " + row.joined(separator: " | ") + " |\n" }
        }
        if !layout.checkboxes.isEmpty {
            text += "checkboxes:\n"
            for checkbox in layout.checkboxes {
                text += "  [\(checkbox.isChecked ? "x" : " ")] \(checkbox.labelText)\n"
            }
        }
        if !layout.keyValues.isEmpty {
            text += "labelled values:\n"
            for pair in layout.keyValues { text += "  \(pair.keyText) \(pair.valueText) (\(pair.relation.rawValue))\n" }
        }
        return text
    }
}
