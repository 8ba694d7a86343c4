import DocketFixtures

/// `fax-3-pages.tiff`: a three-page faxed delivery note; the totals are only on the last page.
enum DeliveryNoteSample {
    static let fileName = "fax-3-pages.tiff"
    static let dpi = 200.0

    static func bytes() -> [UInt8] {
        Fixtures.multipageTIFF(pages, dpi: dpi)
    }

    private static let packageColumn = 72.0
    private static let contentColumn = 150.0
    private static let quantityColumn = 400.0
    private static let weightColumn = 470.0

    static var pages: [FixturePage] {
        [firstPage, secondPage, thirdPage]
    }

    private static var firstPage: FixturePage {
        var composer = header()
        composer.add("Ship to:", bold: true, advance: 18)
        composer.add("Acme Logistics GmbH", advance: 16)
        composer.add("Goods receiving, Gate 3", advance: 16)
        composer.add("Industriestrasse 45", advance: 16)
        composer.add("70565 Stuttgart, Germany", advance: 34)
        composer.add("Delivery note number: DN-58213", advance: 18)
        composer.add("Delivery date: 2026-03-16", advance: 18)
        composer.add("Order reference: PO-88172", advance: 18)
        composer.add("Invoice number: NW-2026-0314", advance: 36)
        tableHeader(into: &composer)
        package(1, "Ergonomic office chair ErgoSit 300", "1", "17.2 kg", into: &composer)
        package(2, "Ergonomic office chair ErgoSit 300", "1", "17.2 kg", into: &composer)
        package(3, "Ergonomic office chair ErgoSit 300", "1", "17.2 kg", into: &composer)
        return finish(composer, pageNumber: 1)
    }

    private static var secondPage: FixturePage {
        var composer = header()
        composer.add("Delivery note DN-58213 (continued)", advance: 30)
        tableHeader(into: &composer)
        package(4, "Ergonomic office chair ErgoSit 300", "1", "17.2 kg", into: &composer)
        package(5, "Copy paper A4 80 g, boxes of 2500 sheets", "10", "125.0 kg", into: &composer)
        package(6, "Toner cartridge TN-2420 black", "3", "2.4 kg", into: &composer)
        package(7, "Whiteboard marker set, 4 colours", "10", "1.3 kg", into: &composer)
        return finish(composer, pageNumber: 2)
    }

    private static var thirdPage: FixturePage {
        var composer = header()
        composer.add("Delivery note DN-58213 (continued)", advance: 30)
        composer.add("Total packages: 7", bold: true, advance: 20)
        composer.add("Total weight: 197.5 kg", bold: true, advance: 36)
        composer.add("Remarks: Package 5 delivered on one pallet. Please return the pallet", advance: 18)
        composer.add("with the next collection.", advance: 48)
        composer.add("Received in good condition.", advance: 36)
        composer.add("Received by: ______________________", advance: 30)
        composer.add("Date and signature: ______________________")
        return finish(composer, pageNumber: 3)
    }

    private static func header() -> PageComposer {
        var composer = PageComposer(firstBaseline: 80)
        composer.place(FixtureLine("FAX  +49 40 555 0199  2026-03-16 09:12", x: 72, y: 40, fontSize: 9))
        composer.place(FixtureLine("DELIVERY NOTE", x: 400, y: 80, fontSize: 18, bold: true))
        composer.add("Northwind Office Supply", fontSize: 16, bold: true, advance: 16)
        composer.add("Hafenstrasse 12, 20457 Hamburg, Germany", fontSize: 10, advance: 40)
        return composer
    }

    private static func tableHeader(into composer: inout PageComposer) {
        composer.addRow([("Package", packageColumn), ("Contents", contentColumn), ("Qty", quantityColumn),
                         ("Weight", weightColumn)], fontSize: 11, bold: true, advance: 22)
    }

    private static func package(_ number: Int, _ contents: String, _ quantity: String, _ weight: String,
                                into composer: inout PageComposer) {
        composer.addRow([("\(number)", packageColumn + 14), (contents, contentColumn), (quantity, quantityColumn),
                         (weight, weightColumn)], fontSize: 11, advance: 20)
    }

    private static func finish(_ composer: PageComposer, pageNumber: Int) -> FixturePage {
        var composer = composer
        composer.place(FixtureLine("Page \(pageNumber) of 3", x: 270, y: 750, fontSize: 10))
        return composer.page()
    }
}
