/// Pages with a known layout: a form with ticked and empty checkboxes, labelled values and a ruled
/// table, and a page set in two columns. Each comes with what a layout reader should find on it.
public enum LayoutFixtures {
    public struct ExpectedCheckbox: Sendable, Hashable {
        public var label: String
        public var ticked: Bool
    }

    public static let formCheckboxes: [ExpectedCheckbox] = [
        ExpectedCheckbox(label: "Urgent", ticked: true),
        ExpectedCheckbox(label: "New patient", ticked: false),
        ExpectedCheckbox(label: "Follow-up visit", ticked: true),
        ExpectedCheckbox(label: "Insured", ticked: false),
        ExpectedCheckbox(label: "Referral attached", ticked: true),
        ExpectedCheckbox(label: "Interpreter needed", ticked: false),
    ]

    public static let formTable: [[String]] = [
        ["Medication", "Dose", "Route", "Times"],
        ["Aspirin", "100 mg", "oral", "1"],
        ["Heparin", "5000 IU", "subcutaneous", "2"],
        ["Amoxicillin", "500 mg", "oral", "3"],
    ]

    /// Label -> value, as printed.
    public static let formValues: [String: String] = [
        "Name:": "Jane Doe",
        "Date of birth:": "1984-07-02",
        "Patient number:": "P-20417",
        "Address:": "12 Harbor Street, Portland",
    ]

    public static var form: FixturePage {
        var lines = [
            FixtureLine("Patient intake form", y: 84, fontSize: 18, bold: true),
            FixtureLine("Name: Jane Doe", y: 124),
            FixtureLine("Date of birth: 1984-07-02", y: 144),
            FixtureLine("Patient number: P-20417", x: 340, y: 124),
            FixtureLine("Address:", y: 178),
            FixtureLine("12 Harbor Street, Portland", y: 194),
        ]
        var shapes: [FixtureShape] = []
        let columns = [72.0, 230, 400]
        for (index, checkbox) in formCheckboxes.enumerated() {
            let x = columns[index % 3], baseline = 236 + Double(index / 3) * 24
            shapes.append(.checkbox(x: x, y: baseline - 9.5, side: 10, ticked: checkbox.ticked))
            lines.append(FixtureLine(checkbox.label, x: x + 16, y: baseline))
        }
        let columnLefts = [72.0, 250, 340, 460, 540]
        let rowTops = (0...formTable.count).map { 300 + Double($0) * 22 }
        for (row, cells) in formTable.enumerated() {
            for (column, cell) in cells.enumerated() {
                lines.append(FixtureLine(cell, x: columnLefts[column] + 5, y: rowTops[row] + 15, bold: row == 0))
            }
        }
        shapes += FixtureShape.grid(rowTops: rowTops, columnLefts: columnLefts)
        lines.append(FixtureLine("Please bring your insurance card to the visit.", y: 430, fontSize: 11))
        return FixturePage(lines: lines, shapes: shapes)
    }

    public static let leftColumn = [
        "The committee met on Monday",
        "to review the budget for the",
        "coming year and agreed that",
        "the library keeps its hours.",
    ]

    public static let rightColumn = [
        "Repairs to the north wing",
        "start in April and should be",
        "finished before the summer",
        "reading programme begins.",
    ]

    /// A title across the page, then two columns whose lines share baselines.
    public static var twoColumns: FixturePage {
        var lines = [FixtureLine("Town council newsletter", y: 90, fontSize: 20, bold: true)]
        for (index, text) in leftColumn.enumerated() { lines.append(FixtureLine(text, x: 72, y: 150 + Double(index) * 16, fontSize: 11)) }
        for (index, text) in rightColumn.enumerated() { lines.append(FixtureLine(text, x: 330, y: 150 + Double(index) * 16, fontSize: 11)) }
        return FixturePage(lines: lines)
    }
}
