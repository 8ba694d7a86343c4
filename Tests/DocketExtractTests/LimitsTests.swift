import CTesseract
@testable import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

private func whitePage(width: Int, height: Int) -> Raster? {
    guard let pix = pixCreate(Int32(width), Int32(height), 8) else { return nil }
    pixSetAllGray(pix, 255)
    return Raster(owning: pix, dpi: 300)
}

private func gray(_ raster: Raster, x: Int, y: Int) -> UInt32 {
    var value: UInt32 = 0
    pixGetPixel(raster.pix, Int32(x), Int32(y), &value)
    return value
}

@Suite struct ExtractLimitsTests {
    @Test func theTextAndWordLimitsHaveTheirDefaultsAndAreRaisedByTheirVariables() {
        let defaults = ExtractLimits.fromEnvironment([:])
        #expect(defaults.maxTextBytes == 10_000_000)
        #expect(defaults.maxPageWords == 20_000)
        #expect(defaults.maxDocumentWords == 1_000_000)
        let raised = ExtractLimits.fromEnvironment([
            "DOCKET_MAX_TEXT_BYTES": "50000000", "DOCKET_MAX_PAGE_WORDS": "40000", "DOCKET_MAX_DOCUMENT_WORDS": "3000000",
        ])
        #expect(raised.maxTextBytes == 50_000_000)
        #expect(raised.maxPageWords == 40_000)
        #expect(raised.maxDocumentWords == 3_000_000)
    }

    @Test func theTimeForReadingPicturesIsSetByItsVariableAndMayBeZero() {
        #expect(ExtractLimits.fromEnvironment([:]).figureOCRSeconds == 2)
        #expect(ExtractLimits.fromEnvironment(["DOCKET_FIGURE_OCR_SECONDS": "0.5"]).figureOCRSeconds == 0.5)
        #expect(ExtractLimits.fromEnvironment(["DOCKET_FIGURE_OCR_SECONDS": "0"]).figureOCRSeconds == 0)
        #expect(ExtractLimits.fromEnvironment(["DOCKET_FIGURE_OCR_SECONDS": "-1"]).figureOCRSeconds == 2)
        #expect(ExtractLimits.fromEnvironment(["DOCKET_FIGURE_OCR_SECONDS": "soon"]).figureOCRSeconds == 2)
    }

    @Test func valuesThatAreNoPositiveNumberLeaveTheDefaults() {
        let limits = ExtractLimits.fromEnvironment([
            "DOCKET_MAX_TEXT_BYTES": "ten", "DOCKET_MAX_PAGE_WORDS": "0", "DOCKET_MAX_DOCUMENT_WORDS": "-5",
        ])
        #expect(limits == ExtractLimits())
    }

    @Test func eachMessageNamesTheValueTheLimitAndTheVariableThatRaisesIt() {
        let messages = [
            (ExtractError.textTooLarge(bytes: 50_000_000, limit: 10_000_000), ["50000000 bytes", "10000000", "DOCKET_MAX_TEXT_BYTES"]),
            (ExtractError.tooManyWordsOnPage(page: 3, count: 25_000, limit: 20_000), ["Page 3", "25000 words", "20000", "DOCKET_MAX_PAGE_WORDS"]),
            (ExtractError.tooManyWords(count: 1_000_100, limit: 1_000_000), ["1000100 words", "1000000", "DOCKET_MAX_DOCUMENT_WORDS"]),
        ]
        for (error, phrases) in messages {
            #expect(error.isPermanent)
            for phrase in phrases { #expect(error.description.contains(phrase), "\(error.description)") }
        }
    }

    @Test func theTallyRefusesAPageOverItsLimitAndADocumentOverItsOwn() throws {
        var words = WordTally(limits: ExtractLimits(maxPageWords: 10, maxDocumentWords: 25))
        #expect(throws: ExtractError.tooManyWordsOnPage(page: 1, count: 11, limit: 10)) { try words.add(11, onPage: 1) }
        try words.add(10, onPage: 1)
        try words.add(10, onPage: 2)
        #expect(throws: ExtractError.tooManyWords(count: 30, limit: 25)) { try words.add(10, onPage: 3) }
    }

    @Test func aDocumentIsWeighedBeforeItsBytesAreLoaded() throws {
        let limits = ExtractLimits(maxTextBytes: 1_000)
        #expect(throws: ExtractError.textTooLarge(bytes: 1_001, limit: 1_000)) { try limits.checkSize(1_001, of: .plainText) }
        try limits.checkSize(1_000, of: .plainText)
        try limits.checkSize(1_000_000, of: .pdf)
    }
}

@Suite struct PlainTextLimitTests {
    @Test func aTextFileOverTheByteLimitIsRefused() throws {
        let bytes = Array(String(repeating: "lorem ipsum ", count: 100).utf8)
        #expect(throws: ExtractError.textTooLarge(bytes: 1_200, limit: 1_000)) {
            try openDocument(bytes, as: .plainText, limits: ExtractLimits(maxTextBytes: 1_000))
        }
    }

