import DocketFixtures
import Foundation
import GRDB
import Testing

/// Patient identifiers are hidden in what `docket report` prints, wherever they stand and however
/// they are written, and painted over on the images it embeds.
@Suite struct IdentifierHidingTests {
    private static let attributes = [
        "PatientName": "Doe^Jane", "PatientID": "MRN-0042", "PatientBirthDate": "19840702", "Modality": "CR",
        "BodyPartExamined": "CHEST", "StudyDate": "20260227", "AccessionNumber": "A-123",
    ]
    private static let writtenReport = FixturePage(text: [
        "CHEST X-RAY REPORT",
        "PATIENT NAME - John Public",
        "MRN 12345678",
        "DOB: 01/01/1950",
        "Accession: A-123",
        "Chart 12-345-678 filed as MRN12345678.",
        "Born 1/1/1950, Jan 1, 1950 and 01.01.1950.",
        "FINDINGS: Mr Public has no pneumothorax. Small left pleural effusion.",
        "IMPRESSION: Small left pleural effusion in Mr Public.",
    ], fontSize: 12)
    /// Written on the report page above, each a spelling of an identifier.
    private static let identifyingWords = ["John", "Public", "12345678", "01/01/1950", "A-123", "12-345-678", "MRN12345678.",
                                           "1/1/1950,", "Jan", "1950", "01.01.1950."]

    /// A chest image with a name and record number burned into its pixels, and its written report, as one study.
    private func submitStudy() throws -> (DocketProcess, Scratch) {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let image = try scratch.write("chest.dcm", try DICOMFixture.make(
            jpeg: Fixtures.radiograph(markers: ["R", "PORTABLE", "DOE JANE", "MRN-0042"]), attributes: Self.attributes))
        let report = try scratch.write("chest-report.pdf", Fixtures.textPDF([Self.writtenReport]))
        #expect(try docket.run(["submit", "--study", "CXR-9", image, report]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        return (docket, scratch)
    }

    /// The words of a stored document's first page with their boxes, and the page's width in points.
    private func words(of document: Int, _ docket: DocketProcess) throws -> (words: [(text: String, box: [Double])], width: Double) {
        let shown = try #require(try docket.json(["show", "\(document)"]) as? [String: Any])
        let page = try #require((shown["pages"] as? [[String: Any]])?.first)
        let words = try #require(page["words"] as? [[String: Any]]).map { word in
            let box = word["box"] as? [String: Double] ?? [:]
            return (text: word["text"] as? String ?? "", box: ["x0", "y0", "x1", "y1"].map { box[$0] ?? 0 })
        }
        return (words, try #require(page["width"] as? Double))
    }

    /// The PNG of the `<img>` whose attributes start with `attributes`.
    private func embeddedImage(after attributes: String, in html: String) throws -> PNGPixels {
        let start = try #require(html.range(of: attributes + " src=\"data:image/png;base64,"), "no image \(attributes)")
        let end = try #require(html.range(of: "\"", range: start.upperBound..<html.endIndex))
        let data = try #require(Data(base64Encoded: String(html[start.upperBound..<end.lowerBound])))
        return try #require(PNGPixels([UInt8](data)))
    }

    /// Whether every pixel inside the box (PDF points, drawn `scale` pixels a point) is black.
    private func isPaintedOver(_ box: [Double], on pixels: PNGPixels, scale: Double) -> Bool {
        let (left, top) = (Int((box[0] * scale).rounded(.up)) + 1, Int((box[1] * scale).rounded(.up)) + 1)
        let (right, bottom) = (Int((box[2] * scale).rounded(.down)) - 1, Int((box[3] * scale).rounded(.down)) - 1)
        guard left < right, top < bottom else { return false }
        for y in top...bottom {
            for x in left...right {
                let (red, green, blue) = pixels.rgb(x: x, y: y)
                if max(red, green, blue) > 20 { return false }
            }
        }
        return true
    }

