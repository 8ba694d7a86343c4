import DocketAnswer
import DocketModel
import Foundation

/// Builds a document's report from what was read from it.
public struct ReportBuilder: Sendable {
    private let answerer: DocumentAnswerer

    public init(answerer: DocumentAnswerer = DocumentAnswerer()) {
        self.answerer = answerer
    }

    /// `type` and `fields` as the job stored them; read again from the pages when nil (a document
    /// read by an older version).
    public func build(
        source: DocumentReport.Source, pages: [Page], type: DocumentType?, fields: [DocumentField]?, answers: [Answer],
        generatedAt: Date = Date()
    ) -> DocumentReport {
        let standard = StandardFields(answerer: answerer)
        let (readType, readFields) = (type == nil || fields == nil) ? standard.read(pages) : (type!, fields!)
        let findingsReader = FindingsReader()
        let isMedical = readType == .medicalReport
        let findings = isMedical ? findingsReader.findings(in: pages) : []
        return DocumentReport(
            document: source, type: readType,
            summary: summary(pages: pages, fields: readFields, findings: findings),
            fields: readFields.map { DocumentReport.Field(name: $0.name, answer: $0.answer) },
            answers: answers,
            keyValues: pages.flatMap(Self.keyValues),
            tables: pages.flatMap { page in
                (page.layout?.tables ?? []).map { .init(page: page.number, box: $0.box, ruled: $0.ruled, rows: $0.rows) }
            },
            checkboxes: pages.flatMap(Self.checkboxes),
            sections: isMedical ? findingsReader.sections(of: pages) : [],
            findings: findings,
            quality: pages.map(Self.quality),
            generatedAt: ISO8601DateFormatter().string(from: generatedAt))
    }

    /// Title, parties, dates, amounts and findings, each only where a stored box says it.
    func summary(pages: [Page], fields: [DocumentField], findings: [ReportedFinding]) -> [DocumentReport.SummaryItem] {
        var items: [DocumentReport.SummaryItem] = []
        if let title = Self.title(of: pages) { items.append(title) }
        for field in fields {
            guard let text = field.answer.text, let evidence = field.answer.evidence else { continue }
            let kind: DocumentReport.SummaryItem.Kind? = switch (field.name, field.answer.value?.kind) {
            case ("vendor", _), ("address", _): .party
            case (_, .date?): .date
            case (_, .amount?): .amount
            default: nil
            }
            guard let kind else { continue }
            items.append(.init(kind: kind, label: Self.label(of: field.name), text: text, value: field.answer.value, evidence: evidence))
        }
        // What the report finds, and its conclusion; what it rules out is listed under its findings.
        for finding in findings where finding.status != .absent {
            guard let evidence = finding.evidence else { continue }
            items.append(.init(kind: .finding, label: finding.finding, text: finding.sentence,
                               value: NormalizedValue(kind: .yesNo, text: finding.status.rawValue), evidence: evidence))
        }
        if !findings.isEmpty, let impression = Self.section(named: ["IMPRESSION", "CONCLUSION"], in: pages) {
            items.append(impression)
        }
        return items
    }

    /// A section's text with the box of its lines: the header's line and the lines after it up to
    /// the next header or blank line.
    static func section(named names: Set<String>, in pages: [Page]) -> DocumentReport.SummaryItem? {
        for page in pages {
            guard let start = page.lines.firstIndex(where: { line in
                let head = line.text.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).uppercased() } ?? ""
                return names.contains(head)
            }) else { continue }
            var lines = [page.lines[start]]
            for line in page.lines[(start + 1)...] {
                let isHeader = line.text.range(of: #"^[A-Z][A-Z /]+:"#, options: .regularExpression) != nil
                if isHeader || line.text.trimmingCharacters(in: .whitespaces).isEmpty || line.box.y0 - lines.last!.box.y1 > line.box.height * 0.8 { break }
                lines.append(line)
            }
            let header = page.lines[start].text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "Impression"
            var text = lines.map(\.text).joined(separator: " ")
            if let colon = text.firstIndex(of: ":") { text = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            guard !text.isEmpty, let box = Box.enclosing(lines.map(\.box)) else { continue }
            return .init(kind: .finding, label: header.prefix(1).uppercased() + header.dropFirst().lowercased(), text: text, value: nil,
                         evidence: Evidence(page: page.number, box: box, wordIndices: lines.flatMap(\.wordIndices)))
        }
        return nil
    }

