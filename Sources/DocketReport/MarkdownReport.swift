import DocketModel
import Foundation

/// The report as Markdown, for a ticket, a wiki or a terminal.
public enum MarkdownReport {
    public static func render(_ report: DocumentReport) -> String {
        var text = "# \(escape(report.document.name))\n\n"
        text += "\(report.type.rawValue), \(report.document.pages) page\(report.document.pages == 1 ? "" : "s"), "
        text += "\(escape(report.document.mediaType)), submitted \(report.document.submittedAt), document \(report.document.id)\n\n"

        text += "## Summary\n\n"
        if report.summary.isEmpty { text += "Nothing was found to summarise.\n" }
        for item in report.summary {
            let value = item.value.flatMap { value in
                value.text == item.text ? nil : " (\(escape(value.description)))"
            } ?? ""
            text += "- **\(escape(item.label))**: \(escape(item.text))\(value) — \(where_(item.evidence))\n"
        }

        if !report.fields.isEmpty {
            text += "\n## Fields\n\n| field | text | value | confidence | where |\n|---|---|---|---|---|\n"
            for field in report.fields {
                let answer = field.answer
                text += "| \(escape(field.name)) | \(escape(answer.text ?? "not found")) | \(escape(answer.value?.description ?? "")) "
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
                text += "| \(escape(finding.finding)) | \(finding.status.rawValue) | \(escape(finding.sentence)) | \(finding.evidence.map(where_) ?? "") |\n"
            }
        }
        if !report.sections.isEmpty {
            text += "\n## Sections\n\n"
            for section in report.sections { text += "**\(escape(section.name))** \(escape(section.text))\n\n" }
        }

        text += "\n## Reading quality\n\n| page | source | words | mean confidence | low-confidence words | review |\n|---|---|---|---|---|---|\n"
        for page in report.quality {
            text += "| \(page.page) | \(page.source.rawValue) | \(page.words) | \(page.meanConfidence.map { String(format: "%.0f", $0) } ?? "-") "
            text += "| \(String(format: "%.0f%%", page.lowConfidenceShare * 100)) | \(page.needsReview ? "yes: " + escape(page.reasons.joined(separator: "; ")) : "no") |\n"
        }
        text += "\nGenerated \(report.generatedAt) by Docket. Boxes are PDF points from the page's top-left corner.\n"
        return text
    }

    static func where_(_ evidence: Evidence) -> String {
        let box = [evidence.box.x0, evidence.box.y0, evidence.box.x1, evidence.box.y1].map { String(format: "%.0f", $0) }.joined(separator: ", ")
        return "page \(evidence.page), box [\(box)]"
    }

    /// Makes text read from a document inert in Markdown, so it shows as written and stays in its
    /// table cell or list item: the characters HTML gives meaning to become entities (renderers pass
    /// raw HTML through to the browser), Markdown's inline punctuation is backslash-escaped, a
    /// heading, list or break marker is escaped, and line breaks become spaces.
    /// Numbers (1,237.60, -12.5) come out as they went in.
    static func escape(_ text: String) -> String {
        var escaped = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\\", "|", "*", "_", "`", "[", "]", "~": escaped += "\\" + String(character)
            case _ where character.isNewline: escaped += " "
            // A # before a space or the end opens or closes a heading; "#12" stays as it is.
            case "#" where next.map { !$0.isLetter && !$0.isNumber } ?? true:
                escaped += "\\#"
            default: escaped.append(character)
            }
        }
        return escapingLeadingMarker(escaped)
    }

    /// Every value may open a line (a heading, a list item's text), where `-`, `+` or `1.` would
    /// start a block of its own (`#` and `>` are escaped wherever they stand).
    private static func escapingLeadingMarker(_ text: String) -> String {
        guard let start = text.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return text }
        let rest = text[start...]
        switch rest.first {
        case "-", "+":
            let isSignedNumber = rest.dropFirst().first?.isNumber == true || rest.dropFirst().first == "."
            return isSignedNumber ? text : String(text[..<start]) + "\\" + String(rest)
        default:
            // An ordered list item: up to nine digits, then . or ), then a space or the end.
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let marker = rest.dropFirst(digits.count)
            guard (1...9).contains(digits.count), let delimiter = marker.first, delimiter == "." || delimiter == ")",
                  marker.dropFirst().first.map({ $0 == " " || $0 == "\t" }) ?? true
            else { return text }
            return String(text[..<marker.startIndex]) + "\\" + String(marker)
        }
    }
}
