import DocketModel
import Foundation

/// An imaging study: its images with their attributes beside the findings of its written report.
public struct StudyReport: Codable, Sendable {
    public struct Image: Codable, Sendable {
        public var documentID: Int64
        public var name: String
        public var mediaType: String
        public var widthPixels: Int?
        public var heightPixels: Int?
        /// Identifiers hidden unless the report was asked to show them.
        public var dicom: DICOMAttributes?
        /// Text burned into the image (side markers, "PORTABLE"), as OCR read it.
        public var text: String

        public init(documentID: Int64, name: String, mediaType: String, metadata: ImageMetadata?, text: String, showIdentifiers: Bool) {
            self.documentID = documentID
            self.name = name
            self.mediaType = mediaType
            widthPixels = metadata?.widthPixels
            heightPixels = metadata?.heightPixels
            dicom = showIdentifiers ? metadata?.dicom : metadata?.dicom?.deidentified()
            self.text = text
        }
    }

    public var key: String
    public var images: [Image]
    public var reports: [DocumentReport]
    public var identifiersShown: Bool

    public init(key: String, images: [Image], reports: [DocumentReport], identifiersShown: Bool) {
        self.key = key
        self.images = images
        self.reports = reports
        self.identifiersShown = identifiersShown
    }
}

extension StudyReport {
    /// The attributes of an image worth showing, in reading order.
    static func attributeRows(_ image: Image) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let width = image.widthPixels, let height = image.heightPixels { rows.append(("Size", "\(width) x \(height) pixels")) }
        guard let dicom = image.dicom else { return rows }
        let named: [(String, String?)] = [
            ("Modality", dicom.modality), ("Body part", dicom.bodyPart), ("Study date", dicom.studyDate),
            ("Study", dicom.studyDescription), ("Patient", dicom.patientName), ("Patient ID", dicom.patientID),
            ("Birth date", dicom.patientBirthDate), ("Accession number", dicom.accessionNumber), ("Study ID", dicom.studyID),
            ("Study instance UID", dicom.studyInstanceUID),
        ]
        rows += named.compactMap { label, value in value.map { (label, $0) } }
        return rows
    }

    public static func markdown(_ study: StudyReport) -> String {
        var text = "# Study \(MarkdownReport.escape(study.key))\n\n"
        text += "\(study.images.count) image\(study.images.count == 1 ? "" : "s"), \(study.reports.count) written report\(study.reports.count == 1 ? "" : "s")"
        text += study.identifiersShown ? ". Identifiers are shown.\n" : "; patient and study identifiers hidden (--show-identifiers shows them).\n"
        for image in study.images {
            text += "\n## Image: \(MarkdownReport.escape(image.name))\n\n| attribute | value |\n|---|---|\n"
            for (label, value) in attributeRows(image) { text += "| \(label) | \(MarkdownReport.escape(value)) |\n" }
        }
        for report in study.reports {
            text += "\n## Report: \(MarkdownReport.escape(report.document.name))\n\n"
            if report.findings.isEmpty { text += "The report mentions none of the findings Docket knows.\n" }
            for finding in report.findings {
                text += "- **\(finding.finding)**: \(finding.status.rawValue) — \(MarkdownReport.escape(finding.sentence))"
                text += finding.evidence.map { " (" + MarkdownReport.where_($0) + ")" } ?? ""
                text += "\n"
            }
            if let impression = report.summary.first(where: { $0.label == "Impression" || $0.label == "Conclusion" }) {
                text += "\n**\(impression.label)**: \(MarkdownReport.escape(impression.text)) (\(MarkdownReport.where_(impression.evidence)))\n"
            }
        }
        return text
    }

    /// One self-contained page: each image beside the findings of the report, then the report's
    /// pages with their evidence boxes.
    public static func html(_ study: StudyReport, imagePNGs: [Int64: [UInt8]], reportPages: [Int64: [ReportPageImage]]) -> String {
        let escape = HTMLReport.escape
        var html = HTMLReport.head(title: "Study \(study.key)", extraStyle: """

            .study{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
            .study figure{margin:0;background:#000;flex:0 0 auto;max-width:min(560px,100%)}
            .study figure img{display:block;max-width:100%;height:auto}
            .study figcaption{background:#fff;padding:8px 12px;font-size:13px}
            .absent td:nth-child(2){color:#1b6e2a}
            """) + """
            <header>
            <h1>Study \(escape(study.key))</h1>
            <p class="meta">\(study.images.count) image\(study.images.count == 1 ? "" : "s") · \(study.reports.count) written report\(study.reports.count == 1 ? "" : "s") · \(study.identifiersShown ? "identifiers shown" : "patient and study identifiers hidden")</p>
            </header>
            <main>
            <section class="study">

            """
        for image in study.images {
            html += "<figure>\n"
            if let png = imagePNGs[image.documentID] {
                html += "<img alt=\"\(escape(image.name))\" src=\"data:image/png;base64,\(Data(png).base64EncodedString())\">\n"
            }
            html += "<figcaption><b>\(escape(image.name))</b><table>\n"
            for (label, value) in attributeRows(image) { html += "<tr><th>\(escape(label))</th><td>\(escape(value))</td></tr>\n" }
            html += "</table></figcaption>\n</figure>\n"
        }
        html += "<aside>\n"
        for report in study.reports {
            html += "<h3>Findings of \(escape(report.document.name))</h3>\n"
            if report.findings.isEmpty { html += "<p>The report mentions none of the findings Docket knows.</p>\n" }
            html += "<table>\n<tr><th>finding</th><th>the report says</th><th>sentence</th></tr>\n"
            for finding in report.findings {
                html += "<tr class=\"\(finding.status.rawValue)\"><td>\(escape(finding.finding))</td><td>\(escape(finding.status.rawValue))</td><td>\(escape(finding.sentence))</td></tr>\n"
            }
            html += "</table>\n"
            if let impression = report.summary.first(where: { $0.label == "Impression" || $0.label == "Conclusion" }) {
                html += "<p><b>\(escape(impression.label))</b>: \(escape(impression.text))</p>\n"
            }
        }
        html += "</aside>\n</section>\n"
        for report in study.reports {
            let page = HTMLReport.render(report, images: reportPages[report.document.id] ?? [])
            if let start = page.range(of: "<main>\n"), let end = page.range(of: "</main>") {
                html += "<section class=\"written\"><h2>Written report: \(escape(report.document.name))</h2>\n" + page[start.upperBound..<end.lowerBound] + "</section>\n"
            }
        }
        html += "</main>\n<footer>Generated by Docket from what was read from the study's files; each finding links to the sentence it was read from.</footer>\n</body>\n</html>\n"
        return html
    }
}
