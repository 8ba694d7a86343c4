import DocketModel

/// Finds checkboxes: small squares whose four sides are drawn, ticked when ink fills their inside.
struct CheckboxFinder {
    /// Smaller squares are bullets and the bowls of bold letters.
    var smallestSide = 7.5
    var largestSide = 28.0
    /// Share of each side's pixels that must be ink.
    var sideCoverage = 0.8
    /// A box whose inside is at least this dark is ticked; an empty box's inside is near 0, a cross
    /// or a tick fills a quarter or more of it.
    var checkedFill = 0.1
    /// The inside is the box shrunk by this share of its side on every side, clear of the border.
    var insideMargin = 0.22
    /// How much longer one side of a square box may be than the other, in scans and hand-drawn forms.
    var squareAspect = 1.4
    /// How much wider than tall a box may be: forms draw oblong boxes to tick beside dates and
    /// options ("SEP 22 [ x ]"). Touching letters ("EM", "DES") can also have four straight sides, so
    /// an oblong box must be hollow just inside its border.
    var oblongAspect = 2.0
    /// Most ink on the line just inside an oblong box's border: a tick crosses it at a few points,
    /// the strokes of touching letters at many.
    var inkInsideBorder = 0.4

    struct Found {
        var box: Box
        var fillRatio: Double
    }

    func find(in mask: InkMask) -> [Found] {
        let smallest = mask.pixels(smallestSide), largest = mask.pixels(largestSide)
        return ConnectedComponents.boundingBoxes(of: mask).compactMap { component -> Found? in
            let width = component.x1 - component.x0, height = component.y1 - component.y0
            guard width >= smallest, height >= smallest, width <= largest, height <= largest,
                  Double(width) <= oblongAspect * Double(height), Double(height) <= squareAspect * Double(width),
                  hasFourSides(component, in: mask),
                  Double(width) <= squareAspect * Double(height) || isHollow(component, in: mask)
            else { return nil }
            let inset = max(2, Int((Double(min(width, height)) * insideMargin).rounded()))
            let fill = mask.inkRatio(x0: component.x0 + inset, y0: component.y0 + inset,
                                     x1: component.x1 - inset, y1: component.y1 - inset)
            // Solid all through, border and inside alike, is a bullet or a blot rather than a filled-in box.
            guard fill < 0.9 || min(width, height) >= mask.pixels(10) else { return nil }
            return Found(box: Box(x0: mask.points(component.x0), y0: mask.points(component.y0),
                                  x1: mask.points(component.x1), y1: mask.points(component.y1)),
                         fillRatio: fill)
        }
    }

    /// Whether each side of the component's box is a line of ink, a few pixels in from the edge at most.
    private func hasFourSides(_ component: ConnectedComponents.Bounds, in mask: InkMask) -> Bool {
        let depth = max(1, (component.x1 - component.x0) / 6)
        func coverage(_ count: Int, _ isInk: (Int) -> Bool) -> Double {
            Double((0..<count).filter(isInk).count) / Double(count)
        }
        let width = component.x1 - component.x0, height = component.y1 - component.y0
        let top = (0..<depth).map { d in coverage(width) { mask.isInk(component.x0 + $0, component.y0 + d) } }.max() ?? 0
        let bottom = (0..<depth).map { d in coverage(width) { mask.isInk(component.x0 + $0, component.y1 - 1 - d) } }.max() ?? 0
        let left = (0..<depth).map { d in coverage(height) { mask.isInk(component.x0 + d, component.y0 + $0) } }.max() ?? 0
        let right = (0..<depth).map { d in coverage(height) { mask.isInk(component.x1 - 1 - d, component.y0 + $0) } }.max() ?? 0
        return min(top, bottom, left, right) >= sideCoverage
    }

    /// Whether the line just inside each side's stroke has little ink: the side is a drawn border
    /// with room inside it, not the top of a row of letters.
    private func isHollow(_ component: ConnectedComponents.Bounds, in mask: InkMask) -> Bool {
        let width = component.x1 - component.x0, height = component.y1 - component.y0
        let rows = { (ys: StrideTo<Int>) in ys.map { y in mask.inkRatio(x0: component.x0, y0: y, x1: component.x1, y1: y + 1) } }
        let columns = { (xs: StrideTo<Int>) in xs.map { x in mask.inkRatio(x0: x, y0: component.y0, x1: x + 1, y1: component.y1) } }
        let inwards = [
            rows(stride(from: component.y0, to: component.y0 + height / 2, by: 1)),
            rows(stride(from: component.y1 - 1, to: component.y1 - 1 - height / 2, by: -1)),
            columns(stride(from: component.x0, to: component.x0 + width / 2, by: 1)),
            columns(stride(from: component.x1 - 1, to: component.x1 - 1 - width / 2, by: -1)),
        ]
        let depth = max(1, width / 6)
        return inwards.allSatisfy { coverage in
            // From the side's strongest line near the edge, past the rest of its stroke, to the first line inside.
            guard var line = coverage.prefix(depth).indices.max(by: { coverage[$0] < coverage[$1] }) else { return false }
            while line + 1 < coverage.count, coverage[line + 1] >= 0.5 { line += 1 }
            return line + 1 < coverage.count && coverage[line + 1] <= inkInsideBorder
        }
    }

    func isChecked(fillRatio: Double) -> Bool { fillRatio >= checkedFill }
}

/// 8-connected components of ink, by their bounding boxes in pixels (`x1`, `y1` exclusive).
enum ConnectedComponents {
    struct Bounds {
        var x0: Int
        var y0: Int
        var x1: Int
        var y1: Int
    }

    static func boundingBoxes(of mask: InkMask) -> [Bounds] {
        let width = mask.width, height = mask.height
        // Ink not yet reached by a component; cleared as the components take it.
        var unreached = mask.ink
        var stack: [(x: Int, y: Int)] = []
        var found: [Bounds] = []
        unreached.withUnsafeMutableBufferPointer { ink in
            for startY in 0..<height {
                for startX in 0..<width where ink[startY * width + startX] != 0 {
                    ink[startY * width + startX] = 0
                    stack.append((startX, startY))
                    var bounds = Bounds(x0: startX, y0: startY, x1: startX + 1, y1: startY + 1)
                    while let (x, y) = stack.popLast() {
                        bounds.x0 = min(bounds.x0, x); bounds.x1 = max(bounds.x1, x + 1)
                        bounds.y0 = min(bounds.y0, y); bounds.y1 = max(bounds.y1, y + 1)
                        for neighbourY in max(0, y - 1)...min(height - 1, y + 1) {
                            for neighbourX in max(0, x - 1)...min(width - 1, x + 1)
                            where ink[neighbourY * width + neighbourX] != 0 {
                                ink[neighbourY * width + neighbourX] = 0
                                stack.append((neighbourX, neighbourY))
                            }
                        }
                    }
                    found.append(bounds)
                }
            }
        }
        return found
    }
}