    @Test func aTextPageOverTheWordLimitIsRefusedWithItsCount() throws {
        let text = "short page\u{0C}" + String(repeating: "word ", count: 150)
        let reader = try openDocument(Array(text.utf8), as: .plainText, limits: ExtractLimits(maxPageWords: 100))
        #expect(try reader.readPage(1) { try OCREngine() }.words.count == 2)
        #expect(throws: ExtractError.tooManyWordsOnPage(page: 2, count: 150, limit: 100)) {
            try reader.readPage(2) { try OCREngine() }
        }
    }

    @Test func aTextFileOfMorePagesThanTheLimitIsRefused() throws {
        let text = String(repeating: "page\u{0C}", count: 5) + "last"
        #expect(throws: ExtractError.tooManyPages(count: 6, limit: 5)) {
            try openDocument(Array(text.utf8), as: .plainText, limits: ExtractLimits(maxPages: 5))
        }
    }
}

@Suite struct TIFFLimitTests {
    @Test func thePagesOfATIFFAreCountedWithoutDecodingAny() throws {
        // No page's pixels are in the file: decoding any page would fail.
        let bytes = ManyPageTIFF.bytes(Array(repeating: ManyPageTIFF.Page(width: 8, height: 8, hasPixels: false), count: 10_000))
        #expect(MediaType.detect(bytes) == .tiff)
        #expect(throws: ExtractError.tooManyPages(count: 10_000, limit: 2_000)) { try openDocument(bytes, as: .tiff) }
    }

    @Test func everyPageSizeIsCheckedBeforeAnyPageIsDecoded() throws {
        let bytes = ManyPageTIFF.bytes([
            ManyPageTIFF.Page(width: 8, height: 8),
            ManyPageTIFF.Page(width: 8, height: 8),
            ManyPageTIFF.Page(width: 5_000, height: 4_000, hasPixels: false),
        ])
        #expect(throws: ExtractError.imageTooLarge(width: 5_000, height: 4_000, limit: 1_000_000)) {
            try openDocument(bytes, as: .tiff, limits: ExtractLimits(maxPixels: 1_000_000))
        }
    }

    @Test func eachPageIsDecodedFromItsOwnDirectory() throws {
        let shades: [UInt8] = [250, 20, 130, 70, 200]
        let bytes = ManyPageTIFF.bytes(shades.map { ManyPageTIFF.Page(width: 40, height: 30, shade: $0) })
        let reader = try ImageReader(bytes: bytes, mediaType: .tiff, limits: ExtractLimits())
        #expect(reader.pageCount == shades.count)
        for (index, shade) in shades.enumerated() {
            let image = try reader.pageImage(index + 1)
            #expect(image.width == 40 && image.height == 30)
            #expect(gray(image, x: 20, y: 15) == UInt32(shade))
        }
    }

    @Test func aChainOfDirectoriesThatClosesOnItselfCountsEachDirectoryOnce() throws {
        var bytes = ManyPageTIFF.bytes(Array(repeating: ManyPageTIFF.Page(width: 8, height: 8), count: 4))
        // The fourth directory's link, at the end of its entries, points back at the second.
        let directorySize = 2 + 12 * 9 + 4
        let fourthLink = 8 + 4 * directorySize - 4
        let second = UInt32(8 + directorySize)
        bytes.replaceSubrange(fourthLink..<(fourthLink + 4), with: withUnsafeBytes(of: second.littleEndian, Array.init))
        #expect(try openDocument(bytes, as: .tiff).pageCount == 4)
    }
}

@Suite struct HugePDFPageTests {
    /// A black square 20,000 points wide in the middle of a page 200,000 points square.
    private let hugePage = MinimalPDF.page(width: 200_000, height: 200_000, content: "0 g 90000 90000 20000 20000 re f")

