import CTesseract
import DocketLayout
import DocketModel

/// An 8-bit gray Leptonica image. Owns its `PIX` and destroys it in `deinit`.
final class Raster {
    /// Cairo draws, and Tesseract reads, no image wider or taller than this.
    static let maxSide = 32_767

    let pix: UnsafeMutablePointer<PIX>
    /// Pixels per inch of this raster relative to the page it shows; turns pixels into points.
    let dpi: Double

    /// Takes ownership of `pix`.
    init(owning pix: UnsafeMutablePointer<PIX>, dpi: Double) {
        self.pix = pix
        self.dpi = dpi
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    var width: Int { Int(pixGetWidth(pix)) }
    var height: Int { Int(pixGetHeight(pix)) }

    /// Points per pixel: 72 / dpi.
    var pointsPerPixel: Double { 72 / dpi }

    /// An 8-bit gray copy; nil if Leptonica cannot convert it.
    func grayscale() -> Raster? {
        guard let gray = pixConvertTo8(pix, 0) else { return nil }
        return Raster(owning: gray, dpi: dpi)
    }

    /// A copy scaled by `factor`, for text too small for Tesseract to read well.
    func scaled(by factor: Double) -> Raster? {
        guard factor != 1 else { return pixClone(pix).map { Raster(owning: $0, dpi: dpi) } }
        guard let scaled = pixScale(pix, Float(factor), Float(factor)) else { return nil }
        return Raster(owning: scaled, dpi: dpi * factor)
    }

    /// A copy rotated clockwise by `degrees` about its centre, the same size, with white brought in
    /// at the corners.
    func rotated(byDegrees degrees: Double) -> Raster? {
        guard let rotated = pixRotate(pix, Float(degrees * .pi / 180), Int32(L_ROTATE_AREA_MAP),
                                      Int32(L_BRING_IN_WHITE), 0, 0)
        else { return nil }
        return Raster(owning: rotated, dpi: dpi)
    }

    /// A copy turned clockwise by `quarterTurns` times 90 degrees.
    func turned(clockwiseQuarterTurns quarterTurns: Int) -> Raster? {
        let turns = ((quarterTurns % 4) + 4) % 4
        guard turns != 0 else { return pixClone(pix).map { Raster(owning: $0, dpi: dpi) } }
        return pixRotateOrth(pix, Int32(turns)).map { Raster(owning: $0, dpi: dpi) }
    }

    /// The part of the raster in the given rectangle (pixels), clipped to the raster; nil when nothing is left.
    func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> Raster? {
        var box = boxCreate(Int32(x), Int32(y), Int32(cropWidth), Int32(cropHeight))
        defer { boxDestroy(&box) }
        guard let box, let clipped = pixClipRectangle(pix, box, nil) else { return nil }
        return Raster(owning: clipped, dpi: dpi)
    }

    /// The angle in degrees (clockwise) that straightens the raster's text lines, with Leptonica's
    /// confidence in it; nil when the raster has too little text to tell.
    func skew() -> (degrees: Double, confidence: Double)? {
        var binary = pixThresholdToBinary(pix, 128)
        defer { pixDestroy(&binary) }
        guard let binary else { return nil }
        var angle: Float = 0, confidence: Float = 0
        guard pixFindSkew(binary, &angle, &confidence) == 0 else { return nil }
        return (Double(angle), Double(confidence))
    }

    /// How far the paper's brightness varies across the raster (0...255): the spread between the
    /// brighter and darker tenth of its tiles' brightest pixels. Near 0 for clean scans; large for
    /// shadows, stains and photographed paper.
    func backgroundSpread(tileSize: Int = 32) -> Double? {
        guard width >= 2 * tileSize, height >= 2 * tileSize,
              let tiles = pixScaleGrayMinMax(pix, Int32(tileSize), Int32(tileSize), Int32(L_CHOOSE_MAX))
        else { return nil }
        defer {
            var owned: UnsafeMutablePointer<PIX>? = tiles
            pixDestroy(&owned)
        }
        var darker: UInt32 = 0, brighter: UInt32 = 0
        guard pixGetRankValue(tiles, 1, 0.1, &darker) == 0, pixGetRankValue(tiles, 1, 0.9, &brighter) == 0 else { return nil }
        return Double(brighter) - Double(darker)
    }

    /// The median gray level, 0 (black) to 255 (white); nil when Leptonica cannot measure it.
    func medianGray() -> Double? {
        var median: UInt32 = 0
        guard pixGetRankValue(pix, 1, 0.5, &median) == 0 else { return nil }
        return Double(median)
    }

    /// A copy with dark and light swapped.
    func inverted() -> Raster? {
        pixInvert(nil, pix).map { Raster(owning: $0, dpi: dpi) }
    }

    /// A copy with the solid dark regions that reach the image's edge painted white, with their
    /// grey fringe: the scanner's lid, the table a photographed receipt lies on, a torn corner.
    /// Tesseract takes such a region for the page's text and reads the page around it as noise, or
    /// not at all. Regions thinner than a bold letter's stroke are text, which keeps its strokes
    /// even where they run into the edge. Nil when there is no such region.
    func withoutDarkBorders() -> Raster? {
        // Borders are found on a copy of at most `darkBorderSearchPixels`: a large page's border is
        // as clear at a lower resolution, and the search would cost seconds at full size.
        let reduction = min(1, (Double(Self.darkBorderSearchPixels) / Double(max(1, width * height))).squareRoot())
        var reduced = reduction < 1 ? pixScaleAreaMap(pix, Float(reduction), Float(reduction)) : pixClone(pix)
        let reducedWidth = Int(reduced.map { pixGetWidth($0) } ?? 0), reducedHeight = Int(reduced.map { pixGetHeight($0) } ?? 0)
        let solid = Int32(max(Self.thinnestDarkBorder, min(reducedWidth, reducedHeight) / 60))
        var binary = reduced.flatMap { pixThresholdToBinary($0, Int32(Self.darkBorderGray)) }
        var opened = binary.flatMap { pixOpenBrick(nil, $0, solid, solid) }
        var touching = opened.flatMap { pixExtractBorderConnComps($0, 8) }
        var widened = touching.flatMap { pixDilateBrick(nil, $0, 7, 7) }
        var mask = widened.flatMap { reduction < 1 ? pixScaleToSize($0, Int32(width), Int32(height)) : pixClone($0) }
        defer {
            pixDestroy(&reduced)
            pixDestroy(&binary)
            pixDestroy(&opened)
            pixDestroy(&touching)
            pixDestroy(&widened)
            pixDestroy(&mask)
        }
        var empty: Int32 = 1
        guard let mask, pixZero(mask, &empty) == 0, empty == 0 else { return nil }
        return whitened(under: mask)
    }

    /// A copy with the pixels under the binary `mask` (aligned at the top left) painted white; nil
    /// when Leptonica cannot make it.
    private func whitened(under mask: UnsafeMutablePointer<PIX>) -> Raster? {
        guard let copy = pixCopy(nil, pix) else { return nil }
        guard pixSetMasked(copy, mask, 255) == 0 else {
            var owned: UnsafeMutablePointer<PIX>? = copy
            pixDestroy(&owned)
            return nil
        }
        return Raster(owning: copy, dpi: dpi)
    }

    /// A dark border is at least this many pixels thick, or a sixtieth of the image's shorter side.
    static let thinnestDarkBorder = 15
    static let darkBorderSearchPixels = 4_000_000
    /// Gray levels below this are dark enough to be a border rather than shaded paper.
    static let darkBorderGray = 64

    /// A copy whose faint print is stretched to black: the print's gray (the median of the darkest
    /// pixels of the tiles that hold any) becomes black and the paper's median gray white. Faded
    /// thermal receipts print at a gray a single threshold cannot tell from their paper. Nil when
    /// the print is dark already, or there is none.
    func withFaintPrintDarkened(tileSize: Int = 32) -> Raster? {
        guard width >= 2 * tileSize, height >= 2 * tileSize, let paper = medianGray(),
              let tiles = pixScaleGrayMinMax(pix, Int32(tileSize), Int32(tileSize), Int32(L_CHOOSE_MIN))
        else { return nil }
        defer {
            var owned: UnsafeMutablePointer<PIX>? = tiles
            pixDestroy(&owned)
        }
        var printed: [UInt32] = []
        for y in 0..<pixGetHeight(tiles) {
            for x in 0..<pixGetWidth(tiles) {
                var darkest: UInt32 = 0
                pixGetPixel(tiles, x, y, &darkest)
                if Double(darkest) <= paper - Self.faintPrintContrast { printed.append(darkest) }
            }
        }
        guard !printed.isEmpty else { return nil }
        let print = printed.sorted()[printed.count / 2]
        guard Double(print) >= Self.faintPrintGray else { return nil }
        return pixGammaTRC(nil, pix, 1, Int32(print), Int32(paper)).map { Raster(owning: $0, dpi: dpi) }
    }

    /// Print at this gray or lighter is faint.
    static let faintPrintGray = 64.0
    /// A tile whose darkest pixel is this much darker than the paper holds print.
    static let faintPrintContrast = 16.0

    /// A black-and-white copy thresholded against each pixel's neighbourhood (Sauvola), which
    /// keeps text on shaded or stained paper that one global threshold would lose.
    func adaptivelyBinarized() -> Raster? {
        var binary: UnsafeMutablePointer<PIX>?
        let window = Int32(max(8, min(width, height) / 60))
        defer { pixDestroy(&binary) }
        guard pixSauvolaBinarizeTiled(pix, window, 0.34, 1, 1, nil, &binary) == 0, let binary else { return nil }
        guard let gray = pixConvertTo8(binary, 0) else { return nil }
        return Raster(owning: gray, dpi: dpi)
    }

    /// A copy with straight rules at least `shortest` pixels long, across or down, painted white:
    /// the underlines a form's entries are typed on, and the lines of its boxes and tables.
    /// Tesseract may pass over a line of text that touches a rule, or misread it. Also the box of
    /// each rule, in pixels.
    func withoutRules(shortest: Int) -> (cleared: Raster, rules: [DocketModel.Box])? {
        var binary = pixThresholdToBinary(pix, Int32(GrayImage.inkThreshold))
        var across = binary.flatMap { pixOpenBrick(nil, $0, Int32(shortest), 1) }
        var down = binary.flatMap { pixOpenBrick(nil, $0, 1, Int32(shortest)) }
        var rules = across.flatMap { across in down.flatMap { pixOr(nil, across, $0) } }
        // One pixel more on every side takes the rules' grey, antialiased edges too.
        var widened = rules.flatMap { pixDilateBrick(nil, $0, 3, 3) }
        defer {
            pixDestroy(&binary)
            pixDestroy(&across)
            pixDestroy(&down)
            pixDestroy(&rules)
            pixDestroy(&widened)
        }
        guard let across, let down, let widened, let cleared = whitened(under: widened) else { return nil }
        // Across and down apart, so that the rules of a table are its lines, not one box around it.
        return (cleared, Self.componentBoxes(of: across) + Self.componentBoxes(of: down))
    }

    /// The boxes of a binary image's 8-connected components, in pixels.
    private static func componentBoxes(of binary: UnsafeMutablePointer<PIX>) -> [DocketModel.Box] {
        var boxes = pixConnCompBB(binary, 8)
        defer { boxaDestroy(&boxes) }
        guard let boxes else { return [] }
        return (0..<boxaGetCount(boxes)).compactMap { index in
            var x: Int32 = 0, y: Int32 = 0, width: Int32 = 0, height: Int32 = 0
            guard boxaGetBoxGeometry(boxes, index, &x, &y, &width, &height) == 0 else { return nil }
            return DocketModel.Box(x0: Double(x), y0: Double(y), x1: Double(x + width), y1: Double(y + height))
        }
    }

    /// The median height in pixels of the dark connected components that could be characters:
    /// a measure of text size that does not trust the resolution an image claims. Nil when the
    /// page has no such components.
    func medianGlyphHeight() -> Double? {
        var binary = pixThresholdToBinary(pix, 128)
        defer { pixDestroy(&binary) }
        guard let binary else { return nil }
        let tallest = Double(max(8, height / 20))
        // Specks, rules and pictures are not characters.
        let heights = Self.componentBoxes(of: binary)
            .filter { $0.height >= 4 && $0.height <= tallest && $0.width <= 3 * $0.height }
            .map(\.height).sorted()
        guard heights.count >= 10 else { return nil }
        return heights[heights.count / 2]
    }
}
