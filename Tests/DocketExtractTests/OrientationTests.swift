import DocketExtract
import DocketFixtures
import DocketModel
import Foundation
import Testing

@Suite struct OrientationTests {
    /// A page of ordinary length: orientation detection needs some lines of text to be sure.
    static let text = [
        "Northwind Office Supply", "Invoice number NW-2026-0314", "Bill to Acme Logistics GmbH",
        "Delivery address Harbour Road 12, Hamburg", "Order placed on the fourth of March by telephone",
        "Twelve boxes of printer paper, white, eighty grams", "Four toner cartridges for the office printer",
        "Two desk lamps with adjustable arms and spare bulbs", "Shipping by road freight within three working days",
        "Total due 1,237.60 EUR", "Payment terms 30 days net", "Please quote the invoice number with your payment",
        "Thank you for your order",
    ]
    static let letter = FixturePage(text: text, fontSize: 14)

    /// Where a box on the upright page lies on the page turned clockwise by `quarterTurns`.
    static func onTurnedPage(_ box: Box, quarterTurns: Int, width: Double, height: Double) -> Box {
        switch quarterTurns {
        case 1: Box(x0: height - box.y1, y0: box.x0, x1: height - box.y0, y1: box.x1)
        case 2: Box(x0: width - box.x1, y0: height - box.y1, x1: width - box.x0, y1: height - box.y0)
        case 3: Box(x0: box.y0, y0: width - box.x1, x1: box.y1, y1: width - box.x0)
        default: box
        }
    }

    @Test(arguments: [1, 2, 3])
    func aPageScannedTurnedIsReadUprightWithItsBoxesOnThePageAsSubmitted(quarterTurns: Int) throws {
        let upright = try readAll(try openDocument(Fixtures.png(Self.letter), as: .png))[0]
        let turned = try readAll(try openDocument(Fixtures.turnedPNG(Self.letter, clockwiseQuarterTurns: quarterTurns), as: .png))[0]
        #expect(recall(of: words(Self.text), in: turned) >= 0.9, "\(turned.text)")
        // Tesseract reads text running down the page as it is; upside down or running up, Docket turns it.
        let turnedBack = (4 - quarterTurns) % 4 * 90
        #expect(quarterTurns == 1 ? [0, turnedBack].contains(turned.turnedToRead) : turned.turnedToRead == turnedBack)
        if quarterTurns % 2 == 1 {
            #expect(abs(turned.width - upright.height) < 1 && abs(turned.height - upright.width) < 1)
        }
        var compared = 0
        for word in upright.words where upright.words.count(where: { $0.text == word.text }) == 1 {
            guard let read = turned.words.first(where: { $0.text == word.text }) else { continue }
            let expected = Self.onTurnedPage(word.box, quarterTurns: quarterTurns, width: upright.width, height: upright.height)
            #expect(abs(read.box.centerX - expected.centerX) < 4 && abs(read.box.centerY - expected.centerY) < 4,
                    "\(word.text): \(read.box) is not at \(expected)")
            compared += 1
        }
        #expect(compared >= 15)
    }

    @Test func anUprightPageIsReadAsItIs() throws {
        let page = try readAll(try openDocument(Fixtures.png(Self.letter), as: .png))[0]
        #expect(page.turnedToRead == 0)
        #expect(recall(of: words(Self.text), in: page) >= 0.95)
    }

    @Test func aScannedPDFPageUpsideDownIsReadUpright() throws {
        let pdf = Fixtures.scannedPDF([Self.letter])
        let upsideDown = try readAll(try openDocument(Fixtures.upsideDownScannedPDF(Self.letter), as: .pdf))[0]
        let upright = try readAll(try openDocument(pdf, as: .pdf))[0]
        #expect(upsideDown.turnedToRead == 180)
        #expect(recall(of: words(Self.text), in: upsideDown) >= 0.9, "\(upsideDown.text)")
        #expect(upright.turnedToRead == 0)
    }
}
