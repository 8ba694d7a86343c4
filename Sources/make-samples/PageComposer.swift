import DocketFixtures

/// Places lines from top to bottom the way a word processor would, so sample layouts read as plain text.
struct PageComposer {
    private(set) var lines: [FixtureLine] = []
    /// Where the next line's baseline goes, in points from the top of the page.
    var baseline: Double

    init(firstBaseline: Double) {
        baseline = firstBaseline
    }

    /// Adds one line and moves down by `advance`, or by 1.5 × the font size.
    mutating func add(_ text: String, x: Double = 72, fontSize: Double = 12, bold: Bool = false, advance: Double? = nil) {
        lines.append(FixtureLine(text, x: x, y: baseline, fontSize: fontSize, bold: bold))
        baseline += advance ?? fontSize * 1.5
    }

    /// Adds cells that share one baseline (a table row), then moves down like `add`.
    mutating func addRow(_ cells: [(text: String, x: Double)], fontSize: Double = 12, bold: Bool = false,
                         advance: Double? = nil) {
        for cell in cells where !cell.text.isEmpty {
            lines.append(FixtureLine(cell.text, x: cell.x, y: baseline, fontSize: fontSize, bold: bold))
        }
        baseline += advance ?? fontSize * 1.5
    }

    mutating func skip(_ points: Double) {
        baseline += points
    }

    /// Adds a line at a fixed position without moving the cursor (headers beside the flow, footers).
    mutating func place(_ line: FixtureLine) {
        lines.append(line)
    }

    func page(shapes: [FixtureShape] = [], width: Double = 612, height: Double = 792) -> FixturePage {
        FixturePage(lines: lines, shapes: shapes, width: width, height: height)
    }
}
