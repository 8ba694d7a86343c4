/// TIFF files written byte by byte, with as many pages as a test needs: little-endian, 8-bit gray,
/// uncompressed, one strip a page, every directory before the pixels.
public enum ManyPageTIFF {
    public struct Page: Sendable {
        public var width: Int
        public var height: Int
        /// Gray level of every pixel.
        public var shade: UInt8
        /// False leaves the page's pixels out of the file: its strip points past the end, so that
        /// decoding it fails while its directory still tells its size.
        public var hasPixels: Bool

        public init(width: Int, height: Int, shade: UInt8 = 255, hasPixels: Bool = true) {
            self.width = width
            self.height = height
            self.shade = shade
            self.hasPixels = hasPixels
        }
    }

    private static let headerSize = 8
    private static let entryCount = 9
    private static let directorySize = 2 + 12 * entryCount + 4

    public static func bytes(_ pages: [Page]) -> [UInt8] {
        precondition(!pages.isEmpty, "a TIFF needs at least one page")
        let pixelsStart = headerSize + pages.count * directorySize
        let pixelsSize = pages.filter(\.hasPixels).reduce(0) { $0 + $1.width * $1.height }
        let pastTheEnd = pixelsStart + pixelsSize + 1_024
        var bytes: [UInt8] = [0x49, 0x49, 42, 0]
        append(UInt32(headerSize), to: &bytes)
        var pixelOffset = pixelsStart
        for (index, page) in pages.enumerated() {
            let stripOffset = page.hasPixels ? pixelOffset : pastTheEnd
            if page.hasPixels { pixelOffset += page.width * page.height }
            append(UInt16(entryCount), to: &bytes)
            // Tag, type (3 short, 4 long), value; entries in increasing tag order, as TIFF requires.
            for (tag, type, value) in [
                (256, 4, page.width), (257, 4, page.height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, stripOffset), (277, 3, 1), (278, 4, page.height), (279, 4, page.width * page.height),
            ] {
                append(UInt16(tag), to: &bytes)
                append(UInt16(type), to: &bytes)
                append(UInt32(1), to: &bytes)
                if type == 3 {
                    append(UInt16(value), to: &bytes)
                    append(UInt16(0), to: &bytes)
                } else {
                    append(UInt32(value), to: &bytes)
                }
            }
            let isLast = index == pages.count - 1
            append(UInt32(isLast ? 0 : headerSize + (index + 1) * directorySize), to: &bytes)
        }
        for page in pages where page.hasPixels {
            bytes += [UInt8](repeating: page.shade, count: page.width * page.height)
        }
        return bytes
    }

    private static func append(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}
