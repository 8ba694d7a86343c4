import CPoppler
import CTesseract
import DocketLayout
import DocketModel

/// The page with its layout found from its words and, when there are any, its pixels (made here,
/// so that their time counts as layout's).
func withLayout(_ page: Page, image: @autoclosure () -> GrayImage?) -> Page {
    var page = page
    page.layout = StageTimings.measure(.layout) { LayoutAnalyzer.analyze(page, image: image()) }
    return page
}

/// Layout needs only rules and boxes, which read as well at 100 dpi as at 300, at a ninth of the cost.
let layoutDPI = 100.0
/// A letter page at 1.5 x `layoutDPI` is about 2 million pixels; the analysis holds a few bytes per pixel.
let layoutPixels = 8_000_000

extension Raster {
    /// The pixels as a `GrayImage` at no more than about 1.5 x `layoutDPI`, shrunk by keeping the
    /// darkest pixel of each block so that thin rules survive.
    func grayImage() -> GrayImage? {
        guard pixGetDepth(pix) == 8, let data = pixGetData(pix) else { return nil }
        // Also shrunk to at most `layoutPixels`, whatever resolution a huge image claims.
        let bySize = Int((Double(width * height) / Double(layoutPixels)).squareRoot().rounded(.up))
        let factor = max(1, Int((dpi / (1.5 * layoutDPI)).rounded(.up)), bySize)
        let sourceWidth = width, sourceHeight = height
        let outputWidth = sourceWidth / factor, outputHeight = sourceHeight / factor
        guard outputWidth > 0, outputHeight > 0 else { return nil }
        let bytesPerLine = Int(pixGetWpl(pix)) * 4
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        var pixels = [UInt8](repeating: 255, count: outputWidth * outputHeight)
        pixels.withUnsafeMutableBufferPointer { output in
            if factor == 1 {
                for y in 0..<outputHeight {
                    let row = bytes + y * bytesPerLine
                    let outputRow = output.baseAddress! + y * outputWidth
                    for x in 0..<outputWidth { outputRow[x] = row[x ^ 3] }
                }
                return
            }
            for y in 0..<(outputHeight * factor) {
                let row = bytes + y * bytesPerLine
                let outputRow = output.baseAddress! + (y / factor) * outputWidth
                for outputX in 0..<outputWidth {
                    var darkest = outputRow[outputX]
                    for x in (outputX * factor)..<(outputX * factor + factor) {
                        // Leptonica packs 8-bit pixels big-endian within each 32-bit word.
                        darkest = min(darkest, row[x ^ 3])
                    }
                    outputRow[outputX] = darkest
                }
            }
        }
        return GrayImage(width: outputWidth, height: outputHeight, pixels: pixels, pointsPerPixel: 72 / dpi * Double(factor))
    }
}

extension PDFReader {
    /// A page with a text layer has no pixels of its own: rendered small for its rules and
    /// checkboxes, within the pixel limit. Nil when cairo cannot render it; the words' layout
    /// is still found.
    static func layoutImage(of page: OpaquePointer, width: Double, height: Double, maxPixels: Int,
                            dpi: Double = layoutDPI) -> GrayImage? {
        renderGray(page, region: DocketModel.Box(x0: 0, y0: 0, x1: width, y1: height), dpi: dpi, maxPixels: maxPixels)?.grayImage()
    }
}
