/// A statement of expenses with a column per year, drawn with rules or set in aligned columns
/// only, and the figure that stands in each of its cells.
public enum TableFixtures {
    public enum Rules: String, Sendable, CaseIterable {
        /// Every row and column ruled, "Expense" over the labels.
        case grid
        /// Rules across the table only: above and below the header, above the total and below it.
        case acrossOnly = "across only"
        /// No rules; the columns are only aligned and the corner is blank, as on a typeset statement.
        case none
    }

    public static let years = ["1985", "1986", "1987"]

    public struct StatementRow: Sendable, Hashable {
        public var label: String
        /// One per year, as printed.
        public var figures: [String]
    }

    /// Every figure differs from its neighbours, so a figure read from the wrong year shows.
    public static let statementRows: [StatementRow] = [
        StatementRow(label: "Rent", figures: ["$1,200", "$1,350", "$1,475"]),
        StatementRow(label: "Salaries", figures: ["$12,400", "$13,150", "$14,020"]),
        StatementRow(label: "Utilities", figures: ["$385", "$410", "$466"]),
        StatementRow(label: "Total", figures: ["$13,985", "$14,910", "$15,961"]),
    ]

    /// Left edge of the label column, then the right edge of each year's column.
    static let labelLeft = 72.0
    static let figureRights = [300.0, 400, 500]
    static let fontSize = 12.0
    static let rowPitch = 22.0
    static let firstRowTop = 140.0

    /// A point on the figure printed for `statementRows[row]` in `years[year]`, in page points.
    public static func pointOnFigure(row: Int, year: Int) -> (x: Double, y: Double) {
        (figureRights[year] - 8, baseline(ofRow: row + 1) - 4)
    }

    static func baseline(ofRow row: Int) -> Double { firstRowTop + Double(row) * rowPitch + 15 }

    /// A title, a sentence, the table and a closing note.
    public static func statement(rules: Rules) -> FixturePage {
        var lines = [
            FixtureLine("Statement of expenses", y: 84, fontSize: 18, bold: true),
            FixtureLine("Office of the county surveyor, years ended December 31.", y: 112, fontSize: 11),
        ]
        let rowTops = (0...statementRows.count + 1).map { firstRowTop + Double($0) * rowPitch }
        if rules == .grid { lines.append(FixtureLine("Expense", x: labelLeft + 5, y: baseline(ofRow: 0), bold: true)) }
        for (column, year) in years.enumerated() {
            lines.append(FixtureLine(year, x: rightAligned(year, at: figureRights[column] - 5), y: baseline(ofRow: 0), bold: true))
        }
        for (index, row) in statementRows.enumerated() {
            let isTotal = index == statementRows.count - 1
            lines.append(FixtureLine(row.label, x: labelLeft + 5, y: baseline(ofRow: index + 1), bold: isTotal))
            for (column, figure) in row.figures.enumerated() {
                lines.append(FixtureLine(figure, x: rightAligned(figure, at: figureRights[column] - 5),
                                         y: baseline(ofRow: index + 1), bold: isTotal))
            }
        }
        let right = figureRights[figureRights.count - 1]
        let shapes: [FixtureShape] = switch rules {
        case .grid: FixtureShape.grid(rowTops: rowTops, columnLefts: [labelLeft, 200] + figureRights)
        case .acrossOnly:
            [rowTops[0], rowTops[1], rowTops[rowTops.count - 2], rowTops[rowTops.count - 1]].map {
                FixtureShape.horizontalRule(y: $0, from: labelLeft, to: right)
            }
        case .none: []
        }
        lines.append(FixtureLine("Figures are rounded to the nearest dollar.", y: rowTops[rowTops.count - 1] + 36, fontSize: 11))
        return FixturePage(lines: lines, shapes: shapes)
    }

    /// Where text of `fontSize` points must start to end at `right`, from the widths of DejaVu
    /// Sans's digits and signs (the statement's figures and years hold nothing else).
    static func rightAligned(_ text: String, at right: Double) -> Double {
        let ems = text.reduce(0.0) { width, character in width + (character == "," || character == "." ? 0.318 : 0.636) }
        return right - ems * fontSize
    }
}
