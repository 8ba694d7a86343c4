import ArgumentParser
import DocketJSON
import DocketStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find pages by their words: ranked, with the matching words in context.",
        discussion: """
            All the words must occur on the page, in any order and form of case or accent. Put a
            phrase in double quotes, end a word with * to match words that start with it, and join
            alternatives with OR; NOT leaves pages out. Best matches come first (BM25).

            Matches are shown in bold on a terminal and between [ and ] otherwise (and in CSV and JSON).

            EXAMPLES
              docket search "pleural effusion"
              docket search 'invoice* NOT draft' --type invoice --since 2026-03-01
              docket search '"total due"' --limit 5 --format json
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "What to look for.") var query: String
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: "At most this many pages.") var limit: Int = 20
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let documentFilter = try filter.filter()
        let database = try store.openForReading()
        let hits = try withExitCodes { try database.search(query, in: documentFilter, limit: limit) }
        let marked = hits.map(SearchHitResource.init(from:))
        switch format {
        case .json: try Output.json(marked)
        case .csv:
            Output.csv(["document_id", "document_name", "document_type", "page", "rank", "snippet"], marked.map { hit in
                ["\(hit.documentID)", hit.documentName, hit.documentType?.rawValue ?? "", "\(hit.page)", String(format: "%.3f", hit.rank), hit.snippet]
            }, csvOptions)
        case .text:
            if hits.isEmpty { Output.error("no page matches \(query).") }
            let bold = Terminal.colours
            for hit in hits {
                print("\(hit.documentName)  document \(hit.documentID), page \(hit.page)\(hit.documentType.map { ", \($0.rawValue)" } ?? "")")
                print("    " + Self.snippet(hit.snippet, bold: bold))
            }
        }
    }

    /// The snippet on one line, its matches in bold or between brackets.
    static func snippet(_ text: String, bold: Bool) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingOccurrences(of: SearchHit.matchStart, with: bold ? "\u{1B}[1m" : "[")
            .replacingOccurrences(of: SearchHit.matchEnd, with: bold ? "\u{1B}[0m" : "]")
    }
}
