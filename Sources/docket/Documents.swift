import ArgumentParser
import DocketJSON
import DocketStore

struct Documents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List documents with one summary line each: type, pages, words, where the text came from, time.",
        discussion: """
            TYPE is what the document was read as (invoice, receipt, form, letter, medical-report,
            other); MEDIA is its file type. SOURCE says where its text came from: text-layer (the
            PDF's own text), ocr, or both.

            EXAMPLES
              docket documents
              docket documents --type receipt --since 2026-03-01
              docket documents --format csv > documents.csv
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let documentFilter = try filter.filter()
        let summaries = try store.openForReading().summaries(of: documentFilter)
        try Output.emit(
            format, csvOptions, json: summaries.map(DocumentResource.init(from:)),
            header: ["DOC", "NAME", "TYPE", "MEDIA", "PAGES", "WORDS", "SOURCE", "CONF", "TIME"],
            rows: summaries.map { summary in
                ["\(summary.document.id)", summary.document.originalName, summary.document.documentType?.rawValue ?? "-",
                 summary.document.mediaType.rawValue, "\(summary.pageCount)", "\(summary.wordCount)",
                 summary.sources.isEmpty ? "not read" : summary.sources.map(\.rawValue).joined(separator: "+"),
                 summary.meanConfidence.map { String(format: "%.0f", $0) } ?? "-", Output.seconds(summary.seconds)]
            },
            csv: ExportRecord.csv(summaries.map(ExportRecord.init(document:)), of: .documents))
    }
}
