import ArgumentParser
import DocketModel
import DocketStore

struct Answers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the answers stored by jobs for the questions asked at submit.",
        discussion: "EXAMPLES\n  docket answers\n  docket answers --document 3 --format json")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this document's answers.") var document: Int64?
    @Option(help: "Output format: text, json.") var format: OutputFormat = .text

    struct Row: Encodable {
        var document: Int64
        var name: String
        var answer: Answer
    }

    func run() throws {
        let database = try store.open()
        let rows = try withExitCodes { () throws -> [Row] in
            let documents = try document.map { [try database.document($0)] } ?? database.summaries().map(\.document)
            return try documents.flatMap { record in
                try database.answers(of: record.id).reversed().map { Row(document: record.id, name: record.originalName, answer: $0) }
            }
        }
        switch format {
        case .json: try Output.json(rows)
        case .text:
            Output.table(
                ["DOC", "NAME", "QUESTION", "ANSWER", "VALUE", "CONF", "PAGE"],
                rows.map { row in
                    ["\(row.document)", row.name, row.answer.question, row.answer.text ?? "(not found)",
                     row.answer.value.map { $0.text + ($0.unit.map { " " + $0 } ?? "") } ?? "",
                     String(format: "%.2f", row.answer.confidence), row.answer.evidence.map { "\($0.page)" } ?? "-"]
                })
        }
    }
}
