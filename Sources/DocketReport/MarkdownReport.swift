import DocketModel
import Foundation

/// The report as Markdown, for a ticket, a wiki or a terminal.
public enum MarkdownReport {
    public static func render(_ report: DocumentReport) -> String {
        var text = "# \(escape(report.document.name))\n\n"
        text += "\(report.type.rawValue), \(report.document.pages) page\(report.document.pages == 1 ? "" : "s"), "
        text += "\(report.document.mediaType), submitted \(report.document.submittedAt), document \(report.document.id)\n\n"

        text += "## Summary\n\n"
        if report.summary.isEmpty { text += "Nothing was found to summarise.\n" }
        for item in report.summary {
            let value = item.value.flatMap { value in
                value.text == item.text ? nil : " (\(value))"
            } ?? ""
            text += "- **\(escape(item.label))**: \(escape(item.text))\(value) — \(where_(item.evidence))\n"
        }

        if !report.fields.isEmpty {
            text += "\n## Fields\n\n| field | text | value | confidence | where |\n|---|---|---|---|---|\n"
            for field in report.fields {
                let answer = field.answer
                text += "| \(field.name) | \(escape(answer.text ?? "not found")) | \(answer.value?.description ?? "") "
                text += "| \(String(format: "%.2f", answer.confidence)) | \(answer.evidence.map(where_) ?? "") |\n"
            }
        }

        // A form's labelled values are its fields, listed above.
        if !report.keyValues.isEmpty, report.type != .form {
            text += "\n## Labelled values\n\n| label | value | confidence | where |\n|---|---|---|---|\n"
            for pair in report.keyValues {
                text += "| \(escape(pair.key)) | \(escape(pair.value)) | \(String(format: "%.2f", pair.confidence)) | \(where_(pair.evidence)) |\n"
            }
        }
        if !report.checkboxes.isEmpty {
            text += "\n## Checkboxes\n\n"
            for checkbox in report.checkboxes {
                text += "- [\(checkbox.checked ? "x" : " ")] \(escape(checkbox.label)) — \(where_(checkbox.evidence))\n"
            }
        }
        for (index, table) in report.tables.enumerated() {
            text += "\n## Table \(index + 1) (page \(table.page)\(table.ruled ? ", ruled" : ""))\n\n"
            guard let header = table.rows.first else { continue }
            text += "| " + header.map(escape).joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
            for row in table.rows.dropFirst() { text += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        }

        if !report.answers.isEmpty {
            text += "\n## Questions asked\n\n"
            for answer in report.answers {
                let said = answer.text.map { "\(escape($0)) (confidence \(String(format: "%.2f", answer.confidence)), \(answer.evidence.map(where_) ?? "no box"))" } ?? "not found"
                text += "- \(escape(answer.question)) → \(said)\n"
            }
        }

        if !report.findings.isEmpty {
            text += "\n## Findings\n\n| finding | says | sentence | where |\n|---|---|---|---|\n"
            for finding in report.findings {
                text += "| \(finding.finding) | \(finding.status.rawValue) | \(escape(finding.sentence)) | \(finding.evidence.map(where_) ?? "") |\n"
            }
        }
        if !report.sections.isEmpty {
            text += "\n## Sections\n\n"
            for section in report.sections { text += "**\(escape(section.name))** \(escape(section.text))\n\n" }
        }

        text += "\n## Reading quality\n\n| page | source | words | mean confidence | low-confidence words | review |\n|---|---|---|---|---|---|\n"
        for page in report.quality {
            text += "| \(page.page) | \(page.source.rawValue) | \(page.words) | \(page.meanConfidence.map { String(format: "%.0f", $0) } ?? "-") "
            text += "| \(String(format: "%.0f%%", page.lowConfidenceShare * 100)) | \(page.needsReview ? "yes: " + page.reasons.joined(separator: "; ") : "no") |\n"
        }
        text += "\nGenerated \(report.generatedAt) by Docket. Boxes are PDF points from the page's top-left corner.\n"
        return text
    }

    static func where_(_ evidence: Evidence) -> String {
        let box = [evidence.box.x0, evidence.box.y0, evidence.box.x1, evidence.box.y1].map { String(format: "%.0f", $0) }.joined(separator: ", ")
        return "page \(evidence.page), box [\(box)]"
    }

    /// Keeps table cells and emphasis intact: pipes, asterisks, underscores and backticks escaped, line breaks joined.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|", "*", "_", "`", "[", "]", "<", ">", "#": escaped += "\\" + String(character)
            case "\n", "\r": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
