/// A page of known text; sizes are in PDF points (US Letter by default).
public struct FixturePage: Sendable, Hashable {
    public var lines: [FixtureLine]
    /// Rules and checkboxes, drawn in black like the text.
    public var shapes: [FixtureShape] = []
    public var width: Double = 612
    public var height: Double = 792

    public init(lines: [FixtureLine], shapes: [FixtureShape] = [], width: Double = 612, height: Double = 792) {
        self.lines = lines
        self.shapes = shapes
        self.width = width
        self.height = height
    }

    /// Convenience: lines of text stacked from the top at 72pt margin, `lineSpacing` apart.
    ///
    /// The first baseline sits at `72 + fontSize`, so the tops of the first line's capitals touch the margin.
    public init(text: [String], fontSize: Double = 12, lineSpacing: Double = 18) {
        let lines = text.enumerated().map { index, line in
            FixtureLine(line, x: 72, y: 72 + fontSize + Double(index) * lineSpacing, fontSize: fontSize)
        }
        self.init(lines: lines)
    }
}
