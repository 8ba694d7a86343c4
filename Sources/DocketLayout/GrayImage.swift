/// A page's pixels for layout analysis: 8-bit gray, row after row, 0 black and 255 white.
public struct GrayImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]
    /// The size of one pixel on the page, in points (72 / dpi).
    public let pointsPerPixel: Double

    public init(width: Int, height: Int, pixels: [UInt8], pointsPerPixel: Double) {
        precondition(pixels.count == width * height, "a gray image needs width x height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.pointsPerPixel = pointsPerPixel
    }

    /// Pixels darker than this count as ink. Above mid-gray so that the antialiased edge of a
    /// one-point rule rendered at 100 dpi still counts.
    public static let inkThreshold: UInt8 = 160

    /// One byte per pixel, 1 for ink.
    func inkMask() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: pixels.count) { mask, count in
            pixels.withUnsafeBufferPointer { gray in
                for index in gray.indices { mask[index] = gray[index] < Self.inkThreshold ? 1 : 0 }
            }
            count = pixels.count
        }
    }
}

/// Ink pixels of a page, with conversions between pixels and points.
struct InkMask {
    let width: Int
    let height: Int
    let ink: [UInt8]
    let pointsPerPixel: Double

    init(_ image: GrayImage) {
        width = image.width
        height = image.height
        ink = image.inkMask()
        pointsPerPixel = image.pointsPerPixel
    }

    @inline(__always) func isInk(_ x: Int, _ y: Int) -> Bool { ink[y * width + x] != 0 }

    func pixels(_ points: Double) -> Int { Int((points / pointsPerPixel).rounded()) }

    func points(_ pixels: Int) -> Double { Double(pixels) * pointsPerPixel }

    /// Share of ink pixels in the pixel rectangle `x0..<x1`, `y0..<y1` (clamped to the image).
    func inkRatio(x0: Int, y0: Int, x1: Int, y1: Int) -> Double {
        let left = max(0, x0), top = max(0, y0), right = min(width, x1), bottom = min(height, y1)
        guard right > left, bottom > top else { return 0 }
        var count = 0
        for y in top..<bottom {
            let row = y * width
            for x in left..<right where ink[row + x] != 0 { count += 1 }
        }
        return Double(count) / Double((right - left) * (bottom - top))
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The first position from `start` up to `end` whose byte is not zero, or `end`; blank
    /// stretches, most of a page, are passed eight bytes at a time.
    @inline(__always)
    func firstNonZero(from start: Int, to end: Int) -> Int {
        var position = start
        while position + 8 <= end, UnsafeRawPointer(baseAddress! + position).loadUnaligned(as: UInt64.self) == 0 { position += 8 }
        while position < end, self[position] == 0 { position += 1 }
        return position
    }
}
