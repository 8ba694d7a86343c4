import DocketModel
@testable import DocketLayout

/// A page built in code: words on a grid of points, and a white raster at 100 dpi on which boxes
/// and rules are drawn.
struct SyntheticPage {
    static let dpi = 100.0
    var words: [Word] = []
    var lines: [Line] = []
    var pixels: [UInt8]
    let pixelWidth: Int
    let pixelHeight: Int

    init(width: Double = 612, height: Double = 792) {
        pixelWidth = Int(width * Self.dpi / 72)
        pixelHeight = Int(height * Self.dpi / 72)
        pixels = [UInt8](repeating: 255, count: pixelWidth * pixelHeight)
    }

    /// Adds one line of words starting at `x` on the row whose top is `y`, 7 points per character and
    /// one space between words; returns the line's word indices.
    @discardableResult
    mutating func addLine(_ text: String, x: Double, y: Double, height: Double = 10) -> [Int] {
        var indices: [Int] = []
        var left = x
        for token in text.split(separator: " ") {
            let width = Double(token.count) * 0.6 * height
            indices.append(words.count)
            words.append(Word(text: String(token), box: Box(x0: left, y0: y, x1: left + width, y1: y + height), confidence: 100))
            left += width + 0.3 * height
        }
        lines.append(Line(wordIndices: indices, box: Box.enclosing(indices.map { words[$0].box })!,
                          text: indices.map { words[$0].text }.joined(separator: " ")))
        return indices
    }

    /// Fills the rectangle (in points) with black.
    mutating func fill(x0: Double, y0: Double, x1: Double, y1: Double) {
        let scale = Self.dpi / 72
        for y in Int(y0 * scale)..<max(Int(y0 * scale) + 1, Int(y1 * scale)) {
            for x in Int(x0 * scale)..<max(Int(x0 * scale) + 1, Int(x1 * scale)) where x < pixelWidth && y < pixelHeight {
                pixels[y * pixelWidth + x] = 0
            }
        }
    }

    mutating func horizontalRule(y: Double, from x0: Double, to x1: Double) { fill(x0: x0, y0: y, x1: x1, y1: y + 1) }

    mutating func verticalRule(x: Double, from y0: Double, to y1: Double) { fill(x0: x, y0: y0, x1: x + 1, y1: y1) }

    /// A square outline of `side` points with its top-left corner at (x, y), crossed when `ticked`.
    mutating func checkbox(x: Double, y: Double, side: Double = 10, ticked: Bool) {
        checkbox(x: x, y: y, width: side, height: side, ticked: ticked)
    }

    /// An outline `width` by `height` points with its top-left corner at (x, y), crossed in its
    /// middle when `ticked`.
    mutating func checkbox(x: Double, y: Double, width: Double, height: Double, ticked: Bool) {
        horizontalRule(y: y, from: x, to: x + width)
        horizontalRule(y: y + height - 1, from: x, to: x + width)
        verticalRule(x: x, from: y, to: y + height)
        verticalRule(x: x + width - 1, from: y, to: y + height)
        guard ticked else { return }
        let indent = (width - height) / 2
        for step in stride(from: 2.0, to: height - 2, by: 0.5) {
            fill(x0: x + indent + step, y0: y + step, x1: x + indent + step + 1.2, y1: y + step + 1.2)
            fill(x0: x + width - indent - step - 1.2, y0: y + step, x1: x + width - indent - step, y1: y + step + 1.2)
        }
    }

    var image: GrayImage {
        GrayImage(width: pixelWidth, height: pixelHeight, pixels: pixels, pointsPerPixel: 72 / Self.dpi)
    }

    func layout(withImage: Bool = true) -> PageLayout {
        LayoutAnalyzer.analyze(words: words, lines: lines, image: withImage ? image : nil)
    }
}