    @Test func aHugePageIsRenderedScaledDownToThePixelLimit() throws {
        let reader = try PDFReader(bytes: hugePage, password: nil, limits: ExtractLimits(maxPixels: 4_000_000))
        let raster = try reader.renderedPage(1)
        #expect(raster.width * raster.height <= 4_000_000)
        #expect(raster.width == 2_000 && raster.height == 2_000)
        for (x, y) in [(901, 901), (1_000, 1_000), (1_098, 1_098)] { #expect(gray(raster, x: x, y: y) == 0) }
        for (x, y) in [(0, 0), (880, 1_000), (1_000, 1_120), (1_999, 1_999)] { #expect(gray(raster, x: x, y: y) == 255) }
    }

    @Test func aHugeBlankPageIsReadAsAPageWithoutWords() throws {
        let blank = MinimalPDF.page(width: 200_000, height: 200_000)
        let pages = try readAll(try openDocument(blank, as: .pdf, limits: ExtractLimits(maxPixels: 4_000_000)))
        #expect(pages[0].width == 200_000 && pages[0].words.isEmpty)
    }

    @Test func aPageWiderThanCairoCanDrawIsRenderedNarrowerInstead() throws {
        let strip = MinimalPDF.page(width: 200_000, height: 100, content: "0 g 0 0 100000 100 re f")
        let reader = try PDFReader(bytes: strip, password: nil, limits: ExtractLimits(maxPixels: 4_000_000))
        let raster = try reader.renderedPage(1)
        #expect(raster.width <= Raster.maxSide)
        #expect(try readAll(reader)[0].width == 200_000)
    }

    @Test func stripsMakeTheSamePixelsAsOneWholeDrawing() throws {
        let page = FixturePage(lines: [FixtureLine("Strips meet without seams", x: 40, y: 80, fontSize: 30)], width: 600, height: 200)
        let bytes = Fixtures.textPDF([page])
        let reader = try PDFReader(bytes: bytes, password: nil, limits: ExtractLimits())
        let whole = try reader.renderedPage(1)
        let striped = try reader.renderedPage(1, stripPixels: 97 * 97)
        #expect(whole.width == striped.width && whole.height == striped.height)
        var same: Int32 = 0
        #expect(pixEqual(whole.pix, striped.pix, &same) == 0)
        #expect(same == 1)
    }

    /// Runs of white paper are copied four pixels at a time; every pixel must still come out as
    /// the one-by-one gray conversion makes it, at any offset and row length.
    @Test(arguments: [0, 1, 3]) func cairoPixelsBecomeTheSameGrayWhateverRunsOfWhiteTheyHold(left: Int) throws {
        let width = 37, height = 5
        var generator = SystemRandomNumberGenerator()
        let pixels: [UInt32] = (0..<(width * height)).map { index in
            // White with a random unused top byte, mostly; now and then a colour or an off-white.
            switch index % 11 {
            case 3: UInt32.random(in: 0...0xFF_FFFF, using: &generator)
            case 7: 0x00FF_FFFE
            default: (UInt32.random(in: 0...0xFF, using: &generator) << 24) | 0xFF_FFFF
            }
        }
        let raster = try #require(pixCreate(Int32(left + width), Int32(height), 8).map { Raster(owning: $0, dpi: 72) })
        pixels.withUnsafeBytes { bytes in
            raster.copyGray(fromCairoRGB: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), stride: width * 4,
                            left: left, top: 0, width: width, height: height)
        }
        for y in 0..<height {
            for x in 0..<width {
                let pixel = pixels[y * width + x]
                let (red, green, blue) = ((pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF)
                let expected = pixel & 0xFF_FFFF == 0xFF_FFFF ? 255 : (red * 299 + green * 587 + blue * 114) / 1000
                var gray: UInt32 = 0
                pixGetPixel(raster.pix, Int32(left + x), Int32(y), &gray)
                #expect(gray == expected, "pixel (\(x), \(y)) of \(String(pixel, radix: 16))")
            }
        }
    }

    @Test func OCRNeverScalesAPageUpPastThePixelLimit() throws {
        let raster = try #require(whitePage(width: 400, height: 300))
        let reader = try PageOCR(engine: OCREngine(), maxPixels: 240_000)
        let (prepared, preparation) = try #require(reader.prepare(raster, upscale: 3))
        #expect(prepared.width * prepared.height <= 240_000)
        #expect(preparation.scale > 1 && preparation.scale < 3)
    }
}
