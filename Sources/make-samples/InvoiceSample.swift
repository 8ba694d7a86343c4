import DocketFixtures

/// `invoice.pdf`: a one-page born-digital invoice, its items in a ruled table. Net 1,040.00 + 19% VAT 197.60 = 1,237.60 EUR.
enum InvoiceSample {
    static let fileName = "invoice.pdf"

    static func bytes() -> [UInt8] {
        Fixtures.textPDF([page])
    }

    private static let descriptionColumn = 72.0
    private static let quantityColumn = 320.0
    private static let unitPriceColumn = 370.0
    private static let amountColumn = 470.0

    static var page: FixturePage {
        var composer = PageComposer(firstBaseline: 90)
        composer.place(FixtureLine("INVOICE", x: 440, y: 90, fontSize: 22, bold: true))
        composer.add("Northwind Office Supply", fontSize: 18, bold: true, advance: 20)
        composer.add("Hafenstrasse 12, 20457 Hamburg, Germany", fontSize: 10, advance: 14)
        composer.add("VAT ID: DE298471553 | accounts@northwind-office.example", fontSize: 10)

        composer.baseline = 170
        let detailsColumn = 340.0
        composer.addRow([("Bill to:", descriptionColumn), ("Invoice number: NW-2026-0314", detailsColumn)],
                        fontSize: 11, advance: 16)
        composer.addRow([("Acme Logistics GmbH", descriptionColumn), ("Invoice date: 2026-03-14", detailsColumn)],
                        fontSize: 11, advance: 16)
        composer.addRow([("Attn: Accounts Payable", descriptionColumn), ("Due date: 2026-04-13", detailsColumn)],
                        fontSize: 11, advance: 16)
        composer.addRow([("Industriestrasse 45", descriptionColumn), ("Customer number: C-10482", detailsColumn)],
                        fontSize: 11, advance: 16)
        composer.addRow([("70565 Stuttgart, Germany", descriptionColumn), ("Order reference: PO-88172", detailsColumn)],
                        fontSize: 11, advance: 16)

        composer.baseline = 290
        composer.addRow(columns("Description", "Qty", "Unit price", "Amount"), fontSize: 11, bold: true, advance: 22)
        composer.addRow(columns("Ergonomic office chair ErgoSit 300", "4", "159.00", "636.00"), fontSize: 11, advance: 18)
        composer.addRow(columns("Copy paper A4 80 g, box of 2500 sheets", "10", "24.90", "249.00"), fontSize: 11, advance: 18)
        composer.addRow(columns("Toner cartridge TN-2420 black", "3", "38.50", "115.50"), fontSize: 11, advance: 18)
        composer.addRow(columns("Whiteboard marker set, 4 colours", "10", "3.95", "39.50"), fontSize: 11, advance: 18)
        let itemsGrid = FixtureShape.grid(rowTops: [277, 295, 316, 334, 352, 370],
                                          columnLefts: [descriptionColumn, quantityColumn, unitPriceColumn, amountColumn, 540]
                                              .map { $0 - 6 })

        composer.skip(20)
        composer.addRow([("Subtotal:", unitPriceColumn), ("1,040.00 EUR", amountColumn)], fontSize: 11, advance: 18)
        composer.addRow([("VAT 19%:", unitPriceColumn), ("197.60 EUR", amountColumn)], fontSize: 11, advance: 26)
        composer.add("Total due: 1,237.60 EUR", x: unitPriceColumn, fontSize: 13, bold: true, advance: 50)

        composer.add("Payment terms: 30 days net. Please quote the invoice number with your payment.", fontSize: 10, advance: 15)
        composer.add("Bank: Hanse Handelsbank Hamburg", fontSize: 10, advance: 15)
        composer.add("IBAN: DE89 3704 0044 0532 0130 00   BIC: HHBKDEHHXXX", fontSize: 10, advance: 15)

        composer.place(FixtureLine("Northwind Office Supply | Hafenstrasse 12, 20457 Hamburg | Thank you for your business.",
                                   y: 750, fontSize: 8))
        return composer.page(shapes: itemsGrid)
    }

    private static func columns(_ description: String, _ quantity: String, _ unitPrice: String,
                                _ amount: String) -> [(text: String, x: Double)] {
        [(description, descriptionColumn), (quantity, quantityColumn), (unitPrice, unitPriceColumn), (amount, amountColumn)]
    }
}
