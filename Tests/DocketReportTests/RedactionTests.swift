import DocketAnswer
import DocketFixtures
import DocketModel
import DocketReport
import Foundation
import Testing

private let source = DocumentReport.Source(id: 1, name: "cxr", mediaType: "text/plain", sha256: "x", submittedAt: "2026-03-01T00:00:00Z", pages: 1)

/// A chest X-ray report that names its patient in its header and again in its findings.
private let chestReport = gridPage([
    "CHEST X-RAY REPORT",
    "PATIENT NAME - John Q. Public",
    "MRN 12345678 DOB: 01/01/1950",
    "Accession: A-123",
    "FINDINGS: Mr Public has no pneumothorax. Small left pleural effusion.",
    "IMPRESSION: Small left pleural effusion in Mr Public, seen 1/1/1950.",
], source: .plainText)

private func redactedChestReport() -> DocumentReport {
    let report = ReportBuilder().build(source: source, pages: [chestReport], type: .medicalReport, fields: [], answers: [])
    return Redaction.redact(report, identifiers: Redaction.identifiers(dicom: [], pages: [chestReport]))
}

/// The words of `page` that the boxes to paint cover.
private func paintedWords(on page: Page, identifiers: PatientIdentifiers) -> [String] {
    let boxes = Set(Redaction.boxes(on: page, identifiers: identifiers).map { "\($0)" })
    return page.words.filter { boxes.contains("\($0.box)") }.map(\.text)
}

@Suite struct RedactionTests {
    @Test func aFindingThatNamesThePatientHidesTheNameAndKeepsTheFinding() {
        let report = redactedChestReport()
        let pneumothorax = report.findings.first { $0.finding == "pneumothorax" }
        #expect(pneumothorax?.sentence == "Mr (hidden) has no pneumothorax.")
        #expect(pneumothorax?.status == .absent)
    }

    @Test func anImpressionThatNamesThePatientKeepsWhatItConcludes() {
        let impression = redactedChestReport().summary.first { $0.label == "Impression" }
        #expect(impression?.text == "Small left pleural effusion in Mr (hidden), seen (hidden).")
    }

    @Test func theLabelsOfTheReportItselfGiveTheIdentifiersWithoutADICOMImage() {
        let identifiers = Redaction.identifiers(dicom: [], pages: [chestReport])
        #expect(identifiers.nameWords == ["john", "public"])
        #expect(identifiers.numbers.isSuperset(of: ["12345678", "a123", "19500101"]))
        #expect(identifiers.dates == ["1950-01-01"])
        let sections = redactedChestReport().sections.map(\.text).joined(separator: " ")
        #expect(!sections.contains("Public") && sections.contains("pleural effusion"), "\(sections)")
    }

    @Test func labelsAreReadInAnyCaseWithOrWithoutAColonOrDash() {
        let lines = [
            "PATIENT NAME - John", "patient name: jane roe", "Name:Ann Smith", "mrn12345678", "Medical record number 7654321",
            "Date of birth 3 March 1961", "D.O.B. 1972-05-06", "Patient ID# P-9981", "Accession No. ACC-2026-0042",
        ]
        let identifiers = Redaction.identifiers(dicom: [], pages: [gridPage(lines)])
        #expect(identifiers.nameWords == ["john", "jane", "roe", "ann", "smith"])
        #expect(identifiers.numbers.isSuperset(of: ["12345678", "7654321", "p9981", "acc20260042"]))
        #expect(identifiers.dates == ["1961-03-03", "1972-05-06"])
    }

    @Test func proseThatMentionsThePatientGivesNoIdentifier() {
        let prose = gridPage([
            "The patient has no pneumothorax.", "Patient History: cough.", "PATIENT INFORMATION", "Exam name: CHEST PA",
            "ID band checked", "Patient was seen on 2026-02-27.",
        ])
        #expect(Redaction.identifiers(dicom: [], pages: [prose]).isEmpty)
    }

