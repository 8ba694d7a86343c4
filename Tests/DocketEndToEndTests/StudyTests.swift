import DocketFixtures
import Foundation
import Testing

@Suite struct StudyTests {
    private static let attributes = [
        "PatientName": "Doe^Jane", "PatientID": "MRN-0042", "PatientBirthDate": "19840702", "Modality": "CR",
        "BodyPartExamined": "CHEST", "StudyDate": "20260227", "AccessionNumber": "ACC-2026-0042", "StudyDescription": "Chest PA",
    ]
    private static let report = """
        CHEST X-RAY REPORT
        Accession No: ACC-2026-0042

        FINDINGS: Small left pleural effusion. No pneumothorax. Heart size is normal.

        IMPRESSION: Small left pleural effusion.
        """

    private func chestImage() throws -> [UInt8] {
        // White markers on the dark film, as a radiograph has them.
        try DICOMFixture.make(jpeg: Fixtures.radiograph(markers: ["R", "PORTABLE"]), attributes: Self.attributes)
    }

    @Test func anImageAndAReportThatShareAnAccessionNumberMakeAStudy() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let image = try scratch.write("chest.dcm", try chestImage())
        let text = try scratch.write("chest-report.txt", Array(Self.report.utf8))
        let submitted = try docket.run(["submit", image, text])
        #expect(submitted.stdout.contains("chest.dcm: document 1, job 1, application/dicom"), "\(submitted.stderr)")
        #expect(try docket.run(["worker", "--drain"]).status == 0)

        let studies = try #require(try docket.json(["studies"]) as? [[String: Any]])
        #expect(studies.count == 1)
        let key = try #require(studies.first?["key"] as? String)
        #expect(key.hasPrefix("acc-") && !key.contains("0042"))

        let study = try #require(try docket.json(["report", "--study", key]) as? [String: Any])
        let dicom = try #require(((study["images"] as? [[String: Any]])?.first)?["dicom"] as? [String: Any])
        #expect(dicom["modality"] as? String == "CR" && dicom["body_part"] as? String == "CHEST" && dicom["study_date"] as? String == "2026-02-27")
        for identifier in ["patient_name", "patient_id", "patient_birth_date", "accession_number", "study_instance_uid"] {
            #expect(dicom[identifier] as? String == "(hidden)", "\(identifier)")
        }
        let html = try docket.run(["report", "--study", key, "--format", "html"])
        #expect(html.status == 0 && !html.stdout.contains("ACC-2026-0042") && !html.stdout.contains("MRN-0042"))
        let markdown = try docket.run(["report", "--study", key, "--format", "md"])
        #expect(!markdown.stdout.contains("MRN-0042") && !markdown.stdout.contains("Jane"))
        #expect(markdown.stdout.contains("**pleural effusion**: yes"))
        #expect(markdown.stdout.contains("**pneumothorax**: no"))

        let shown = try #require(try docket.json(["report", "--study", key, "--show-identifiers"]) as? [String: Any])
        let named = try #require(((shown["images"] as? [[String: Any]])?.first)?["dicom"] as? [String: Any])
        #expect(named["patient_name"] as? String == "Jane Doe" && named["patient_id"] as? String == "MRN-0042")
        #expect(named["patient_birth_date"] as? String == "1984-07-02")

        let images = try #require(((study["images"] as? [[String: Any]])?.first)?["text"] as? String)
        #expect(images.contains("PORTABLE"), "the image's burned-in text is read")
        #expect(try docket.rows("SELECT width_px > 0, length(preview) > 100 FROM image_metadata") == [["1", "1"]])
    }

    @Test func submitStudyJoinsFilesWithoutAnAccessionNumber() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let image = try scratch.write("chest.dcm", try DICOMFixture.make(
            jpeg: Fixtures.jpeg(FixturePage(text: ["R"], fontSize: 28), dpi: 100), attributes: ["Modality": "DX"]))
        let text = try scratch.write("report.txt", Array("FINDINGS: The heart is enlarged. No effusion.\n".utf8))
        #expect(try docket.run(["submit", "--study", "CXR-7", image, text]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        let html = scratch.folder.appending(path: "study.html").path
        let written = try docket.run(["report", "--study", "CXR-7", "--format", "html", "--out", html])
        #expect(written.status == 0, "\(written.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<td>cardiomegaly</td><td>yes</td>"))
        #expect(page.contains("data:image/png;base64,"))
        let missing = try docket.run(["report", "--study", "nope"])
        #expect(missing.status == 2 && missing.stderr.contains("There is no study nope"))
    }

    @Test func aDamagedDICOMFileFailsItsJobWithAMessage() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let whole = try chestImage()
        let damaged = try scratch.write("damaged.dcm", Array(whole.prefix(whole.count / 3)))
        #expect(try docket.run(["submit", damaged]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        let jobs = try #require(try docket.json(["jobs"]) as? [[String: Any]])
        #expect(jobs.first?["state"] as? String == "failed")
        #expect((jobs.first?["last_error"] as? String)?.contains("dcmtk cannot read this DICOM file") == true, "\(jobs)")
    }

    @Test func aReportJobStoresTheReportThatDocketReportShows() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let text = try scratch.write("report.txt", Array(Self.report.utf8))
        #expect(try docket.run(["submit", "--report", text]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        let stored = try #require(try docket.rows("SELECT report FROM reports").first?.first)
        // The stored report is the whole report; what docket report prints hides the accession number unless asked to show it.
        let storedReport = try #require(try JSONSerialization.jsonObject(with: Data(stored.utf8)) as? [String: Any])
        let storedAt = try #require(storedReport["generatedAt"] as? String)
        let shown = try #require(try docket.json(["report", "1", "--show-identifiers"]) as? [String: Any])
        #expect(shown["generated_at"] as? String == String(storedAt.dropLast()) + ".000Z", "the stored report, not one built again")
        #expect(stored.contains("ACC-2026-0042"))
        #expect(try docket.run(["report", "1", "--format", "json", "--show-identifiers"]).stdout.contains("ACC-2026-0042"))
        let hidden = try docket.run(["report", "1", "--format", "json"]).stdout
        #expect(!hidden.contains("ACC-2026-0042") && hidden.contains("(hidden)"))
        let rebuilt = try #require(try docket.json(["report", "1", "--rebuild"]) as? [String: Any])
        #expect(rebuilt["type"] as? String == "medical-report")
    }
}
