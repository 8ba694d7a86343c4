import CTesseract
@testable import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

/// Pages that Tesseract reads as next to nothing, or as noise, as they come: a faded receipt and a
/// page photographed on a dark table. Each is read again from a cleaned image.
@Suite struct CleanedReadingTests {
    static let receipt = [
        "Harbour Hardware Sdn Bhd", "No. 12, Jalan Pelabuhan, 42000 Klang", "Tax invoice 2026-0314",
        "Date 04/12/2026 10:55", "Cable ties 100 pieces 7.50", "Masking tape 3.20", "Total 10.70",
        "Cash 20.00", "Change 9.30", "Thank you, please come again",
    ]
    static let page = FixturePage(text: receipt, fontSize: 14)

    static func raster(_ png: [UInt8]) throws -> Raster {
        let pix = try #require(png.withUnsafeBufferPointer { pixReadMem($0.baseAddress, $0.count) })
        let gray = try #require(pixConvertTo8(pix, 0))
        var owned: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&owned)
        return Raster(owning: gray, dpi: 200)
    }

    static func gray(_ raster: Raster, x: Int, y: Int) -> UInt32 {
        var value: UInt32 = 0
        pixGetPixel(raster.pix, Int32(x), Int32(y), &value)
        return value
    }

    static func darkPixels(_ raster: Raster, columns: Range<Int>) -> Int {
        var count = 0
        for y in 0..<raster.height {
            for x in columns where gray(raster, x: x, y: y) < 128 { count += 1 }
        }
        return count
    }

    /// Share of the receipt's words read from `png` as it comes, without cleaning.
    static func uncleanedRecall(_ png: [UInt8]) throws -> Double {
        let reader = try PageOCR(engine: OCREngine(), readsWholePages: false)
        let read = try reader.read(raster(png), page: 1).words.map(\.text)
        return Double(words(receipt).count { read.contains($0) }) / Double(words(receipt).count)
    }

    @Test func aFadedReceiptIsReadWithItsPrintDarkened() throws {
        let png = Fixtures.fadedPNG(Self.page)
        let faded = try readAll(try openDocument(png, as: .png))[0]
        #expect(recall(of: words(Self.receipt), in: faded) >= 0.9, "\(faded.text)")
        #expect(try Self.uncleanedRecall(png) < 0.5)
    }

    @Test func aPageOnADarkTableIsReadWithTheTableCleared() throws {
        let png = Fixtures.onDarkTablePNG(Self.page)
        let onTable = try readAll(try openDocument(png, as: .png))[0]
        #expect(recall(of: words(Self.receipt), in: onTable) >= 0.9, "\(onTable.text)")
    }

    /// At 300 dpi the page is larger than the copy the border search works on.
    @Test(arguments: [200.0, 300.0])
    func clearingADarkTableWhitensTheTableAndKeepsEveryStrokeOfThePage(dpi: Double) throws {
        let plain = try Self.raster(Fixtures.png(Self.page, dpi: dpi))
        let onTable = try Self.raster(Fixtures.onDarkTablePNG(Self.page, dpi: dpi))
        let band = plain.width / 6, corner = plain.width / 4
        let cleared = try #require(onTable.withoutDarkBorders())

        #expect(Self.gray(onTable, x: 3, y: onTable.height / 2) < 64)
        #expect(Self.gray(cleared, x: 3, y: onTable.height / 2) == 255)
        #expect(Self.gray(cleared, x: onTable.width - 3, y: 3) == 255)
        // Left of the torn corner, whose tip is too thin to tell from a stroke.
        let strokes = Self.darkPixels(plain, columns: 0..<(plain.width - corner))
        let kept = Self.darkPixels(cleared, columns: band..<(band + plain.width - corner))
        #expect(strokes > 1000)
        #expect(Double(kept) >= 0.97 * Double(strokes) && kept <= strokes, "\(kept) of \(strokes)")
    }

    @Test func aCleanPageHasNothingToClean() throws {
        let plain = try Self.raster(Fixtures.png(Self.page))
        #expect(plain.withoutDarkBorders() == nil)
        #expect(plain.withFaintPrintDarkened() == nil)
    }

    @Test func darkeningFaintPrintTurnsItBlackAndThePaperWhite() throws {
        let faded = try Self.raster(Fixtures.fadedPNG(Self.page))
        let darkened = try #require(faded.withFaintPrintDarkened())
        #expect(Self.darkPixels(faded, columns: 0..<faded.width) == 0)
        #expect(Self.darkPixels(darkened, columns: 0..<darkened.width) > 1000)
        #expect(darkened.medianGray() == 255)
    }
}