    @Test func everySpellingOfAnIdentifierOnThePageIsPainted() {
        let page = gridPage([
            "PATIENT NAME - John", "MRN: 12345678", "DOB: 1950-01-01", "Accession: A-123",
            "Seen 12-345-678 MRN12345678 12 345 678", "Born 01/01/1950 1/1/1950 Jan 1, 1950 01.01.1950 19500101",
            "Order A-123 for john. Study 2026-02-27 of 1/2/3",
        ])
        let identifiers = Redaction.identifiers(dicom: [], pages: [page])
        #expect(paintedWords(on: page, identifiers: identifiers) == [
            "John", "12345678", "1950-01-01", "A-123",
            "12-345-678", "MRN12345678", "12", "345", "678", "01/01/1950", "1/1/1950", "Jan", "1,", "1950", "01.01.1950", "19500101",
            "A-123", "john.",
        ])
    }

    @Test func dicomAttributesAreFoundInEverySpelling() {
        let identifiers = PatientIdentifiers(dicom: DICOMAttributes(
            patientName: "Jane Doe", patientID: "MRN-0042", patientBirthDate: "1984-07-02", accessionNumber: "ACC-2026-0042"))
        #expect(identifiers.redact("DOE^JANE MRN-0042 R PORTABLE") == "(hidden) R PORTABLE")
        #expect(identifiers.redact("Born 07/02/1984 or 2 Jul 1984, id MRN 0042, acc ACC2026-0042.") == "Born (hidden) or (hidden), id (hidden), acc (hidden).")
        #expect(identifiers.redact("Doe,Jane DOE-JANE") == "(hidden)")
        #expect(identifiers.redact("DOB:07/02/1984 seen; 2 Jul 84") == "(hidden) seen; (hidden)")
        #expect(identifiers.redact("No effusion on 2026-02-27.") == "No effusion on 2026-02-27.")
    }

    @Test func tablesCheckboxesFieldsAnswersAndLabelledValuesAreRedactedWordByWord() {
        var report = ReportBuilder().build(source: source, pages: [chestReport], type: .medicalReport, fields: [], answers: [])
        let evidence = Evidence(page: 1, box: Box(x0: 0, y0: 0, x1: 10, y1: 10), wordIndices: [])
        report.tables = [.init(page: 1, box: evidence.box, ruled: true, rows: [["Patient", "Exam"], ["Jane Roe", "CXR for Mr Public"]])]
        report.checkboxes = [.init(label: "Consent signed by John Public", checked: true, fillRatio: 0.4, evidence: evidence)]
        report.fields = [.init(name: "date", answer: Answer(question: "date", text: "01.01.1950", value: NormalizedValue(kind: .date, text: "1950-01-01"),
                                                              confidence: 0.9, evidence: evidence))]
        report.answers = [Answer(question: "What is John Public's MRN?", text: "MRN12345678", value: nil, confidence: 0.8, evidence: evidence)]
        report.keyValues = [.init(key: "Patient", value: "Jane Roe", confidence: 0.9, evidence: evidence),
                            .init(key: "Referred by", value: "Dr Who for Mr Public", confidence: 0.9, evidence: evidence)]
        let redacted = Redaction.redact(report, identifiers: Redaction.identifiers(dicom: [], pages: [chestReport]))
        #expect(redacted.tables.first?.rows == [["Patient", "Exam"], ["(hidden)", "CXR for Mr (hidden)"]])
        #expect(redacted.checkboxes.first?.label == "Consent signed by (hidden)")
        #expect(redacted.fields.first?.answer.text == "(hidden)" && redacted.fields.first?.answer.value == nil)
        #expect(redacted.answers.first?.question == "What is (hidden) MRN?" && redacted.answers.first?.text == "(hidden)")
        #expect(redacted.keyValues.map(\.value) == ["(hidden)", "Dr Who for Mr (hidden)"])
        let json = String(decoding: try! JSONEncoder().encode(redacted), as: UTF8.self)
        for leak in ["Public", "12345678", "1950", "A-123", "Jane"] { #expect(!json.contains(leak), "\(leak) in \(json)") }
    }
}
