import DocketAnswer
import DocketFixtures
import DocketModel
import DocketReport
import Foundation
import Testing

private func page(_ lines: [String], confidence: Double = 95, source: TextSource = .ocr) -> Page {
    gridPage(lines, confidence: confidence, source: source)
}

private let source = DocumentReport.Source(id: 1, name: "doc", mediaType: "image/png", sha256: "x", submittedAt: "2026-03-01T00:00:00Z", pages: 1)

@Suite struct ReportBuilderTests {
    @Test func everySummaryLineIsTheTextOfItsBox() {
        let receipt = page([
            "KEDAI RUNCIT MAJU SDN BHD", "NO 12, JALAN AMPANG, 50450 KUALA LUMPUR", "Date: 02/03/2026",
            "2 x Teh Tarik 6.00", "TOTAL RM 6.00", "CASH 10.00", "CHANGE 4.00", "Thank you",
        ])
        let report = ReportBuilder().build(source: source, pages: [receipt], type: nil, fields: nil, answers: [])
        #expect(report.type == .receipt)
        #expect(!report.summary.isEmpty)
        for item in report.summary {
            let words = item.evidence.wordIndices.map { receipt.words[$0].text }.joined(separator: " ")
            #expect(words.contains(item.text) || item.text.contains(words), "\(item.label): \(item.text) vs \(words)")
        }
        #expect(report.summary.contains { $0.kind == .amount && $0.value?.text == "6.00" })
    }

    @Test func aMedicalReportSummarisesWhatItFindsNotWhatItRulesOut() {
        let text = page([
            "CHEST X-RAY REPORT", "INDICATION: Rule out pneumonia.", "FINDINGS: Small left pleural effusion. No pneumothorax.",
            "IMPRESSION: Small left pleural effusion.",
        ], source: .plainText)
        let report = ReportBuilder().build(source: source, pages: [text], type: nil, fields: nil, answers: [])
        #expect(report.type == .medicalReport)
        #expect(report.summary.map(\.label) == ["Title", "pleural effusion", "Impression"])
        #expect(report.findings.map(\.finding) == ["pleural effusion", "pneumothorax"])
        #expect(report.findings.map(\.status) == [.present, .absent])
        #expect(!report.findings.contains { $0.finding == "pneumonia" }, "the indication is not a finding")
    }

    @Test func pagesReadPoorlyAreNamedForReview() {
        let faint = page(["illegible words here", "more of them"], confidence: 41)
        let blank = Page(number: 2, width: 612, height: 792, source: .ocr, words: [], lines: [])
        let report = ReportBuilder().build(source: source, pages: [faint, blank], type: .other, fields: [], answers: [])
        #expect(report.quality.map(\.needsReview) == [true, true])
        #expect(report.quality[0].lowConfidenceShare == 1)
        #expect(report.quality[1].reasons.first?.contains("no text was read") == true)
    }

    @Test func aTextLayerPageWithPicturesLeftUnreadIsNamedForReview() {
        var cutShort = page(["Invoice 4711", "Total 12.00"], confidence: 100)
        cutShort.source = .textLayer
        cutShort.picturesUnread = 2
        let whole = Page(number: 2, width: 612, height: 792, source: .textLayer, words: cutShort.words, lines: cutShort.lines)
        let report = ReportBuilder().build(source: source, pages: [cutShort, whole], type: .other, fields: [], answers: [])
        #expect(report.quality.map(\.needsReview) == [true, false])
        #expect(report.quality[0].reasons == [
            "2 of its pictures were not read: the time for reading a page's pictures ran out (DOCKET_FIGURE_OCR_SECONDS raises it)",
        ])
    }

    @Test func theMarkdownAndHTMLReportsEscapeWhatTheDocumentSays() {
        let hostile = page(["<script>alert(1)</script> | *bold*", "Total due: 5.00 EUR", "INVOICE", "Invoice number: 7", "Due date: 2026-04-13"])
        let report = ReportBuilder().build(source: source, pages: [hostile], type: nil, fields: nil, answers: [])
        let html = HTMLReport.render(report, images: [])
        #expect(!html.contains("<script>alert"))
        let markdown = MarkdownReport.render(report)
        #expect(!markdown.contains("| *bold*"))
    }

    @Test func identifiersAreFoundWhereverTheyStandAndAfterIdentifyingLabels() {
        var report = page(["Patient: Jane Doe", "MRN: 0042", "FINDINGS: Doe's heart is normal.", "Reviewed for JANE DOE."])
        report.layout = PageLayout(keyValues: [
            KeyValuePair(keyWordIndices: [0], valueWordIndices: [1, 2], keyText: "Patient:", valueText: "Jane Doe",
                         keyBox: report.words[0].box, valueBox: report.words[1].box.union(report.words[2].box), relation: .right),
        ])
        let identifiers = PatientIdentifiers(dicom: DICOMAttributes(patientName: "Jane Doe", patientID: "0042"))
        let boxes = Redaction.boxes(on: report, identifiers: identifiers)
        let redacted = report.words.filter { boxes.contains($0.box) }.map(\.text)
        #expect(redacted == ["Jane", "Doe", "0042", "Doe's", "JANE", "DOE."])
    }
}
