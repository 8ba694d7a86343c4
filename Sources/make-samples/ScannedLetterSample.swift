import DocketFixtures

/// `scanned-letter.pdf`: a two-page business letter as an image-only PDF, as a scanner would produce it.
enum ScannedLetterSample {
    static let fileName = "scanned-letter.pdf"
    static let dpi = 200.0

    static func bytes() -> [UInt8] {
        Fixtures.scannedPDF(pages, dpi: dpi)
    }

    static var pages: [FixturePage] {
        [firstPage, secondPage]
    }

    private static var firstPage: FixturePage {
        var composer = PageComposer(firstBaseline: 90)
        composer.add("Harbor Street Property Management", fontSize: 16, bold: true, advance: 18)
        composer.add("88 Harbor Street, Portland, ME 04101", fontSize: 10, advance: 14)
        composer.add("Phone (207) 555-0143 | office@harborstreet-pm.example", fontSize: 10, advance: 40)

        composer.add("Mr. Daniel Okafor", advance: 16)
        composer.add("14 Linden Avenue, Apt 3B", advance: 16)
        composer.add("Portland, ME 04103", advance: 36)

        composer.add("Date: February 12, 2026", advance: 18)
        composer.add("Reference: HSP-2026-0417", advance: 36)

        composer.add("Subject: Replacement of the heating boiler at 14 Linden Avenue", bold: true, advance: 30)
        composer.add("Dear Mr. Okafor,", advance: 28)
        paragraph([
            "We are writing to let you know that the central heating boiler serving",
            "14 Linden Avenue will be replaced. The work is scheduled for March 9, 2026,",
            "and is expected to take two working days.",
        ], into: &composer)
        paragraph([
            "During this time, heating and hot water will be unavailable between",
            "8:00 am and 5:00 pm. Our contractor, Bayside Mechanical, will need access",
            "to the utility closet in your apartment on the morning of March 9.",
        ], into: &composer)
        paragraph([
            "If you cannot be present, please call our office by March 5 so that we can",
            "arrange for a member of our staff to accompany the contractor.",
        ], into: &composer)
        composer.place(FixtureLine("Page 1 of 2", x: 270, y: 750, fontSize: 9))
        return composer.page()
    }

    private static var secondPage: FixturePage {
        var composer = PageComposer(firstBaseline: 90)
        composer.add("Mr. Daniel Okafor | Reference: HSP-2026-0417 | February 12, 2026", fontSize: 9, advance: 40)
        paragraph([
            "The new boiler is more efficient than the current unit, and we expect it to",
            "lower the heating costs shared by all tenants of the building. The",
            "replacement is part of scheduled maintenance and will not affect your rent.",
        ], into: &composer)
        paragraph([
            "We apologise for the inconvenience and thank you for your understanding.",
            "Please quote the reference number above in any correspondence.",
        ], into: &composer)
        composer.skip(10)
        composer.add("Sincerely,", advance: 60)
        composer.add("Margaret Ellison", bold: true, advance: 18)
        composer.add("Property Manager", advance: 18)
        composer.add("Harbor Street Property Management")
        composer.place(FixtureLine("Page 2 of 2", x: 270, y: 750, fontSize: 9))
        return composer.page()
    }

    private static func paragraph(_ lines: [String], into composer: inout PageComposer) {
        for line in lines {
            composer.add(line, advance: 18)
        }
        composer.skip(12)
    }
}
