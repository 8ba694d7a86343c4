import DocketFixtures
import Foundation
import Testing

@Suite struct OrientationCLITests {
    @Test func aScanUpsideDownIsReadUprightAndShowSaysSo() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        // A page of ordinary length: orientation detection needs some lines of text to be sure.
        let page = FixturePage(text: [
            "Northwind Office Supply", "Invoice number NW-2026-0314", "Bill to Acme Logistics GmbH",
            "Delivery address Harbour Road 12, Hamburg", "Order placed on the fourth of March by telephone",
            "Twelve boxes of printer paper, white, eighty grams", "Four toner cartridges for the office printer",
            "Shipping by road freight within three working days", "Total due: 1,237.60 EUR", "Payment terms 30 days net",
            "Please quote the invoice number with your payment",
        ], fontSize: 14)
        let scan = try scratch.write("upside-down.png", Fixtures.turnedPNG(page, clockwiseQuarterTurns: 2))
        #expect(try docket.run(["submit", scan, "--question", "What is the total due?"]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        let shown = try docket.run(["show", "1"])
        #expect(shown.stdout.contains("read turned 180 degrees clockwise"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Total due: 1,237.60 EUR"), "\(shown.stdout)")
        let json = try #require(try docket.json(["show", "1"]) as? [String: Any])
        let first = try #require((json["pages"] as? [[String: Any]])?.first)
        #expect(first["turned_to_read"] as? Int == 180)
        #expect(first["needs_review"] as? Bool == false)
        let answers = try #require(try docket.json(["answers", "--document", "1"]) as? [[String: Any]])
        #expect(answers.first?["answer"] as? String == "1,237.60 EUR")
    }
}
