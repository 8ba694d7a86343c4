/// A line or a checkbox drawn on a fixture page, in PDF points from the page's top-left corner.
public enum FixtureShape: Sendable, Hashable {
    /// A straight line from (x0, y0) to (x1, y1), `width` points thick.
    case rule(x0: Double, y0: Double, x1: Double, y1: Double, width: Double)
    /// A square outline with its top-left corner at (x, y), crossed through when `ticked`.
    case checkbox(x: Double, y: Double, side: Double, ticked: Bool)

    public static func horizontalRule(y: Double, from x0: Double, to x1: Double, width: Double = 0.8) -> FixtureShape {
        .rule(x0: x0, y0: y, x1: x1, y1: y, width: width)
    }

    public static func verticalRule(x: Double, from y0: Double, to y1: Double, width: Double = 0.8) -> FixtureShape {
        .rule(x0: x, y0: y0, x1: x, y1: y1, width: width)
    }

    /// The rules of a grid whose rows start at `rowTops` (the last one is the bottom) and whose
    /// columns start at `columnLefts` (the last one is the right edge).
    public static func grid(rowTops: [Double], columnLefts: [Double]) -> [FixtureShape] {
        guard let left = columnLefts.first, let right = columnLefts.last, let top = rowTops.first, let bottom = rowTops.last
        else { return [] }
        return rowTops.map { horizontalRule(y: $0, from: left, to: right) }
            + columnLefts.map { verticalRule(x: $0, from: top, to: bottom) }
    }
}
