import DocketModel
import Foundation

/// A page's picture for the HTML report: a PNG and the size of the page it shows, in PDF points.
public struct ReportPageImage: Sendable {
    public var page: Int
    public var png: [UInt8]
    public var pixelWidth: Int
    public var pixelHeight: Int
    public var pointWidth: Double
    public var pointHeight: Double

    public init(page: Int, png: [UInt8], pixelWidth: Int, pixelHeight: Int, pointWidth: Double, pointHeight: Double) {
        self.page = page
        self.png = png
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.pointWidth = pointWidth
        self.pointHeight = pointHeight
    }
}

/// The report as one self-contained HTML file: each page's image with numbered boxes where the
/// answers were read, and the answers beside it. No scripts, fonts or images from the network.
public enum HTMLReport {
    /// A numbered box on a page and what was read there.
    struct Mark {
        var number: Int
        var evidence: Evidence
        var labels: [String]
    }

    public static func render(_ report: DocumentReport, images: [ReportPageImage]) -> String {
        let marks = Self.marks(of: report)
        func link(_ evidence: Evidence?) -> String {
            guard let evidence, let mark = marks.first(where: { $0.evidence.page == evidence.page && $0.evidence.box == evidence.box }) else {
                return "<span class=\"nobox\">no box</span>"
            }
            return "<a class=\"ref\" href=\"#mark-\(mark.number)\">\(mark.number) · page \(evidence.page)</a>"
        }

        var html = head(title: report.document.name) + """
            <header>
            <h1>\(escape(report.document.name))</h1>
            <p class="meta">\(escape(report.type.rawValue)) · \(report.document.pages) page\(report.document.pages == 1 ? "" : "s") · \(escape(report.document.mediaType)) · submitted \(escape(report.document.submittedAt)) · document \(report.document.id)</p>
            </header>
            <main>
            <section id="summary">
            <h2>Summary</h2>

            """
        if report.summary.isEmpty {
            html += "<p>Nothing was found to summarise.</p>\n"
        } else {
            html += "<dl class=\"summary\">\n"
            for item in report.summary {
                html += "<dt>\(escape(item.label))</dt><dd>\(escape(item.text))\(valueText(item.value, of: item.text)) \(link(item.evidence))</dd>\n"
            }
            html += "</dl>\n"
        }
        html += "</section>\n"

        let reviewPages = report.quality.filter(\.needsReview)
        if !reviewPages.isEmpty {
            html += "<p class=\"review\">A person should check page\(reviewPages.count == 1 ? "" : "s") \(reviewPages.map { String($0.page) }.joined(separator: ", ")): see Reading quality.</p>\n"
        }

        html += "<section id=\"pages\">\n<h2>Pages</h2>\n"
        for image in images.sorted(by: { $0.page < $1.page }) {
            let onPage = marks.filter { $0.evidence.page == image.page }
            html += "<div class=\"page\" id=\"page-\(image.page)\">\n<figure class=\"sheet\" data-page=\"\(image.page)\" data-points=\"\(image.pointWidth)x\(image.pointHeight)\">\n"
            html += "<img alt=\"Page \(image.page)\" width=\"\(image.pixelWidth)\" height=\"\(image.pixelHeight)\" src=\"data:image/png;base64,\(Data(image.png).base64EncodedString())\">\n"
            for mark in onPage {
                let box = mark.evidence.box
                let style = String(format: "left:%.4f%%;top:%.4f%%;width:%.4f%%;height:%.4f%%",
                                   box.x0 / image.pointWidth * 100, box.y0 / image.pointHeight * 100,
                                   box.width / image.pointWidth * 100, box.height / image.pointHeight * 100)
                html += "<div class=\"mark\" id=\"mark-\(mark.number)\" data-box=\"\(box.x0),\(box.y0),\(box.x1),\(box.y1)\" style=\"\(style)\"><span>\(mark.number)</span></div>\n"
            }
            html += "</figure>\n<aside>\n<h3>Page \(image.page)</h3>\n"
            if onPage.isEmpty {
                html += "<p>Nothing was answered from this page.</p>\n"
            } else {
                html += "<ol class=\"found\">\n"
                for mark in onPage { html += "<li value=\"\(mark.number)\">\(mark.labels.joined(separator: "<br>"))</li>\n" }
                html += "</ol>\n"
            }
            if let quality = report.quality.first(where: { $0.page == image.page }) { html += "<p class=\"quality\">\(qualityText(quality))</p>\n" }
            html += "</aside>\n</div>\n"
        }
        html += "</section>\n"

        if !report.fields.isEmpty {
            html += "<section id=\"fields\">\n<h2>Fields of a \(escape(report.type.rawValue))</h2>\n<table>\n<tr><th>field</th><th>text</th><th>value</th><th>confidence</th><th>where</th></tr>\n"
            for field in report.fields {
                let answer = field.answer
                html += "<tr><td>\(escape(field.name))</td><td>\(answer.text.map(escape) ?? "<em>not found</em>")</td><td>\(answer.value.map { escape($0.description) } ?? "")</td>"
                html += "<td>\(String(format: "%.2f", answer.confidence))</td><td>\(answer.text == nil ? "" : link(answer.evidence))</td></tr>\n"
            }
            html += "</table>\n</section>\n"
        }
        // A form's labelled values are its fields, listed above.
        if !report.keyValues.isEmpty, report.type != .form {
            html += "<section id=\"labelled-values\">\n<h2>Labelled values</h2>\n<table>\n<tr><th>label</th><th>value</th><th>confidence</th><th>where</th></tr>\n"
            for pair in report.keyValues {
                html += "<tr><td>\(escape(pair.key))</td><td>\(escape(pair.value))</td><td>\(String(format: "%.2f", pair.confidence))</td><td>\(link(pair.evidence))</td></tr>\n"
            }
            html += "</table>\n</section>\n"
        }
        if !report.checkboxes.isEmpty {
            html += "<section id=\"checkboxes\">\n<h2>Checkboxes</h2>\n<ul class=\"checkboxes\">\n"
            for checkbox in report.checkboxes {
                html += "<li><span class=\"tick\">\(checkbox.checked ? "☒" : "☐")</span> \(escape(checkbox.label)) <small>\(checkbox.checked ? "ticked" : "empty")</small> \(link(checkbox.evidence))</li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        for (index, table) in report.tables.enumerated() {
            html += "<section class=\"table\">\n<h2>Table \(index + 1) <small>page \(table.page)\(table.ruled ? ", ruled" : "")</small></h2>\n<table>\n"
            for (rowIndex, row) in table.rows.enumerated() {
                let cell = rowIndex == 0 ? "th" : "td"
                html += "<tr>" + row.map { "<\(cell)>\(escape($0))</\(cell)>" }.joined() + "</tr>\n"
            }
            html += "</table>\n</section>\n"
        }
        if !report.answers.isEmpty {
            html += "<section id=\"answers\">\n<h2>Questions asked</h2>\n<table>\n<tr><th>question</th><th>answer</th><th>value</th><th>confidence</th><th>where</th></tr>\n"
            for answer in report.answers {
                html += "<tr><td>\(escape(answer.question))</td><td>\(answer.text.map(escape) ?? "<em>not found</em>")</td><td>\(answer.value.map { escape($0.text) } ?? "")</td>"
                html += "<td>\(String(format: "%.2f", answer.confidence))</td><td>\(answer.text == nil ? "" : link(answer.evidence))</td></tr>\n"
            }
            html += "</table>\n</section>\n"
        }
        if !report.findings.isEmpty {
            html += "<section id=\"findings\">\n<h2>Findings</h2>\n<table>\n<tr><th>finding</th><th>the report says</th><th>sentence</th><th>where</th></tr>\n"
            for finding in report.findings {
                html += "<tr class=\"\(finding.status.rawValue)\"><td>\(escape(finding.finding))</td><td>\(escape(finding.status.rawValue))</td><td>\(escape(finding.sentence))</td><td>\(link(finding.evidence))</td></tr>\n"
            }
            html += "</table>\n</section>\n"
        }
        html += "<section id=\"quality\">\n<h2>Reading quality</h2>\n<table>\n<tr><th>page</th><th>source</th><th>words</th><th>mean confidence</th><th>low-confidence words</th><th>review</th></tr>\n"
        for page in report.quality {
            html += "<tr><td>\(page.page)</td><td>\(page.source.rawValue)</td><td>\(page.words)</td><td>\(page.meanConfidence.map { String(format: "%.0f", $0) } ?? "-")</td>"
            html += "<td>\(String(format: "%.0f%%", page.lowConfidenceShare * 100))</td><td>\(page.needsReview ? "<span class=\"review\">yes</span>: " + escape(page.reasons.joined(separator: "; ")) : "no")</td></tr>\n"
        }
        html += "</table>\n</section>\n</main>\n<footer>Generated \(escape(report.generatedAt)) by Docket from what was read from the document; each statement links to the box it was read from.</footer>\n</body>\n</html>\n"
        return html
    }