    /// The tallest line in the top third of the first page with text, its first when all are alike.
    static func title(of pages: [Page]) -> DocumentReport.SummaryItem? {
        guard let page = pages.first(where: { !$0.lines.isEmpty }) else { return nil }
        let candidates = page.lines.filter { $0.box.y0 < page.height / 3 && $0.text.contains(where: \.isLetter) }
        func height(_ line: Line) -> Double {
            let heights = line.wordIndices.map { page.words[$0].box.height }.sorted()
            return heights.isEmpty ? 0 : heights[heights.count / 2]
        }
        guard let tallest = candidates.max(by: { height($0) < height($1) || (height($0) == height($1) && $0.box.y0 > $1.box.y0) })
        else { return nil }
        return .init(kind: .title, label: "Title", text: tallest.text, value: nil,
                     evidence: Evidence(page: page.number, box: tallest.box, wordIndices: tallest.wordIndices))
    }

    static func label(of fieldName: String) -> String {
        switch fieldName {
        case "vendor": "Issued by"
        case "invoice-number": "Invoice number"
        case "due-date": "Due date"
        default: fieldName.prefix(1).uppercased() + fieldName.dropFirst()
        }
    }

    static func keyValues(of page: Page) -> [DocumentReport.KeyValue] {
        (page.layout?.keyValues ?? []).compactMap { pair in
            let words = pair.valueWordIndices.filter(page.words.indices.contains).map { page.words[$0] }
            guard !words.isEmpty else { return nil }
            let key = pair.keyText.trimmingCharacters(in: CharacterSet(charactersIn: ": ").union(.whitespaces))
            return .init(key: key, value: pair.valueText, confidence: words.map(\.confidence).reduce(0, +) / Double(words.count) / 100,
                         evidence: Evidence(page: page.number, box: pair.valueBox, wordIndices: pair.valueWordIndices))
        }
    }

    static func checkboxes(of page: Page) -> [DocumentReport.Checkbox] {
        (page.layout?.checkboxes ?? []).map { checkbox in
            .init(label: checkbox.labelText, checked: checkbox.isChecked, fillRatio: checkbox.fillRatio,
                  evidence: Evidence(page: page.number, box: checkbox.labelBox.map(checkbox.box.union) ?? checkbox.box,
                                     wordIndices: checkbox.labelWordIndices))
        }
    }

    /// How well the page was read, and why a person should look at it when it was not.
    public static func quality(of page: Page) -> DocumentReport.PageQuality {
        let low = page.words.count { $0.confidence < DocumentReport.PageQuality.lowConfidence }
        let lowShare = page.words.isEmpty ? 0 : Double(low) / Double(page.words.count)
        var reasons: [String] = []
        if page.source == .ocr {
            if page.words.isEmpty { reasons.append("no text was read: a blank page, a picture, or a scan too faint to read") }
            if let mean = page.meanConfidence, mean < reviewBelowMeanConfidence {
                reasons.append(String(format: "mean confidence %.0f is below %.0f", mean, reviewBelowMeanConfidence))
            }
            if lowShare > reviewAboveLowShare {
                reasons.append(String(format: "%.0f%% of its words were read with confidence below %.0f", lowShare * 100, DocumentReport.PageQuality.lowConfidence))
            }
        }
        if page.picturesUnread > 0 {
            reasons.append("\(page.picturesUnread) of its pictures \(page.picturesUnread == 1 ? "was" : "were") not read: the time for reading "
                           + "a page's pictures ran out (DOCKET_FIGURE_OCR_SECONDS raises it)")
        }
        return .init(page: page.number, source: page.source, words: page.words.count, meanConfidence: page.meanConfidence,
                     lowConfidenceShare: lowShare, needsReview: !reasons.isEmpty, reasons: reasons)
    }

    static let reviewBelowMeanConfidence = 75.0
    static let reviewAboveLowShare = 0.2
}
