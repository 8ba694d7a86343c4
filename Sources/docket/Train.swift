import ArgumentParser
import DocketJSON
import DocketQueue
import DocketStore
import DocketWorker
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit an answerer's weights, calibration and not-found threshold to labelled question sets.",
        discussion: """
            Reads each qa.jsonl like `docket eval` (documents read or reused from the evaluation \
            database), builds every labelled question's candidate answers with their features, and \
            fits a softmax ranking towards the candidate with the best ANLS (L2-regularised, a fixed \
            number of steps from zero: the same input gives the same file, byte for byte), Platt \
            scaling of the chosen candidate's score and lead to P(ANLS >= 0.8) with an isotonic map \
            after it, and the confidence under which the answer is "not found". With --folds, the \
            confidence is fitted to what models trained without each fold of documents chose on \
            that fold. It prints, per part, the ANLS on the training questions and, with --folds, \
            the ANLS and calibration of models fitted without each fold of documents.

            MODELS
              key-value        form labels and their values (kind "key-value")
              receipt-fields   a receipt's company, address, date and total (kind "field")
              open-questions   the choice and confidence of extractive answers (kind "open")

            The JSON goes to Sources/DocketAnswer/Models/MODEL.json unless --out says otherwise; \
            rebuild to compile it in.

            EXAMPLES
              docket train key-value ../shared/eval/funsd-train/qa.jsonl --db var/eval.sqlite
              docket train receipt-fields ../shared/eval/sroie-dev/qa.jsonl --folds 5
            """)

    @Argument(help: "The model to fit: key-value, receipt-fields, open-questions.") var model: String
    @Argument(help: "Labelled qa.jsonl files.") var questions: [String]
    @Option(help: ArgumentHelp(OutputFile.help("Where to write the model's JSON."), valueName: "file")) var out: String?
    @Option(help: ArgumentHelp("The evaluation database.", valueName: "path")) var db: String = "var/eval.sqlite"
    @Option(help: "Folds of documents for cross-validation; 0 or 1 for none.") var folds: Int = 5
    @Option(help: "Documents read at once.") var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The table printed per part of the model.
    private static let columns: [(header: String, value: @Sendable (TrainingReport.Part) -> String)] = [
        ("PART", \.name),
        ("QUESTIONS", { "\($0.questions)" }),
        ("DOCUMENTS", { "\($0.documents)" }),
        ("REACHABLE", { String(format: "%.3f", $0.reachableANLS) }),
        ("ANLS", { String(format: "%.3f", $0.fitted.anls) }),
        ("CV ANLS", { $0.crossValidated.map { String(format: "%.3f", $0.anls) } ?? "-" }),
        ("CV CONF>=0.8", { $0.crossValidated.map { "\($0.confident)" } ?? "-" }),
        ("CV RIGHT", { $0.crossValidated.map { String(format: "%.3f", $0.confidentRightShare) } ?? "-" }),
        ("THRESHOLD", { String(format: "%.3f", $0.model.threshold) }),
    ]

    func validate() throws {
        guard TrainableModel(rawValue: model) != nil else {
            throw ValidationError("No model \(model): one of \(TrainableModel.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let model = TrainableModel(rawValue: model)!
        let sets = try questions.map { path in
            let url = URL(fileURLWithPath: path)
            return (questions: try Evaluation.load(url), folder: url.deletingLastPathComponent())
        }
        let queue = JobQueue(store: try withExitCodes { try StoreLocation(db).open(webhookBodies: WebhookBodyJSON()) })
        let settings = ChildProcessSettings(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), databasePath: db)
        let worker = Worker(queue: queue, configuration: WorkerConfiguration(
            concurrency: concurrency, drain: true, pollInterval: 0.1, isolation: .childProcess(settings)))
        let report = try Training(evaluation: Evaluation(worker: worker)).run(model, sets: sets, folds: folds)

        let destination = out ?? "Sources/DocketAnswer/Models/\(model.rawValue).json"
        try withExitCodes { try OutputFile.write([UInt8](report.json), to: destination) }
        Output.table(Self.columns.map(\.header), report.parts.map { part in Self.columns.map { $0.value(part) } })
        print("wrote \(OutputFile.describe(destination))")
        for (document, error) in report.documentErrors.sorted(by: { $0.key < $1.key }).prefix(10) {
            Output.error("\(document): \(error)")
        }
    }
}
