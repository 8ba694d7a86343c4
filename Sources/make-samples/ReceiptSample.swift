import DocketFixtures

/// `receipt.png`: a narrow till receipt (80 mm paper). 7.20 + 8.90 + 3.90 + 3.80 = 23.80.
enum ReceiptSample {
    static let fileName = "receipt.png"
    static let dpi = 200.0

    static func bytes() -> [UInt8] {
        Fixtures.png(page, dpi: dpi)
    }

    private static let itemColumn = 14.0
    private static let priceColumn = 172.0

    static var page: FixturePage {
        var composer = PageComposer(firstBaseline: 36)
        composer.add("CAFE LINDENHOF", x: 50, fontSize: 14, bold: true, advance: 16)
        composer.add("Lindenstrasse 7, 10969 Berlin", x: 44, fontSize: 8, advance: 28)
        composer.add("Date: 2026-03-02 14:37", x: itemColumn, fontSize: 9, advance: 13)
        composer.add("Receipt no. 004211", x: itemColumn, fontSize: 9, advance: 13)
        composer.add("Table 6 | Server: Tomasz", x: itemColumn, fontSize: 9, advance: 26)

        item("2 x Cappuccino", "7.20", into: &composer)
        item("Club sandwich", "8.90", into: &composer)
        item("Orange juice", "3.90", into: &composer)
        item("Cheesecake", "3.80", into: &composer)

        composer.skip(14)
        composer.addRow([("TOTAL", itemColumn), ("23.80", priceColumn - 16)], fontSize: 13, bold: true, advance: 22)
        composer.add("Paid by card (EUR)", x: itemColumn, fontSize: 9, advance: 13)
        composer.add("Prices include VAT.", x: itemColumn, fontSize: 9, advance: 36)
        composer.add("Thank you for your visit!", x: 46, fontSize: 9)
        return composer.page(width: 226, height: 400)
    }

    private static func item(_ name: String, _ price: String, into composer: inout PageComposer) {
        composer.addRow([(name, itemColumn), (price, priceColumn)], fontSize: 10, advance: 16)
    }
}