    @Test func theWrittenReportsPageImageHasEverySpellingOfAnIdentifierPaintedOver() throws {
        let (docket, scratch) = try submitStudy()
        let path = scratch.folder.appending(path: "study.html").path
        let written = try docket.run(["report", "--study", "CXR-9", "--format", "html", "--out", path])
        #expect(written.status == 0, "\(written.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let page = try embeddedImage(after: "<img alt=\"Page 1\" width=\"1000\" height=\"1294\"", in: html)
        let (words, width) = try words(of: 2, docket)
        let scale = Double(page.width) / width
        for identifier in Self.identifyingWords {
            let word = try #require(words.first { $0.text == identifier }, "\(identifier) was not read")
            #expect(isPaintedOver(word.box, on: page, scale: scale), "\(identifier) is not painted over")
        }
        for kept in ["PATIENT", "pneumothorax.", "effusion."] {
            let word = try #require(words.first { $0.text == kept })
            #expect(!isPaintedOver(word.box, on: page, scale: scale), "\(kept) is painted over")
        }
        for leak in ["Public", "12345678", "1950", "A-123", "John"] { #expect(!html.contains(leak), "\(leak) in the HTML") }
        #expect(html.contains("Mr (hidden) has no pneumothorax."))
    }

    @Test func aNameAndRecordNumberBurnedIntoTheDICOMImageArePaintedOverAndHiddenFromItsText() throws {
        let (docket, scratch) = try submitStudy()
        let (words, width) = try words(of: 1, docket)
        let burnedIn = words.filter { ["DOE", "JANE", "MRN-0042"].contains($0.text) }
        #expect(burnedIn.count == 3, "OCR read \(words.map(\.text))")

        let path = scratch.folder.appending(path: "study.html").path
        #expect(try docket.run(["report", "--study", "CXR-9", "--format", "html", "--out", path]).status == 0)
        let image = try embeddedImage(after: "<img alt=\"chest.dcm\"", in: try String(contentsOfFile: path, encoding: .utf8))
        for word in burnedIn {
            #expect(isPaintedOver(word.box, on: image, scale: Double(image.width) / width), "\(word.text) is not painted over")
        }
        let marker = try #require(words.first { $0.text == "PORTABLE" })
        #expect(!isPaintedOver(marker.box, on: image, scale: Double(image.width) / width))

        let study = try #require(try docket.json(["report", "--study", "CXR-9"]) as? [String: Any])
        let text = try #require((study["images"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(text.contains("PORTABLE") && text.contains("(hidden)"), "\(text)")
        #expect(!text.uppercased().contains("JANE") && !text.contains("0042"), "\(text)")
        let imageReport = try docket.run(["report", "1", "--format", "json"])
        #expect(imageReport.status == 0 && !imageReport.stdout.uppercased().contains("JANE") && !imageReport.stdout.contains("0042"))
        let shown = try #require(try docket.json(["report", "--study", "CXR-9", "--show-identifiers"]) as? [String: Any])
        #expect(((shown["images"] as? [[String: Any]])?.first?["text"] as? String)?.contains("MRN-0042") == true)
    }

    @Test func theReportOfOneMedicalDocumentHidesItsPatientUnlessAskedToShow() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let report = try scratch.write("chest-report.pdf", Fixtures.textPDF([Self.writtenReport]))
        #expect(try docket.run(["submit", report]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        for format in ["md", "json", "html"] {
            let hidden = try docket.run(["report", "1", "--format", format])
            #expect(hidden.status == 0, "\(hidden.stderr)")
            for leak in ["Public", "12345678", "1950", "A-123", "John"] { #expect(!hidden.stdout.contains(leak), "\(leak) in \(format)") }
            #expect(hidden.stdout.contains("(hidden)") && hidden.stdout.contains("pneumothorax"))
        }
        let shown = try docket.run(["report", "1", "--format", "md", "--show-identifiers"])
        #expect(shown.stdout.contains("Mr Public has no pneumothorax."), "\(shown.stdout)")
    }

    @Test func whenTheIdentifiersCannotBeReadNothingIsShown() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let image = try scratch.write("chest.dcm", try DICOMFixture.make(jpeg: Fixtures.radiograph(), attributes: Self.attributes))
        let report = try scratch.write("chest-report.pdf", Fixtures.textPDF([Self.writtenReport]))
        #expect(try docket.run(["submit", "--study", "CXR-9", image, report]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        func moving(_ table: String, _ body: () throws -> Void) throws {
            let database = try DatabaseQueue(path: docket.database)
            try database.write { db in try db.execute(sql: "ALTER TABLE \(table) RENAME TO \(table)_moved") }
            try body()
            try database.write { db in try db.execute(sql: "ALTER TABLE \(table)_moved RENAME TO \(table)") }
        }
        // The document's study's DICOM attributes cannot be read.
        try moving("image_metadata") {
            let failed = try docket.run(["report", "2"])
            #expect(failed.status == 1 && failed.stdout.isEmpty, "\(failed.stdout)")
            #expect(failed.stderr.contains("cannot read what identifies the patient of document 2"), "\(failed.stderr)")
        }
        // The study's written report, whose labels name the patient, cannot be read.
        try moving("answers") {
            let failed = try docket.run(["report", "--study", "CXR-9", "--format", "json"])
            #expect(failed.status == 1 && failed.stdout.isEmpty, "\(failed.stdout)")
            #expect(failed.stderr.contains("cannot read what identifies the patient of study CXR-9"), "\(failed.stderr)")
        }
        #expect(try docket.run(["report", "2"]).status == 0)
    }
}
