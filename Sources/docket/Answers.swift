import ArgumentParser
import DocketJSON
import DocketModel
import DocketStore

struct Answers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the answers stored by jobs for the questions asked at submit, with confidence and evidence.",
        discussion: """
            VALUE is the answer normalized (an ISO date, a decimal amount with its currency); PAGE and
            BOX say where on the document it was read (PDF points from the top-left).

            EXAMPLES
              docket answers
              docket answers --question total --min-confidence 0.8
              docket answers --document 3 --format json
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this document's answers.") var document: Int64?
    @Option(help: "Only answers to questions that contain this text (any case).") var question: String?
    @Option(help: "Only answers at least this confident (0-1).") var minConfidence: Double?
    @OptionGroup var filter: DocumentFilterOptions
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let database = try store.openForReading()
        var documentFilter = try filter.filter()
        documentFilter.document = document
        let rows = try withExitCodes { () throws -> [AnswerRow] in
            if let document { _ = try database.document(document) }
            return try database.answers(of: documentFilter, minimumConfidence: minConfidence)
        }.filter { row in question.map { row.answer.question.localizedCaseInsensitiveContains($0) } ?? true }
        switch format {
        case .text:
            Output.table(["DOC", "NAME"] + AnswerText.compactHeader, rows.map { ["\($0.documentID)", $0.documentName] + AnswerText.compactRow($0.answer) })
        case .json: try Output.json(rows.map(AnswerResource.init(from:)))
        case .csv:
            let table = ExportRecord.csv(rows.map(ExportRecord.init(answer:)), of: .answers)
            Output.csv(table.header, table.rows, csvOptions)
        }
    }
}
