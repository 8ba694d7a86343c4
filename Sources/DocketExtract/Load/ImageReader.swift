import CTesseract
import DocketModel

/// PNG, JPEG and TIFF (one page per TIFF directory), decoded by Leptonica one page at a time and
/// read with Tesseract.
final class ImageReader: DocumentReader {
    /// Images whose median character is smaller than this many pixels are scaled up to it, at most
    /// by `maxUpscale`. (On scanned receipts and forms, 16 read more answers verbatim than 20 or 24,
    /// and than scaling by the resolution an image claims.)
    static let ocrGlyphHeight = 16.0
    /// Used when the page has too few characters to measure.
    static let ocrDPI = 300.0
    static let maxUpscale = 3.0
    /// Letter paper is 8.5 inches wide: the resolution guessed for an image that does not say.
    static let assumedPageWidthInches = 8.5

    private let bytes: [UInt8]
    private let mediaType: MediaType
    private let limits: ExtractLimits
    /// Of a TIFF, where each page's directory starts; nil for the one image of a PNG or JPEG.
    private let tiffDirectoryOffsets: [Int]?
    let pageCount: Int

    /// Checks the number of pages and the size of each against the limits before any is decoded.
    init(bytes: [UInt8], mediaType: MediaType, limits: ExtractLimits) throws {
        Leptonica.silenceMessages()
        let sizes: [(width: Int, height: Int)]
        if mediaType == .tiff {
            guard let chain = TIFFDirectories(bytes) else { throw ExtractError.unreadableImage(mediaType) }
            let count = chain.count
            guard count <= limits.maxPages else { throw ExtractError.tooManyPages(count: count, limit: limits.maxPages) }
            let directories = chain.prefix(count)
            sizes = directories.map { ($0.width, $0.height) }
            tiffDirectoryOffsets = directories.map(\.offset)
        } else {
            var width: Int32 = 0, height: Int32 = 0
            var format: Int32 = 0, bitsPerSample: Int32 = 0, samplesPerPixel: Int32 = 0, hasColormap: Int32 = 0
            guard pixReadHeaderMem(bytes, bytes.count, &format, &width, &height, &bitsPerSample, &samplesPerPixel, &hasColormap) == 0 else {
                throw ExtractError.unreadableImage(mediaType)
            }
            sizes = [(Int(width), Int(height))]
            tiffDirectoryOffsets = nil
        }
        for size in sizes where size.width * size.height > limits.maxPixels {
            throw ExtractError.imageTooLarge(width: size.width, height: size.height, limit: limits.maxPixels)
        }
        self.bytes = bytes
        self.mediaType = mediaType
        self.limits = limits
        pageCount = sizes.count
    }

    /// Page `number` (1-based), decoded now: gray, at its own resolution.
    func pageImage(_ number: Int) throws -> Raster {
        let decoded = tiffDirectoryOffsets.map { Leptonica.decodedTIFFDirectory(at: $0[number - 1], of: bytes) }
            ?? Leptonica.decodedImage(bytes)
        guard let decoded else { throw ExtractError.unreadableImage(mediaType) }
        let original = Raster(owning: decoded, dpi: Self.resolution(of: decoded))
        guard original.width * original.height <= limits.maxPixels else {
            throw ExtractError.imageTooLarge(width: original.width, height: original.height, limit: limits.maxPixels)
        }
        guard let gray = original.grayscale() else { throw ExtractError.unreadableImage(mediaType) }
        return gray
    }

    func readPage(_ number: Int, ocr: () throws -> OCREngine) throws -> Page {
        let image = try StageTimings.measure(.decodeOrRender) { try pageImage(number) }
        let upscale = StageTimings.measure(.prepare) {
            min(Self.maxUpscale, max(1, image.medianGlyphHeight().map { Self.ocrGlyphHeight / $0 } ?? Self.ocrDPI / image.dpi))
        }
        let (words, lines, turned) = try PageOCR(engine: ocr(), maxPixels: limits.maxPixels).readUpright(image, page: number, upscale: upscale)
        let page = Page(
            number: number,
            width: Double(image.width) * image.pointsPerPixel,
            height: Double(image.height) * image.pointsPerPixel,
            source: .ocr,
            words: words,
            lines: lines.map { Line(wordIndices: $0, of: words) },
            turnedToRead: turned)
        return withLayout(page, image: image.grayImage())
    }

    /// The image's own resolution, or a guess from its width when it does not record one.
    static func resolution(of pix: UnsafeMutablePointer<PIX>) -> Double {
        let recorded = Double(pixGetXRes(pix))
        if recorded >= 50 && recorded <= 2400 { return recorded }
        return max(72, Double(pixGetWidth(pix)) / assumedPageWidthInches)
    }
}

enum Leptonica {
    /// Leptonica prints every decoding problem to stderr; Docket reports them as errors instead.
    static func silenceMessages() {
        _ = silenced
    }

    /// Page `index` (0-based) of an image file, decoded alone: a directory of a TIFF, the one
    /// image of a PNG or JPEG. The caller owns it; nil when there is no such page or Leptonica
    /// cannot decode it.
    static func decodedPage(_ index: Int, of bytes: [UInt8], as mediaType: MediaType) -> UnsafeMutablePointer<PIX>? {
        guard mediaType == .tiff else { return index == 0 ? decodedImage(bytes) : nil }
        guard let chain = TIFFDirectories(bytes), let directory = chain.prefix(index + 1).dropFirst(index).first else { return nil }
        return decodedTIFFDirectory(at: directory.offset, of: bytes)
    }

    /// The one image of a PNG or JPEG (or the first page of a TIFF); the caller owns it.
    static func decodedImage(_ bytes: [UInt8]) -> UnsafeMutablePointer<PIX>? {
        silenceMessages()
        return pixReadMem(bytes, bytes.count)
    }

    /// The page of a TIFF whose directory starts at `offset`, reached directly rather than by
    /// reading every directory before it; the caller owns it.
    static func decodedTIFFDirectory(at offset: Int, of bytes: [UInt8]) -> UnsafeMutablePointer<PIX>? {
        silenceMessages()
        var position = offset
        return pixReadMemFromMultipageTiff(bytes, bytes.count, &position)
    }

    private static let silenced: Void = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
    }()
}