    /// The document's start up to its body: no scripts, fonts or anything else from the network.
    static func head(title: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Docket">
        <title>\(escape(title)) · Docket report</title>
        <style>\(style)\(extraStyle)</style>
        </head>
        <body>

        """
    }

    /// One mark per distinct box that evidence points at, numbered in reading order of the report.
    static func marks(of report: DocumentReport) -> [Mark] {
        var marks: [Mark] = []
        func add(_ evidence: Evidence?, _ label: String) {
            guard let evidence else { return }
            if let index = marks.firstIndex(where: { $0.evidence.page == evidence.page && $0.evidence.box == evidence.box }) {
                if !marks[index].labels.contains(label) { marks[index].labels.append(label) }
            } else {
                marks.append(Mark(number: marks.count + 1, evidence: evidence, labels: [label]))
            }
        }
        for item in report.summary { add(item.evidence, "<b>\(escape(item.label))</b>: \(escape(item.text))\(valueText(item.value, of: item.text))") }
        for field in report.fields where field.answer.text != nil {
            add(field.answer.evidence, "<b>\(escape(field.name))</b>: \(escape(field.answer.text ?? ""))\(valueText(field.answer.value, of: field.answer.text)) <small>(confidence \(String(format: "%.2f", field.answer.confidence)))</small>")
        }
        for answer in report.answers where answer.text != nil {
            add(answer.evidence, "<b>\(escape(answer.question))</b> \(escape(answer.text ?? "")) <small>(confidence \(String(format: "%.2f", answer.confidence)))</small>")
        }
        for finding in report.findings { add(finding.evidence, "<b>\(escape(finding.finding))</b>: \(escape(finding.status.rawValue))") }
        for checkbox in report.checkboxes {
            add(checkbox.evidence, "\(checkbox.checked ? "☒" : "☐") \(escape(checkbox.label)) <small>(\(checkbox.checked ? "ticked" : "empty"))</small>")
        }
        return marks
    }

    /// " = 1237.60 EUR" after "1,237.60 EUR"; nothing when the value reads as the text does.
    static func valueText(_ value: NormalizedValue?, of text: String?) -> String {
        guard let value, value.kind != .yesNo, value.text != text else { return "" }
        return " <span class=\"value\">= \(escape(value.description))</span>"
    }

    static func qualityText(_ quality: DocumentReport.PageQuality) -> String {
        let confidence = quality.meanConfidence.map { String(format: ", mean confidence %.0f", $0) } ?? ""
        let review = quality.needsReview ? " <span class=\"review\">Needs review: \(escape(quality.reasons.joined(separator: "; "))).</span>" : ""
        return "\(quality.words) words (\(quality.source.rawValue)\(confidence)).\(review)"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static let style = """
        :root{color-scheme:light}
        body{margin:0;font:15px/1.5 "DejaVu Sans",system-ui,sans-serif;color:#1c1c1e;background:#f2f2f5}
        header{background:#fff;border-bottom:1px solid #d8d8de;padding:18px 28px}
        header h1{margin:0;font-size:22px}
        .meta{margin:4px 0 0;color:#55555c}
        main{padding:8px 28px 28px}
        h2{font-size:18px;margin:24px 0 10px}
        dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid #d8d8de;padding:12px 16px;margin:0}
        dl.summary dt{font-weight:700}
        dl.summary dd{margin:0}
        .value{color:#3a3a40}
        .ref{font-size:12px;background:#e00000;color:#fff;border-radius:3px;padding:0 5px;text-decoration:none;white-space:nowrap}
        .nobox{font-size:12px;color:#77777c}
        .page{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start;margin:0 0 28px}
        .sheet{position:relative;margin:0;width:min(820px,100%);background:#fff;box-shadow:0 1px 5px rgba(0,0,0,.3)}
        .sheet img{display:block;width:100%;height:auto}
        .mark{position:absolute;box-sizing:content-box;border:3px solid #e00000;margin:-3px 0 0 -3px}
        .mark span{position:absolute;left:-3px;top:-19px;background:#e00000;color:#fff;font-size:12px;line-height:16px;padding:0 5px;border-radius:3px 3px 0 0}
        aside{flex:1 1 260px;background:#fff;border:1px solid #d8d8de;padding:10px 16px}
        aside h3{margin:4px 0 8px;font-size:16px}
        ol.found{padding-left:26px;margin:0}
        ol.found li{margin:0 0 8px}
        table{border-collapse:collapse;background:#fff}
        th,td{border:1px solid #d8d8de;padding:5px 9px;text-align:left;vertical-align:top}
        th{background:#ececf0}
        tr.yes td:nth-child(2){color:#b00020;font-weight:700}
        .review{color:#b00020;font-weight:700}
        ul.checkboxes{list-style:none;padding:0;margin:0}
        .tick{font-size:18px}
        footer{padding:0 28px 28px;color:#55555c;font-size:13px}
        @media print{body{background:#fff}.page{break-inside:avoid}.sheet{box-shadow:none;border:1px solid #999}}
        """
}
