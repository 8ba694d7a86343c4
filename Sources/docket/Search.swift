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
              docket search --semantic "late payment penalty"

            SEMANTIC SEARCH
            --semantic also finds pages whose words differ from the query's but mean much the same. \
            The query is turned into a vector by the sentence encoder (deploy/install-encoder.sh \
            installs it) and compared with the vectors of each page's passages (layout blocks) \
            that `docket index` or `worker --embed` stored; a page's similarity is that of its \
            nearest passage. Pages are ranked by reciprocal rank fusion of the keyword (BM25) \
            ranking and the similarity ranking: a page at place r (from 1) in a ranking scores \
            1/(60 + r), and its score is the sum over the two rankings (higher is better; the JSON's \
            score). Every page with vectors takes part, so the pages shown may share no word with \
            the query; the text output gives each page's similarity, the JSON and CSV also its \
            score and keyword_rank, and the JSON the box of its nearest passage. Documents read \
            without vectors are counted on stderr: run `docket index`.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "What to look for.") var query: String
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: "At most this many pages.") var limit: Int = 20
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions
    @Flag(help: "Rank by meaning as well as by words (see SEMANTIC SEARCH below); needs the sentence encoder.")
    var semantic = false

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        if semantic { return try runSemantic() }
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

    private func runSemantic() throws {
        let encoder = try InstalledEncoder.load()
        let documentFilter = try filter.filter()
        let database = try store.openForReading()
        let model = EncoderModel.sentenceEncoder
        let (keywordHits, passages, withoutVectors) = try withExitCodes {
            (try database.search(query, in: documentFilter, limit: max(limit, HybridRanking.keywordCandidates)),
             try database.passageVectors(model: model, in: documentFilter),
             try database.documentsWithoutVectors(model: model, in: documentFilter).count)
        }
        if withoutVectors > 0 {
            Output.error("\(InstalledEncoder.documentsHave(withoutVectors)) no vectors; run docket index")
        }
        let hits = HybridRanking.fuse(keywordHits: keywordHits, queryVector: encoder.embed(query), passages: passages, limit: limit)
        switch format {
        case .json: try Output.json(hits)
        case .csv:
            Output.csv(["document_id", "document_name", "document_type", "page", "score", "keyword_rank", "similarity", "snippet"], hits.map { hit in
                ["\(hit.documentID)", hit.documentName, hit.documentType?.rawValue ?? "", "\(hit.page)", String(format: "%.5f", hit.score),
                 hit.keywordRank.map(String.init) ?? "", hit.similarity.map { String(format: "%.3f", $0) } ?? "", hit.snippet]
            }, csvOptions)
        case .text:
            if hits.isEmpty { Output.error("no page matches \(query), and no page has vectors.") }
            for hit in hits {
                let similarity = hit.similarity.map { String(format: ", similarity %.2f", $0) } ?? ""
                print("\(hit.documentName)  document \(hit.documentID), page \(hit.page)\(hit.documentType.map { ", \($0.rawValue)" } ?? "")\(similarity)")
                print("    " + hit.snippet)
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
