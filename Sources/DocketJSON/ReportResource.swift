import DocketAnswer
import DocketModel
import DocketReport

/// The report of one document, `docket report --format json`: its type, summary, fields, answers,
/// key/value pairs, tables, checkboxes, a medical report's sections and findings, and how well
/// each page was read. Every statement carries the page and box it was read from.
public struct ReportResource: Codable, Sendable, Equatable {
    public struct SummaryItem: Codable, Sendable, Equatable {
        /// title, party, date, amount or finding.
        public var kind: String
        public var label: String
        public var text: String
        public var value: ValueResource?
        public var evidence: EvidenceResource

        init(from item: DocumentReport.SummaryItem) {
            kind = item.kind.rawValue
            label = item.label
            text = item.text
            value = item.value.map(ValueResource.init(from:))
            evidence = EvidenceResource(from: item.evidence)
        }

        enum CodingKeys: String, CodingKey {
            case kind, label, text, value, evidence
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(label, forKey: .label)
            try container.encode(text, forKey: .text)
            try container.encode(value, forKey: .value)
            try container.encode(evidence, forKey: .evidence)
        }
    }

    /// A label on a form and the value written beside, below or in the box with it.
    public struct KeyValue: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
        /// Mean recognition confidence of the value's words, 0...1.
        public var confidence: Double
        public var evidence: EvidenceResource

