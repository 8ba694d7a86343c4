import ArgumentParser
import DocketExtract
import DocketModel
import DocketReport
import DocketStore
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A report of one document: its type, a summary, its fields, answers, findings and reading quality, each with where it was read.",
        discussion: """
            json is the whole report for programs; md is Markdown for a ticket or a wiki; html is one
            self-contained file (images inline, no network needed) with each page and numbered boxes
            over the places the answers were read from, the answers beside them.

            Every statement of the summary is something the document says, with its page and box;
            nothing is inferred. Pages a person should check (read by OCR with low confidence, or
            with no text) are named.

            EXAMPLES
              docket report 3 --format html --out invoice-report.html
              docket report 3 --format md
              docket report 3 --format json | jq '.summary'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, md, html }

    @OptionGroup var store: StoreOptions
    @Argument(help: "Document id.") var document: Int64
    @Option(help: "json, md or html.") var format: Format = .md
    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file")) var out: String?
    @Option(help: "Width of the page images of an html report, in pixels.") var width: Int = 1000
    @Option(help: "The password of an encrypted PDF, to show its pages as they look (otherwise its words are drawn).")
    var password: String?

    func validate() throws {
        guard (200...4000).contains(width) else { throw ValidationError("--width is between 200 and 4000 pixels.") }
    }

    func run() throws {
        let database = try store.open()
        let (report, pages) = try withExitCodes { try DocumentReports.build(document, store: database) }
        let text: String
        switch format {
        case .json: text = try Output.jsonText(report, pretty: true) + "\n"
        case .md: text = MarkdownReport.render(report)
        case .html:
            let images = try StoredPageImages(store: database, document: document, password: password)
            text = HTMLReport.render(report, images: try pages.map { page in
                let image = try images.image(of: page, width: width)
                return ReportPageImage(page: page.number, png: image.png, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight,
                                       pointWidth: page.width, pointHeight: page.height)
            })
        }
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            Output.error("wrote the report of document \(document) to \(out)")
        } else {
            print(text, terminator: "")
        }
    }
}

/// Reports of stored documents.
enum DocumentReports {
    /// The document's report from its stored pages, type, fields and answers, and its pages.
    static func build(_ document: Int64, store: Store) throws -> (DocumentReport, [Page]) {
        let record = try store.document(document)
        let pages = try store.pages(of: document)
        guard !pages.isEmpty else { throw StoreError.notProcessed(document: document) }
        let fields = try store.fields(includeNotFound: true).filter { $0.documentID == document }.map(\.field)
        let answers = try store.answers(of: document).reversed()
        let source = DocumentReport.Source(
            id: record.id, name: record.originalName, mediaType: record.mediaType.rawValue, sha256: record.sha256,
            submittedAt: Output.date(record.createdAt), pages: pages.count)
        let report = ReportBuilder().build(
            source: source, pages: pages, type: record.documentType, fields: record.documentType == nil ? nil : fields,
            answers: Array(answers))
        return (report, pages)
    }
}
