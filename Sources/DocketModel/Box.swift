/// A rectangle in PDF points (1/72 inch), origin at the page's top-left corner, y growing downwards.
public struct Box: Codable, Sendable, Hashable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var centerX: Double { (x0 + x1) / 2 }
    public var centerY: Double { (y0 + y1) / 2 }

    public func contains(x: Double, y: Double) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }

    /// Whether the centre of `box` lies in this box.
    public func contains(center box: Box) -> Bool { contains(x: box.centerX, y: box.centerY) }

    public func union(_ other: Box) -> Box {
        Box(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// Length of the vertical overlap of the two boxes, zero when they do not overlap.
    public func verticalOverlap(with other: Box) -> Double {
        max(0, min(y1, other.y1) - max(y0, other.y0))
    }

    public static func enclosing(_ boxes: some Sequence<Box>) -> Box? {
        boxes.reduce(nil) { partial, box in partial.map { $0.union(box) } ?? box }
    }
}

extension Box {
    /// `[x0, y0, x1, y1]`, the form used in JSON output.
    public var array: [Double] { [x0, y0, x1, y1] }
}