        init(from pair: DocumentReport.KeyValue) {
            key = pair.key
            value = pair.value
            confidence = pair.confidence
            evidence = EvidenceResource(from: pair.evidence)
        }
    }

    public struct Table: Codable, Sendable, Equatable {
        public var page: Int
        public var box: Box
        public var ruled: Bool
        /// The cells' texts, row by row.
        public var rows: [[String]]

        init(from table: DocumentReport.Table) {
            page = table.page
            box = table.box
            ruled = table.ruled
            rows = table.rows
        }
    }

    public struct Checkbox: Codable, Sendable, Equatable {
        public var label: String
        public var checked: Bool
        /// Share of dark pixels inside the box, 0...1.
        public var fillRatio: Double
        public var evidence: EvidenceResource

        init(from checkbox: DocumentReport.Checkbox) {
            label = checkbox.label
            checked = checkbox.checked
            fillRatio = checkbox.fillRatio
            evidence = EvidenceResource(from: checkbox.evidence)
        }

        enum CodingKeys: String, CodingKey {
            case label, checked, fillRatio = "fill_ratio", evidence
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var name: String
        public var text: String
    }

    /// A finding a medical report mentions and what it says of it.
    public struct Finding: Codable, Sendable, Equatable {
        /// The finding's name, e.g. "pleural effusion".
        public var finding: String
        /// yes, no or uncertain.
        public var status: String
        public var sentence: String
        public var section: String?
        public var evidence: EvidenceResource?

        init(from finding: ReportedFinding) {
            self.finding = finding.finding
            status = finding.status.rawValue
            sentence = finding.sentence
            section = finding.section
            evidence = finding.evidence.map(EvidenceResource.init(from:))
        }

        enum CodingKeys: String, CodingKey {
            case finding, status, sentence, section, evidence
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(finding, forKey: .finding)
            try container.encode(status, forKey: .status)
            try container.encode(sentence, forKey: .sentence)
            try container.encode(section, forKey: .section)
            try container.encode(evidence, forKey: .evidence)
        }
    }

    /// How well a page was read, and whether a person should look at it.
    public struct PageQuality: Codable, Sendable, Equatable {
        public var page: Int
        public var source: TextSource
        public var wordCount: Int
        /// 0...100; nil without words.
        public var meanConfidence: Double?
        /// Share of words read with low confidence.
        public var lowConfidenceShare: Double
        public var needsReview: Bool
        /// Why it needs review, in words.
        public var reasons: [String]

        init(from quality: DocumentReport.PageQuality) {
            page = quality.page
            source = quality.source
            wordCount = quality.words
            meanConfidence = quality.meanConfidence
            lowConfidenceShare = quality.lowConfidenceShare
            needsReview = quality.needsReview
            reasons = quality.reasons
        }

        enum CodingKeys: String, CodingKey {
            case page, source, wordCount = "word_count", meanConfidence = "mean_confidence"
            case lowConfidenceShare = "low_confidence_share", needsReview = "needs_review", reasons
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(page, forKey: .page)
            try container.encode(source, forKey: .source)
            try container.encode(wordCount, forKey: .wordCount)
            try container.encode(meanConfidence, forKey: .meanConfidence)
            try container.encode(lowConfidenceShare, forKey: .lowConfidenceShare)
            try container.encode(needsReview, forKey: .needsReview)
            try container.encode(reasons, forKey: .reasons)
        }
    }

    public var documentID: Int64
    public var documentName: String
    public var mediaType: String
    public var sha256: String
    public var pageCount: Int
    /// When the document was submitted; nil if the stored report's time cannot be read.
    public var submittedAt: RFC3339Time?
    /// What the report read the document as.
    public var type: DocumentType
    public var summary: [SummaryItem]
    /// The fields of the document's type, found or not.
    public var fields: [FieldResource]
    /// Answers to the questions asked of the document.
    public var answers: [AnswerResource]
    public var keyValues: [KeyValue]
    public var tables: [Table]
    public var checkboxes: [Checkbox]
    /// A medical report's sections; empty for other documents.
    public var sections: [Section]
    public var findings: [Finding]
    public var quality: [PageQuality]
    /// When the report was built; nil if the stored report's time cannot be read.
    public var generatedAt: RFC3339Time?

    public init(from report: DocumentReport) {
        let source = report.document
        documentID = source.id
        documentName = source.name
        mediaType = source.mediaType
        sha256 = source.sha256
        pageCount = source.pages
        submittedAt = RFC3339Time(source.submittedAt)
        type = report.type
        summary = report.summary.map(SummaryItem.init(from:))
        fields = report.fields.map {
            FieldResource(documentID: source.id, documentName: source.name, documentType: report.type,
                          field: DocumentField(name: $0.name, answer: $0.answer))
        }
        answers = report.answers.map { AnswerResource(documentID: source.id, documentName: source.name, answer: $0) }
        keyValues = report.keyValues.map(KeyValue.init(from:))
        tables = report.tables.map(Table.init(from:))
        checkboxes = report.checkboxes.map(Checkbox.init(from:))
        sections = report.sections.map { Section(name: $0.name, text: $0.text) }
        findings = report.findings.map(Finding.init(from:))
        quality = report.quality.map(PageQuality.init(from:))
        generatedAt = RFC3339Time(report.generatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentName = "document_name", mediaType = "media_type", sha256
        case pageCount = "page_count", submittedAt = "submitted_at", type, summary, fields, answers, keyValues = "key_values"
        case tables, checkboxes, sections, findings, quality, generatedAt = "generated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(documentID, forKey: .documentID)
        try container.encode(documentName, forKey: .documentName)
        try container.encode(mediaType, forKey: .mediaType)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(submittedAt, forKey: .submittedAt)
        try container.encode(type, forKey: .type)
        try container.encode(summary, forKey: .summary)
        try container.encode(fields, forKey: .fields)
        try container.encode(answers, forKey: .answers)
        try container.encode(keyValues, forKey: .keyValues)
        try container.encode(tables, forKey: .tables)
        try container.encode(checkboxes, forKey: .checkboxes)
        try container.encode(sections, forKey: .sections)
        try container.encode(findings, forKey: .findings)
        try container.encode(quality, forKey: .quality)
        try container.encode(generatedAt, forKey: .generatedAt)
    }
}

/// The report of a study, `docket report --study KEY --format json`: its images with their
/// attributes beside the reports of its written documents.
public struct StudyReportResource: Codable, Sendable, Equatable {
    public struct Image: Codable, Sendable, Equatable {
        public var documentID: Int64
        public var documentName: String
        public var mediaType: String
        public var widthPixels: Int?
        public var heightPixels: Int?
        /// Identifiers hidden unless the report was asked to show them.
        public var dicom: DICOMResource?
        /// Text burned into the image, as OCR read it.
        public var text: String

        init(from image: StudyReport.Image) {
            documentID = image.documentID
            documentName = image.name
            mediaType = image.mediaType
            widthPixels = image.widthPixels
            heightPixels = image.heightPixels
            dicom = image.dicom.map(DICOMResource.init(from:))
            text = image.text
        }

        enum CodingKeys: String, CodingKey {
            case documentID = "document_id", documentName = "document_name", mediaType = "media_type"
            case widthPixels = "width_pixels", heightPixels = "height_pixels", dicom, text
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(documentID, forKey: .documentID)
            try container.encode(documentName, forKey: .documentName)
            try container.encode(mediaType, forKey: .mediaType)
            try container.encode(widthPixels, forKey: .widthPixels)
            try container.encode(heightPixels, forKey: .heightPixels)
            try container.encode(dicom, forKey: .dicom)
            try container.encode(text, forKey: .text)
        }
    }

    public var key: String
    public var identifiersShown: Bool
    public var images: [Image]
    public var reports: [ReportResource]

    public init(from report: StudyReport) {
        key = report.key
        identifiersShown = report.identifiersShown
        images = report.images.map(Image.init(from:))
        reports = report.reports.map(ReportResource.init(from:))
    }

    enum CodingKeys: String, CodingKey {
        case key, identifiersShown = "identifiers_shown", images, reports
    }
}
