import ArgumentParser
import DocketExtract
import DocketJSON
import DocketModel
import DocketReport
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
              docket show 3 --page 1 --overlay page1.png

            --overlay draws the page as a PNG with its words (blue), layout regions (green) and the
            evidence of its answers and fields (red) over it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, hocr }

    @OptionGroup var store: StoreOptions
    @Argument(help: "Document id.") var document: Int64
    @Option(help: "Output format: text, json, hocr.") var format: Format = .text
    @Option(help: "Only this page (1-based).") var page: Int?
    @Option(help: ArgumentHelp(OutputFile.help("Write the page (--page, default 1) as a PNG with boxes drawn over it."), valueName: "file.png"))
    var overlay: String?
    @Option(help: "Width of the --overlay image in pixels.") var width: Int = 1200
    @Option(help: "The password of an encrypted PDF, to draw its pages as they look (otherwise its words are drawn).")
    var password: String?
    @Flag(help: "Show a DICOM image's patient and study identifiers (hidden by default).") var showIdentifiers = false

    func validate() throws {
        if let page, page < 1 { throw ValidationError("--page counts from 1.") }
        guard (100...6000).contains(width) else { throw ValidationError("--width is between 100 and 6000 pixels.") }
    }

    /// Without its preview, and with identifiers hidden unless --show-identifiers.
    private func imageMetadata(_ database: Store) throws -> ImageMetadata? {
        guard var metadata = try database.imageMetadata(of: document) else { return nil }
        metadata.preview = nil
        if !showIdentifiers { metadata.dicom = metadata.dicom?.deidentified() }
        return metadata
    }

    func run() throws {
        let database = try store.openForReading()
        let (summary, pages) = try withExitCodes { () throws -> (DocumentSummary, [Page]) in
            let summary = try database.summary(of: document)
            let pages = try database.pages(of: document)
            guard !pages.isEmpty else { throw StoreError.notProcessed(document: document) }
            if let page, !pages.contains(where: { $0.number == page }) {
                throw ValidationError("Document \(document) has \(pages.count) page\(pages.count == 1 ? "" : "s"); --page \(page) is not one of them.")
            }
            return (summary, pages.filter { page == nil || $0.number == page })
        }
        if let overlay {
            let shown = pages[0]
            let images = try StoredPageImages(store: database, storeArgument: try store.location.argument, document: document, password: password)
            var marks = shown.words.map { PageMark(box: $0.box, kind: .word) }
            if let layout = shown.layout {
                marks += (layout.blocks.map(\.box) + layout.tables.map(\.box) + layout.checkboxes.map(\.box)).map { PageMark(box: $0, kind: .region) }
            }
            marks += try images.evidenceBoxes(onPage: shown.number).map { PageMark(box: $0, kind: .answer) }
            let image = try PageImages.overlay(marks, on: try images.images(of: [shown], width: width)[0])
            try withExitCodes { try OutputFile.write(image.png, to: overlay) }
            Output.error("wrote page \(shown.number) of document \(document) to \(OutputFile.describe(overlay)) (\(image.pixelWidth)x\(image.pixelHeight))")
            return
        }
        switch format {
        case .json: try Output.json(DocumentPagesResource(document: summary, image: try imageMetadata(database), pages: pages))
        case .hocr: print(HOCR.document(pages, title: summary.document.originalName))
        case .text:
            if let image = try imageMetadata(database) {
                let dicom = image.dicom.map { dicom in
                    [dicom.modality, dicom.bodyPart, dicom.studyDate, dicom.studyDescription, dicom.patientName.map { "patient " + $0 },
                     dicom.accessionNumber.map { "accession " + $0 }].compactMap { $0 }.joined(separator: ", ")
                }
                print("image: \(image.widthPixels) x \(image.heightPixels) pixels\(image.resolution.map { String(format: ", %.0f dpi", $0) } ?? "")\(dicom.map { "; " + $0 } ?? "")")
            }
            for page in pages {
                let confidence = page.meanConfidence.map { String(format: ", mean confidence %.0f", $0) } ?? ""
                let turned = page.turnedToRead == 0 ? "" : ", read turned \(page.turnedToRead) degrees clockwise"
                print("--- page \(page.number) (\(page.source.rawValue), \(page.words.count) words\(confidence)\(turned)) ---")
                let review = ReportBuilder.quality(of: page).reasons
                if !review.isEmpty { print("needs review: " + review.joined(separator: "; ")) }
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
