import DocketModel
@testable import DocketStore
import Foundation
import Testing

/// Everything a completing job writes, read back through the store's operations, the same on
/// every backend.
@Suite struct ResultsRoundTripTests {
    static let found = Answer(
        question: "Total?", text: "RM 5,00", value: NormalizedValue(kind: .amount, text: "5.00", unit: "MYR"), confidence: 0.7,
        evidence: Evidence(page: 1, box: Box(x0: 1, y0: 2, x1: 3, y1: 4), wordIndices: [3, 4]), answeredBy: .receiptField)
    /// A "not found" keeps the answerer that found nothing.
    static let notFound = Answer(question: "Vendor?", text: nil, confidence: 0, evidence: nil, answeredBy: .label)
    static let field = DocumentField(name: "patient", answer: Answer(
        question: "patient", text: "Jane", value: nil, confidence: 0.8, evidence: Evidence(page: 1, box: Box(x0: 105, y0: 130, x1: 130, y1: 140), wordIndices: [2])))

    @Test(arguments: Backend.allCases) func aCompletedJobsResultsReadBackAsWritten(backend: Backend) throws {
        let store = try backend.makeStore()
        var reportPage = LayoutStoreTests.page
        reportPage.lines.append(Line(wordIndices: [], box: Box(x0: 72, y0: 300, x1: 300, y1: 310), text: "Accession No: ACC-2026-0042"))
        reportPage.words.append(Word(text: "résumé", box: Box(x0: 72, y0: 320, x1: 110, y1: 330), confidence: 61, source: .ocr))
        reportPage.lines.append(Line(wordIndices: [reportPage.words.count - 1], box: Box(x0: 72, y0: 320, x1: 110, y1: 330), text: "résumé"))
        reportPage.picturesUnread = 2
        reportPage.turnedToRead = 270
        let plainPage = Page(number: 2, width: 612, height: 792, source: .ocr, words: [], lines: [])
        let report = try storeReadDocument(store, name: "report.pdf", pages: [])
        let image = try storeReadDocument(store, name: "scan.dcm", content: [0, 1, 2, 255], pages: [])
        let metadata = ImageMetadata(
            widthPixels: 512, heightPixels: 256, resolution: 72,
            dicom: DICOMAttributes(modality: "CT", bodyPart: "CHEST", studyDate: "20260314", studyDescription: "Thorax",
                                   patientName: "Doe^Jane", patientID: "P-1", patientBirthDate: "19800101",
                                   studyInstanceUID: "1.2.3", studyID: "S1", accessionNumber: "ACC-2026-0042"),
            preview: [0x89, 0x50, 0x4E, 0x47, 0])
        try execute("INSERT INTO jobs (document_id, run_at, created_at) VALUES (\(report), 0, 0)", in: store)
        let staged = try store.stage([reportPage, plainPage])
        try writeResults(store, now: 1_000) { writer in
            try writer.replacePages(of: report, withStaged: staged)
            try writer.recordRun(of: report, job: 1, seconds: 2.5)
            try writer.insertAnswers([Self.found, Self.notFound, .notFound("Owner?")], of: report, job: nil)
            try writer.replaceFields(of: report, job: nil, type: .medicalReport, fields: [Self.field])
            try writer.replaceReport(of: report, job: nil, json: #"{"title": "Thorax"}"#)
            try writer.replaceImageMetadata(of: image, with: ImageMetadata(widthPixels: 1, heightPixels: 1, resolution: nil, dicom: nil, preview: nil))
            try writer.replaceImageMetadata(of: image, with: metadata)
            try writer.pairByAccessionNumber(image)
        }
        try store.discard(staged)

        #expect(try store.pages(of: report) == [reportPage, plainPage])
        #expect(try store.storedPages(of: image) == nil)
        let summary = try store.summary(of: report)
        #expect(summary.pageCount == 2 && summary.wordCount == reportPage.words.count && summary.seconds == 2.5)
        #expect(summary.sources == [.textLayer, .ocr])
        #expect(try store.answers(of: report) == [.notFound("Owner?"), Self.notFound, Self.found])
        #expect(try store.answers(of: DocumentFilter(document: report)).map(\.answer) == [Self.found, Self.notFound, .notFound("Owner?")])
        #expect(try count("SELECT count(*) FROM docket_answers WHERE answered_by = 'receipt_field'", in: store) == 1)
        #expect(try store.answers(of: DocumentFilter(), minimumConfidence: 0.5).map(\.answer) == [Self.found])
        #expect(try store.fields(named: "patient").map(\.field) == [Self.field])
        #expect(try store.document(report).documentType == .medicalReport)
        #expect(try store.storedReport(of: report) == #"{"title": "Thorax"}"#)
        #expect(try store.storedReport(of: image) == nil)
        #expect(try store.imageMetadata(of: image) == metadata)
        #expect(try store.imageMetadata(of: report) == nil)
        #expect(try store.content(of: image).1 == [0, 1, 2, 255])

        let studies = try store.studies()
        #expect(studies.count == 1)
        let study = try #require(studies.first)
        #expect(study.key.range(of: #"^acc-[0-9a-f]{12}$"#, options: .regularExpression) != nil)
        #expect(study.images.map(\.id) == [image] && study.reports.map(\.id) == [report])
        #expect(try store.study(key: study.key) == study)
        #expect(try store.study(key: "acc-000000000000") == nil)
        #expect(try store.search("resume").map(\.page) == [1], "diacritics are ignored")
    }

    @Test(arguments: Backend.allCases) func aReportReadAfterItsImageJoinsTheStudy(backend: Backend) throws {
        let store = try backend.makeStore()
        let image = try storeReadDocument(store, name: "scan.dcm", pages: [])
        let report = try storeReadDocument(store, name: "report.txt", pages: [])
        try writeResults(store) { writer in
            try writer.replaceImageMetadata(of: image, with: ImageMetadata(
                widthPixels: 1, heightPixels: 1, resolution: nil,
                dicom: DICOMAttributes(modality: "MR", bodyPart: nil, studyDate: nil, studyDescription: nil, patientName: nil,
                                       patientID: nil, patientBirthDate: nil, studyInstanceUID: nil, studyID: nil, accessionNumber: "77123"),
                preview: nil))
        }
        try writeResults(store) { writer in
            try writer.replacePages(of: report, with: [Page(number: 1, width: 1, height: 1, source: .plainText, words: [], lines: [
                Line(wordIndices: [], box: Box(x0: 0, y0: 0, x1: 1, y1: 1), text: "Accession #: 77123"),
            ])])
            try writer.pairByAccessionNumber(report)
        }
        let study = try #require(try store.studies().first)
        #expect(study.images.map(\.id) == [image] && study.reports.map(\.id) == [report])
    }
}
