import CTesseract
import DocketModel

/// PNG, JPEG and TIFF (one page per TIFF directory), decoded by Leptonica and read with Tesseract.
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

    private let images: [Raster]

    init(bytes: [UInt8], mediaType: MediaType, limits: ExtractLimits) throws {
        Leptonica.silenceMessages()
        var width: Int32 = 0, height: Int32 = 0
        var format: Int32 = 0, bitsPerSample: Int32 = 0, samplesPerPixel: Int32 = 0, hasColormap: Int32 = 0
        guard pixReadHeaderMem(bytes, bytes.count, &format, &width, &height, &bitsPerSample, &samplesPerPixel, &hasColormap) == 0 else {
            throw ExtractError.unreadableImage(mediaType)
        }
        guard Int(width) * Int(height) <= limits.maxPixels else {
            throw ExtractError.imageTooLarge(width: Int(width), height: Int(height), limit: limits.maxPixels)
        }

        let decoded = Leptonica.decodedPages(of: bytes, as: mediaType).map { Raster(owning: $0, dpi: Self.resolution(of: $0)) }
        guard !decoded.isEmpty else { throw ExtractError.unreadableImage(mediaType) }
        guard decoded.count <= limits.maxPages else { throw ExtractError.tooManyPages(count: decoded.count, limit: limits.maxPages) }

        var images: [Raster] = []
        for original in decoded {
            guard original.width * original.height <= limits.maxPixels else {
                throw ExtractError.imageTooLarge(width: original.width, height: original.height, limit: limits.maxPixels)
            }
            guard let gray = original.grayscale() else { throw ExtractError.unreadableImage(mediaType) }
            images.append(gray)
        }
        self.images = images
    }

    var pageCount: Int { images.count }

    /// Page `number` (1-based) as decoded: gray, at its own resolution.
    func pageImage(_ number: Int) -> Raster { images[number - 1] }

    func readPage(_ number: Int, ocr: () throws -> OCREngine) throws -> Page {
        let image = images[number - 1]
        let upscale = min(Self.maxUpscale, max(1, image.medianGlyphHeight().map { Self.ocrGlyphHeight / $0 } ?? Self.ocrDPI / image.dpi))
        let (words, lines) = try PageOCR(engine: ocr()).read(image, page: number, upscale: upscale)
        let page = Page(
            number: number,
            width: Double(image.width) * image.pointsPerPixel,
            height: Double(image.height) * image.pointsPerPixel,
            source: .ocr,
            words: words,
            lines: lines.map { Line(wordIndices: $0, of: words) })
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

    /// The pages of an image file, decoded: every directory of a TIFF (or only the `only`th,
    /// 0-based), the one image of a PNG or JPEG. The caller owns them; none when Leptonica cannot
    /// decode the bytes.
    static func decodedPages(of bytes: [UInt8], as mediaType: MediaType, only index: Int? = nil) -> [UnsafeMutablePointer<PIX>] {
        silenceMessages()
        guard mediaType == .tiff else { return pixReadMem(bytes, bytes.count).map { [$0] } ?? [] }
        guard let pixa = pixaReadMemMultipageTiff(bytes, bytes.count) else { return [] }
        var owned: UnsafeMutablePointer<PIXA>? = pixa
        defer { pixaDestroy(&owned) }
        let indices = index.map { [$0] } ?? Array(0..<Int(pixaGetCount(pixa)))
        return indices.compactMap { pixaGetPix(pixa, Int32($0), Int32(L_COPY)) }
    }

    private static let silenced: Void = {
        _ = setMsgSeverity(Int32(L_SEVERITY_NONE))
    }()
}
