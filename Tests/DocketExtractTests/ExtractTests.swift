import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

let invoiceLines = ["Invoice number NW-2026-0314", "Invoice date 2026-03-14", "Total due 1,237.60 EUR"]

func readAll(_ reader: any DocumentReader) throws -> [Page] {
    var engine: OCREngine?
    return try (1...reader.pageCount).map { number in
        try reader.readPage(number) {
            if let engine { return engine }
            let created = try OCREngine()
            engine = created
            return created
        }
    }
}

func words(_ lines: [String]) -> [String] {
    lines.flatMap { $0.split(separator: " ").map(String.init) }
}

/// Share of `expected` words that the page holds, in any order: OCR tolerance without hiding a miss.
func recall(of expected: [String], in page: Page) -> Double {
    var remaining = page.words.map(\.text)
    var found = 0
    for word in expected {
        if let index = remaining.firstIndex(of: word) {
            remaining.remove(at: index)
            found += 1
        }
    }
    return Double(found) / Double(expected.count)
}

@Suite struct TextLayerTests {
    @Test func readsTheExactWordsWithBoxesInPointsFromTheTop() throws {
        let page = FixturePage(lines: [FixtureLine("Total due 1,237.60", x: 100, y: 200, fontSize: 20)])
        let pages = try readAll(try openDocument(Fixtures.textPDF([page]), as: .pdf))
        let read = try #require(pages.first)
        #expect(read.source == .textLayer)
        #expect(read.words.map(\.text) == ["Total", "due", "1,237.60"])
        #expect(read.width == 612 && read.height == 792)
        let first = read.words[0].box
        // Drawn at x = 100 with its baseline at y = 200 from the top, 20 points high.
        #expect(abs(first.x0 - 100) < 2)
        #expect(first.y1 > 195 && first.y1 < 206)
        #expect(first.y0 > 178 && first.y0 < 200)
        #expect(read.words.allSatisfy { $0.confidence == 100 })
        #expect(read.lines.map(\.text) == ["Total due 1,237.60"])
    }

    @Test func readsEveryPageOfAMultiPagePDF() throws {
        let pages = try readAll(try openDocument(
            Fixtures.textPDF([FixturePage(text: ["first page"]), FixturePage(text: ["second page"]), FixturePage(text: ["third"])]), as: .pdf))
        #expect(pages.map(\.number) == [1, 2, 3])
        #expect(pages.map(\.text) == ["first page", "second page", "third"])
    }

    @Test func separatesTextDrawnApartWithoutASpace() throws {
        let page = FixturePage(lines: [FixtureLine("Hello", x: 100, y: 100), FixtureLine("World", x: 260, y: 100),
                                       FixtureLine("05/03/2019", x: 72, y: 140), FixtureLine("CITIBANK", x: 150, y: 140)])
        let read = try readAll(try openDocument(Fixtures.textPDF([page]), as: .pdf))[0]
        // Poppler chooses the reading order (here it reads "World" as a column of its own).
        #expect(read.words.map(\.text).sorted() == ["05/03/2019", "CITIBANK", "Hello", "World"])
        let hello = try #require(read.words.first { $0.text == "Hello" })
        let world = try #require(read.words.first { $0.text == "World" })
        #expect(hello.box.x1 < 150 && world.box.x0 > 255)
    }

    @Test func keepsLinesApart() throws {
        let pages = try readAll(try openDocument(Fixtures.textPDF([FixturePage(text: invoiceLines)]), as: .pdf))
        #expect(pages[0].lines.map(\.text) == invoiceLines)
    }
}

@Suite struct OCRTests {
    @Test func readsAScannedPDFWithTesseract() throws {
        let pages = try readAll(try openDocument(Fixtures.scannedPDF([FixturePage(text: invoiceLines, fontSize: 14)]), as: .pdf))
        let page = try #require(pages.first)
        #expect(page.source == .ocr)
        #expect(recall(of: words(invoiceLines), in: page) >= 0.9)
        #expect(page.meanConfidence! > 70)
        // Boxes are in points on a 612 x 792 page, not in pixels of the 300 dpi render.
        #expect(page.words.allSatisfy { $0.box.x1 <= 612 && $0.box.y1 <= 792 && $0.box.x0 >= 60 })
    }

    @Test(arguments: ["png", "jpeg"])
    func readsImages(format: String) throws {
        let page = FixturePage(text: invoiceLines, fontSize: 14)
        let bytes = format == "png" ? Fixtures.png(page) : Fixtures.jpeg(page)
        let type = try #require(MediaType.detect(bytes))
        #expect(type == (format == "png" ? .png : .jpeg))
        let read = try readAll(try openDocument(bytes, as: type))
        #expect(read.count == 1)
        #expect(recall(of: words(invoiceLines), in: read[0]) >= 0.9)
        // The image records 200 dpi: its page is 612 x 792 points like the page it was drawn from.
        #expect(abs(read[0].width - 612) < 1 && abs(read[0].height - 792) < 1)
    }

    @Test func readsEveryPageOfAMultiPageTIFF() throws {
        let bytes = Fixtures.multipageTIFF([
            FixturePage(text: ["Delivery note page one"], fontSize: 16),
            FixturePage(text: ["Second sheet with totals"], fontSize: 16),
        ])
        #expect(MediaType.detect(bytes) == .tiff)
        let pages = try readAll(try openDocument(bytes, as: .tiff))
        #expect(pages.count == 2)
        #expect(recall(of: ["Delivery", "note", "page", "one"], in: pages[0]) >= 0.75)
        #expect(recall(of: ["Second", "sheet", "with", "totals"], in: pages[1]) >= 0.75)
    }

