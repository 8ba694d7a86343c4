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

            Each answer names the answerer that decided it. --explain also shows why: what Docket \
            read in the question, the answerers tried in order and what each said (declined, below \
            its threshold, not found, passed over, answered), the deciding answerer's best \
            candidates with their scores (and, for learned models, the features that weighed most), \
            and why the winner won. The explanation comes from the same run that gives the answer.

            EXAMPLES
              docket ask 1 "What is the total due?"
              docket ask 1 "Invoice date" "Invoice number" --format json
              docket ask 1 "What is the total due?" --explain
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Document id, as printed by `docket submit`.") var document: Int64
    @Argument(help: "One or more questions, e.g. \"What is the total?\"") var questions: [String]
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions
    @Flag(help: "Show why each answer was given: the answerers tried, the candidates weighed, and why the winner won.")
    var explain = false

    func validate() throws {
        guard !questions.isEmpty else { throw ValidationError("Ask at least one question.") }
        if explain, format == .csv { throw ValidationError("--explain prints text or JSON, not CSV.") }
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
        if explain {
            let explanations = questions.map { answerer.explain($0, pages: pages) }
            switch format {
            case .json:
                try Output.json(explanations.map {
                    ExplainedAnswerResource(documentID: record.id, documentName: record.originalName, explanation: $0)
                })
            case .csv, .text: explanations.forEach { print(AnswerText.describe($0)) }
            }
            if explanations.contains(where: { !$0.answer.isFound }) { throw DocketExit.answerNotFound }
            return
        }
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
            return "\(answer.question)\n  not found" + (answer.answeredBy.map { " by \($0.rawValue)" } ?? "")
        }
        let value = answer.value.map { "   = \($0)" } ?? ""
        return "\(answer.question)\n  \(text)\(value)   (confidence \(number(answer.confidence)), page \(evidence.page), box [\(box(evidence.box))])\(answerer)"
    }

    /// The answer, then why: the question's analysis, the answerers in the order tried, the
    /// deciding answerer's candidates, and the reason the winner won.
    static func describe(_ explanation: AnswerExplanation) -> String {
        var lines = [describe(explanation.answer)]
        let analysis = explanation.analysis
        let terms = analysis.keyTokens.isEmpty ? "none" : analysis.keyTokens.joined(separator: ", ")
        lines.append("  question: " + (analysis.isPhrasedAsQuestion ? "phrased as a question" : "a label, not a question")
                     + "; expects \(analysis.expected.rawValue); terms: \(terms)"
                     + (analysis.textKeepsItsLines ? "" : "; the text runs on without its lines, so it is read as prose"))
        lines.append("  answerers tried, in order:")
        let width = explanation.attempts.map(\.answerer.rawValue.count).max() ?? 0
        for (index, attempt) in explanation.attempts.enumerated() {
            let name = attempt.answerer.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("    \(index + 1). \(name)  \(outcome(attempt.outcome)): \(attempt.detail)")
        }
        if let decider = explanation.answer.answeredBy, !explanation.candidates.isEmpty {
            lines.append("  top candidates of \(decider.rawValue):")
            for (index, candidate) in explanation.candidates.enumerated() {
                let score = candidate.score.map { "score \(number($0))" } ?? "no score"
                let place = candidate.evidence.map { "page \($0.page), box [\(box($0.box))]" } ?? "no evidence"
                let context = candidate.context.map { " beside \"\($0)\"" } ?? ""
                lines.append("    \(index + 1). \"\(candidate.text)\"\(context)   \(score), \(place)")
                if !candidate.features.isEmpty {
                    let features = candidate.features.map { feature in
                        "\(feature.name) \(String(format: "%+.2f", feature.contribution))"
                            + " (\(number(feature.value)) x \(number(feature.weight)))"
                    }
                    lines.append("       features: " + features.joined(separator: ", "))
                }
            }
        }
        lines.append("  why: \(explanation.reason)")
        return lines.joined(separator: "\n")
    }

    private static func outcome(_ outcome: AnswerExplanation.Outcome) -> String {
        switch outcome {
        case .declined: "declined"
        case .belowThreshold: "below its threshold"
        case .notFound: "not found"
        case .passedOver(let confidence): "passed over at confidence \(number(confidence))"
        case .answered(let confidence): "answered with confidence \(number(confidence))"
        }
    }

    private static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func box(_ box: Box) -> String {
        box.array.map { String(format: "%.0f", $0) }.joined(separator: ", ")
    }
}
