import ArgumentParser
import DocketStore

struct Documents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List documents with one summary line each: pages, words, where the text came from, time.",
        discussion: "EXAMPLE\n  docket documents --format json")

    @OptionGroup var store: StoreOptions
    @Option(help: "Output format: text, json.") var format: OutputFormat = .text

    func run() throws {
        let summaries = try store.open().summaries()
        switch format {
        case .json: try Output.json(summaries)
        case .text:
            Output.table(
                ["DOC", "NAME", "TYPE", "PAGES", "WORDS", "SOURCE", "CONF", "TIME"],
                summaries.map { summary in
                    ["\(summary.document.id)", summary.document.originalName, summary.document.mediaType.rawValue,
                     "\(summary.pageCount)", "\(summary.wordCount)",
                     summary.sources.isEmpty ? "not read" : summary.sources.map(\.rawValue).joined(separator: "+"),
                     summary.meanConfidence.map { String(format: "%.0f", $0) } ?? "-", Output.seconds(summary.seconds)]
                })
        }
    }
}