    @Test func scalesUpALowResolutionScanBeforeReadingIt() throws {
        let lines = ["Date of birth 1984-07-02", "Name Jane Doe"]
        let bytes = Fixtures.png(FixturePage(text: lines, fontSize: 10), dpi: 100)
        let pages = try readAll(try openDocument(bytes, as: .png))
        #expect(recall(of: words(lines), in: pages[0]) >= 0.8)
    }
}

@Suite struct PlainTextTests {
    @Test func readsUTF8TextWithBoxesOnAGrid() throws {
        let text = "FINDINGS\nNo pleural effusion.\u{0C}IMPRESSION\nNormal chest."
        let pages = try readAll(try openDocument(Array(text.utf8), as: .plainText))
        #expect(pages.count == 2)
        #expect(pages[0].lines.map(\.text) == ["FINDINGS", "No pleural effusion."])
        #expect(pages[1].text == "IMPRESSION\nNormal chest.")
        #expect(pages[0].source == .plainText)
        let effusion = pages[0].words[3]
        #expect(effusion.text == "effusion.")
        #expect(effusion.box.x0 > pages[0].words[2].box.x1)
        #expect(effusion.box.y0 > pages[0].words[0].box.y0)
    }
}

@Suite struct BadInputTests {
    @Test func aTruncatedPDFIsReportedAsDamaged() throws {
        let bytes = Array(Fixtures.textPDF([FixturePage(text: ["hello"])]).prefix(300))
        #expect(MediaType.detect(bytes) == .pdf)
        do {
            let reader = try openDocument(bytes, as: .pdf)
            // Poppler may reconstruct a truncated file; then it must still read without crashing.
            _ = try readAll(reader)
        } catch let error as ExtractError {
            #expect(error.isPermanent)
            #expect(error.description.contains("damaged"))
        }
    }

    @Test func garbageAfterAPDFHeaderIsReportedAsDamaged() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Array("%PDF-1.7\n".utf8) + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: ExtractError.self) { try openDocument(bytes, as: .pdf) }
    }

    @Test func aDamagedImageIsReportedWithWhatToDo() throws {
        let bytes = Array(Fixtures.png(FixturePage(text: ["hello"])).prefix(200))
        #expect(throws: ExtractError.unreadableImage(.png)) { try readAll(try openDocument(bytes, as: .png)) }
        #expect(ExtractError.unreadableImage(.png).description.contains("Export it again"))
    }

    @Test func anImageOverThePixelLimitIsRefusedBeforeDecoding() throws {
        let bytes = Fixtures.png(FixturePage(text: ["big"]), dpi: 100)   // 850 x 1100 pixels
        let limits = ExtractLimits(maxPixels: 500_000)
        #expect(throws: ExtractError.imageTooLarge(width: 850, height: 1100, limit: 500_000)) {
            try openDocument(bytes, as: .png, limits: limits)
        }
    }

    @Test func aPDFPageTooLargeToRenderIsRenderedAtALowerResolution() throws {
        let huge = FixturePage(lines: [FixtureLine("HUGE PAGE", x: 200, y: 400, fontSize: 120)], width: 14_400, height: 14_400)
        let limits = ExtractLimits(maxPixels: 4_000_000)
        let pages = try readAll(try openDocument(Fixtures.scannedPDF([huge], dpi: 10), as: .pdf, limits: limits))
        #expect(pages[0].width == 14_400)
    }

    @Test func tooManyPagesAreRefused() throws {
        let bytes = Fixtures.textPDF([FixturePage(text: ["1"]), FixturePage(text: ["2"]), FixturePage(text: ["3"])])
        #expect(throws: ExtractError.tooManyPages(count: 3, limit: 2)) {
            try openDocument(bytes, as: .pdf, limits: ExtractLimits(maxPages: 2))
        }
    }

    @Test func anEncryptedPDFAsksForItsPassword() throws {
        let bytes = try encryptedFixture()
        #expect(throws: ExtractError.encrypted) { try openDocument(bytes, as: .pdf) }
        #expect(ExtractError.encrypted.description.contains("--password"))
        let pages = try readAll(try openDocument(bytes, as: .pdf, password: "foo"))
        #expect(pages[0].text == "Secret!")
    }

    @Test func wrongTypesAreNotDetected() {
        #expect(MediaType.detect([0x00, 0x00, 0x01, 0x00, 0xFF]) == nil)          // binary
        #expect(MediaType.detect(Array("PK\u{03}\u{04}zip".utf8)) == nil)        // zip with control bytes
        #expect(MediaType.detect([0xC3, 0x28]) == nil)                          // invalid UTF-8
        #expect(MediaType.detect(Array("plain words\n".utf8)) == .plainText)
    }

    @Test func aDICOMFileIsDICOMEvenWhenItCarriesAPDF() {
        let preamble = [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
        #expect(MediaType.detect(preamble + [0x02, 0x00, 0x10, 0x00]) == .dicom)
        #expect(MediaType.detect(preamble + Array("%PDF-1.4 encapsulated".utf8)) == .dicom)
        #expect(MediaType.detect(Array("%PDF-1.4".utf8) + preamble) == .pdf)
    }
}

func encryptedFixture() throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/encrypted-aes256-password-foo.pdf")
    return [UInt8](try Data(contentsOf: url))
}
