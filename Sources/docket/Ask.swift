import ArgumentParser
import DocketAnswer
import DocketJSON
import DocketModel
import DocketStore
import Foundation

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer questions about a document, with the page and box each answer came from.",
        discussion: """
            Exits 3 when an answer is not found: Docket says so rather than guess.

            EXAMPLES
              docket ask 1 "What is the total due?"
              docket ask 1 "Invoice date" "Invoice number" --format json
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Document id, as printed by `docket submit`.") var document: Int64
    @Argument(help: "One or more questions, e.g. \"What is the total?\"") var questions: [String]
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        guard !questions.isEmpty else { throw ValidationError("Ask at least one question.") }
    }

    func run() throws {
        let database = try store.openForReading()
        let (record, pages) = try withExitCodes { () throws -> (DocumentRecord, [Page]) in
            let record = try database.document(document)
            let pages = try database.pages(of: document)
            guard !pages.isEmpty else { throw StoreError.notProcessed(document: document) }
            return (record, pages)
        }
        let answerer = DocumentAnswerer()
        let answers = questions.map { answerer.answer($0, pages: pages) }
        switch format {
        case .json: try Output.json(answers.map { AnswerResource(documentID: record.id, documentName: record.originalName, answer: $0) })
        case .csv:
            let rows = answers.map { ExportRecord(documentID: record.id, documentName: record.originalName, answer: $0) }
            let table = ExportRecord.csv(rows, of: .answers)
            Output.csv(table.header, table.rows, csvOptions)
        case .text: answers.forEach { print(AnswerText.describe($0)) }
        }
        if answers.contains(where: { !$0.isFound }) { throw DocketExit.answerNotFound }
    }
}

enum AnswerText {
    static let compactHeader = ["QUESTION", "ANSWER", "VALUE", "CONF", "PAGE", "ANSWERED BY"]

    static func compactRow(_ answer: Answer) -> [String] {
        [answer.question, answer.text ?? "(not found)", answer.value?.description ?? "",
         String(format: "%.2f", answer.confidence), answer.evidence.map { "\($0.page)" } ?? "-",
         answer.answeredBy?.rawValue ?? "-"]
    }

    static func describe(_ answer: Answer) -> String {
        let answerer = answer.answeredBy.map { "   answered by \($0.rawValue)" } ?? ""
        guard let text = answer.text, let evidence = answer.evidence else {
            return "\(answer.question)\n  not found\(answerer)"
        }
        let value = answer.value.map { "   = \($0)" } ?? ""
        return "\(answer.question)\n  \(text)\(value)   (confidence \(number(answer.confidence)), page \(evidence.page), box [\(box(evidence.box))])\(answerer)"
    }

    private static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func box(_ box: Box) -> String {
        box.array.map { String(format: "%.0f", $0) }.joined(separator: ", ")
    }
}
