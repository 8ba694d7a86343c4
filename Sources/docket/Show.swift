import ArgumentParser
import DocketModel
import DocketStore
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what was read from a document: its text and layout, or its words with boxes (json, hocr).",
        discussion: """
            Boxes are in PDF points (1/72 inch) with the origin at the page's top-left corner.

            EXAMPLES
              docket show 3
              docket show 3 --format json | jq '.pages[0].words[0]'
              docket show 3 --format json | jq '.pages[0].layout.checkboxes'
              docket show 3 --format hocr > page.hocr
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, hocr }

    @OptionGroup var store: StoreOptions
    @Argument(help: "Document id.") var document: Int64
    @Option(help: "Output format: text, json, hocr.") var format: Format = .text

    struct Shown: Encodable {
        var summary: DocumentSummary
        var pages: [Page]
    }

    func run() throws {
        let database = try store.open()
        let (summary, pages) = try withExitCodes { () throws -> (DocumentSummary, [Page]) in
            let summary = try database.summary(of: document)
            let pages = try database.pages(of: document)
            guard !pages.isEmpty else { throw StoreError.notProcessed(document: document) }
            return (summary, pages)
        }
        switch format {
        case .json: try Output.json(Shown(summary: summary, pages: pages))
        case .hocr: print(HOCR.document(pages, title: summary.document.originalName))
        case .text:
            for page in pages {
                let confidence = page.meanConfidence.map { String(format: ", mean confidence %.0f", $0) } ?? ""
                print("--- page \(page.number) (\(page.source.rawValue), \(page.words.count) words\(confidence)) ---")
                print(page.text)
                if let layout = page.layout { print(LayoutSummary.text(layout), terminator: "") }
            }
        }
    }
}

/// hOCR 1.2 (http://kba.github.io/hocr-spec/1.2/): pages, lines and words with their boxes. Docket's
/// boxes are in points, so each page declares a scan resolution of 72.
enum HOCR {
    static func document(_ pages: [Page], title: String) -> String {
        var html = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
            <head>
            <title>\(escape(title))</title>
            <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
            <meta name="ocr-system" content="docket"/>
            <meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word"/>
            </head>
            <body>

            """
        for page in pages {
            html += "<div class=\"ocr_page\" id=\"page_\(page.number)\" title=\"bbox 0 0 \(Int(page.width.rounded())) \(Int(page.height.rounded())); ppageno \(page.number - 1); scan_res 72 72\">\n"
            for (lineIndex, line) in page.lines.enumerated() {
                html += "  <span class=\"ocr_line\" id=\"line_\(page.number)_\(lineIndex + 1)\" title=\"\(bbox(line.box))\">"
                html += line.wordIndices.map { index in
                    let word = page.words[index]
                    return "<span class=\"ocrx_word\" id=\"word_\(page.number)_\(index + 1)\" title=\"\(bbox(word.box)); x_wconf \(Int(word.confidence.rounded()))\">\(escape(word.text))</span>"
                }.joined(separator: " ")
                html += "</span>\n"
            }
            html += "</div>\n"
        }
        return html + "</body>\n</html>"
    }

    private static func bbox(_ box: Box) -> String {
        "bbox \(Int(box.x0.rounded(.down))) \(Int(box.y0.rounded(.down))) \(Int(box.x1.rounded(.up))) \(Int(box.y1.rounded(.up)))"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
