import DocketFixtures
import DocketModel
@testable import DocketReport
import Foundation
import Testing

/// What a document says must show in its Markdown report as written, never as markup: rendered by a
/// CommonMark renderer into a browser, raw HTML in it would run.
@Suite struct MarkdownEscapingTests {
    private static let source = DocumentReport.Source(
        id: 1, name: "form.txt", mediaType: "text/plain", sha256: "x", submittedAt: "2026-03-01T00:00:00Z", pages: 1)

    private func formReport(fieldName: String, text: String = "yes", value: NormalizedValue? = nil) -> DocumentReport {
        let page = gridPage(["\(fieldName): \(text)"], confidence: 95, source: .plainText)
        let evidence = Evidence(page: 1, box: page.words[0].box, wordIndices: [0])
        let field = DocumentField(name: fieldName, answer: Answer(question: fieldName, text: text, value: value, confidence: 0.9, evidence: evidence))
        return ReportBuilder().build(source: Self.source, pages: [page], type: .form, fields: [field], answers: [])
    }

    @Test func aFieldNamedLikeAnHTMLTagIsShownAsText() {
        let markdown = MarkdownReport.render(formReport(fieldName: "<img src=x onerror=\"alert(document.domain)\">"))
        #expect(!markdown.contains("<img"), "\(markdown)")
        #expect(markdown.contains("| &lt;img src=x onerror=&quot;alert(document.domain)&quot;&gt; | yes |"), "\(markdown)")
    }

    @Test func everyTableRowKeepsItsColumns() {
        let report = formReport(fieldName: "a|b", text: "c | d", value: NormalizedValue(kind: .amount, text: "5.00", unit: "E|R"))
        let lines = MarkdownReport.render(report).split(separator: "\n", omittingEmptySubsequences: false)
        var columns: Int?
        var rowsChecked = 0
        for (index, line) in lines.enumerated() {
            guard line.hasPrefix("|") else { columns = nil; continue }
            if index + 1 < lines.count, lines[index + 1].hasPrefix("|---") { columns = Self.unescapedPipes(in: line); continue }
            if line.hasPrefix("|---") { continue }
            #expect(Self.unescapedPipes(in: line) == columns, "\(line)")
            rowsChecked += 1
        }
        #expect(rowsChecked >= 2)
    }

    @Test func htmlSpecialCharactersBecomeEntities() {
        #expect(MarkdownReport.escape("AT&T said \"no\" & 'maybe' <b>") == "AT&amp;T said &quot;no&quot; &amp; &#39;maybe&#39; &lt;b&gt;")
    }

    @Test func inlinePunctuationIsBackslashEscaped() {
        #expect(MarkdownReport.escape("*a* _b_ `c` [d](e) ~~f~~ g\\h") == "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\~\\~f\\~\\~ g\\\\h")
        #expect(MarkdownReport.escape("line one\nline two\r\nthree") == "line one line two three")
    }

    @Test func aMarkerThatWouldOpenABlockIsEscaped() {
        #expect(MarkdownReport.escape("# Heading") == "\\# Heading")
        #expect(MarkdownReport.escape("Report #") == "Report \\#")
        #expect(MarkdownReport.escape("## Two") == "\\#\\# Two")
        #expect(MarkdownReport.escape("- item") == "\\- item")
        #expect(MarkdownReport.escape("+ item") == "\\+ item")
        #expect(MarkdownReport.escape("---") == "\\---")
        #expect(MarkdownReport.escape("> quoted") == "&gt; quoted")
        #expect(MarkdownReport.escape("1. first") == "1\\. first")
        #expect(MarkdownReport.escape("2026) second") == "2026\\) second")
        #expect(MarkdownReport.escape("  3.") == "  3\\.")
    }

    @Test func numbersStayReadable() {
        for number in ["-12.5", "+44", "1,237.60 EUR", "12.50", "2026-03-14", "1.5 mg", "50%", "Invoice #12"] {
            #expect(MarkdownReport.escape(number) == number)
        }
    }

    private static func unescapedPipes(in line: some StringProtocol) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|", !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }
}
