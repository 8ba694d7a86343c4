import CTesseract

/// The pixels of a PNG, for tests that look at what was drawn (an overlay, a browser's screenshot).
public struct PNGPixels {
    public let width: Int
    public let height: Int
    /// 0xRRGGBB per pixel, row by row.
    private let pixels: [UInt32]

    public init?(_ png: [UInt8]) {
        var decoded = pixReadMem(png, png.count)
        defer { pixDestroy(&decoded) }
        var converted = decoded.flatMap { pixConvertTo32($0) }
        defer { pixDestroy(&converted) }
        guard let color = converted else { return nil }
        width = Int(pixGetWidth(color))
        height = Int(pixGetHeight(color))
        let wordsPerLine = Int(pixGetWpl(color))
        let data = pixGetData(color)!
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for y in 0..<height {
            for x in 0..<width { pixels.append(data[y * wordsPerLine + x] >> 8) }
        }
        self.pixels = pixels
    }

    /// Red, green and blue at (x, y), 0...255.
    public func rgb(x: Int, y: Int) -> (red: Int, green: Int, blue: Int) {
        let pixel = pixels[min(height - 1, max(0, y)) * width + min(width - 1, max(0, x))]
        return (Int(pixel >> 16 & 0xFF), Int(pixel >> 8 & 0xFF), Int(pixel & 0xFF))
    }

    /// Whether (x, y) is a strong red, as Docket draws evidence.
    public func isEvidenceRed(x: Int, y: Int) -> Bool {
        let (red, green, blue) = rgb(x: x, y: y)
        return red > 180 && green < 80 && blue < 80
    }
}
