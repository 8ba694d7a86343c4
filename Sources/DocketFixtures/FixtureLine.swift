/// One line of known text on a fixture page, positioned in PDF points.
public struct FixtureLine: Sendable, Hashable {
    public var text: String
    /// Left edge of the text, in points from the left of the page.
    public var x: Double
    /// Baseline of the text, in points from the top of the page.
    public var y: Double
    public var fontSize: Double
    public var bold: Bool

    public init(_ text: String, x: Double = 72, y: Double, fontSize: Double = 12, bold: Bool = false) {
        self.text = text
        self.x = x
        self.y = y
        self.fontSize = fontSize
        self.bold = bold
    }
}
