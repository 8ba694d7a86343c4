import DocketFixtures

/// `form.jpg`: a filled-in appointment request form with checkboxes, photographed or scanned at a low resolution.
enum FormSample {
    static let fileName = "form.jpg"
    static let dpi = 150.0

    static func bytes() -> [UInt8] {
        Fixtures.jpeg(page, dpi: dpi, quality: 85)
    }

    static var page: FixturePage {
        var composer = PageComposer(firstBaseline: 90)
        composer.add("Riverside Family Clinic", fontSize: 18, bold: true, advance: 24)
        composer.add("Appointment request form", fontSize: 14, bold: true, advance: 40)

        let fields = [
            "Name: Jane Doe",
            "Date of birth: 1984-07-02",
            "Phone: +1 207 555 0178",
            "Email: jane.doe@example.com",
            "Insurance number: RFC-4471-2209",
            "Reason for visit: Persistent cough for two weeks",
            "Preferred date: 2026-03-20",
        ]
        for field in fields {
            composer.add(field, fontSize: 13, advance: 28)
        }
        var shapes: [FixtureShape] = []
        for (label, ticked) in [("Urgent:", true), ("New patient:", false)] {
            shapes.append(.checkbox(x: 180, y: composer.baseline - 10, side: 11, ticked: ticked))
            composer.add(label, fontSize: 13, advance: 28)
        }
        composer.add("Preferred time:", fontSize: 13, advance: 0)
        for (label, x, ticked) in [("Morning", 180.0, false), ("Afternoon", 290.0, true)] {
            shapes.append(.checkbox(x: x, y: composer.baseline - 10, side: 11, ticked: ticked))
            composer.place(FixtureLine(label, x: x + 18, y: composer.baseline, fontSize: 13))
        }
        composer.skip(28)
        composer.skip(20)
        composer.add("Signature: Jane Doe", fontSize: 13, advance: 28)
        composer.add("Date signed: 2026-03-11", fontSize: 13)
        composer.place(FixtureLine("For clinic use only: received by front desk", y: 740, fontSize: 9))
        return composer.page(shapes: shapes)
    }
}
