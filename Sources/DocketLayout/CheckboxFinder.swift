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

    /// In the order of each component's first pixel, row by row. Found from the runs of ink along
    /// each row, joined where runs on neighbouring rows touch (diagonally too), rather than pixel by
    /// pixel: a page of text has many pixels of ink to a run.
    static func boundingBoxes(of mask: InkMask) -> [Bounds] {
        // Everything the scan changes is declared inside the closure: a variable it captured would
        // be checked for exclusive access on every pixel.
        mask.ink.withUnsafeBufferPointer { ink in
            let width = mask.width
            var runs: [(y: Int, x0: Int, x1: Int)] = []
            var components = UnionFind()
            var above = 0..<0
            for y in 0..<mask.height {
                let rowStart = runs.count
                let row = y * width
                var x = 0
                var candidate = above.lowerBound
                while true {
                    x = ink.firstNonZero(from: row + x, to: row + width) - row
                    guard x < width else { break }
                    let start = x
                    while x < width, ink[row + x] != 0 { x += 1 }
                    let run = runs.count
                    runs.append((y, start, x))
                    components.add()
                    // Runs above that end before this one's left diagonal touch no later run of this row either.
                    while candidate < above.upperBound, runs[candidate].x1 < start { candidate += 1 }
                    var touching = candidate
                    while touching < above.upperBound, runs[touching].x0 <= x {
                        components.join(run, touching)
                        touching += 1
                    }
                }
                above = rowStart..<runs.count
            }
            var boundsOfRoot = [Int](repeating: -1, count: runs.count)
            var found: [Bounds] = []
            for (index, run) in runs.enumerated() {
                let root = components.root(of: index)
                let position = boundsOfRoot[root]
                if position >= 0 {
                    found[position].x0 = min(found[position].x0, run.x0)
                    found[position].x1 = max(found[position].x1, run.x1)
                    found[position].y1 = run.y + 1
                } else {
                    boundsOfRoot[root] = found.count
                    found.append(Bounds(x0: run.x0, y0: run.y, x1: run.x1, y1: run.y + 1))
                }
            }
            return found
        }
    }

    /// Runs joined into components; a component's root is its earliest run, so that components
    /// come out in the order of their first pixel.
    private struct UnionFind {
        private var parent: [Int] = []

        mutating func add() {
            parent.append(parent.count)
        }

        mutating func root(of element: Int) -> Int {
            var root = element
            while parent[root] != root { root = parent[root] }
            var next = element
            while parent[next] != root { (next, parent[next]) = (parent[next], root) }
            return root
        }

        mutating func join(_ a: Int, _ b: Int) {
            let (first, second) = (root(of: a), root(of: b))
            if first != second { parent[max(first, second)] = min(first, second) }
        }
    }
}
