import ArgumentParser
import DocketAnswer
import DocketJSON
import DocketQueue
import DocketStore
import DocketWorker
import Foundation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer an evaluation set's questions through the real pipeline and score them.",
        discussion: """
            Reads qa.jsonl (one {"id", "document", "question", "answers", "kind"} per line; document is \
            relative to the file's folder). Its documents are submitted and read by jobs in the \
            evaluation database; documents already read there (same sha256) are reused, so a second \
            run only answers. Prints ANLS, exact match and coverage per kind, and F1 of "yes" for \
            yes/no findings, and per kind how many answers were given with confidence >= 0.8 and the \
            share of them that is right (ANLS >= 0.8). Without answers in the file it writes predictions only.

            With --folds K it then answers the questions again, each of K folds of the documents (in \
            name order, dealt out in turn, as `docket train --folds` deals them) with every model the \
            set labels (form values, receipt fields, free-question confidence) fitted again on the \
            other folds, and prints those figures too: what to expect on documents the models have \
            never seen. Each fold fits its models as `docket train` does, so this takes K times as long.

            EXAMPLES
              docket eval ../shared/eval/sroie-dev/qa.jsonl --out sroie.predictions.jsonl
              docket eval qa.jsonl --format json
              docket eval ../shared/eval/sroie-dev/qa.jsonl --folds 5
            """)

    @Argument(help: "The qa.jsonl file.") var questions: String
    @Option(help: ArgumentHelp(OutputFile.help("Write one prediction per line here: {\"id\", \"answer\", \"confidence\", \"evidence\"}."), valueName: "file"))
    var out: String?
    @Option(help: ArgumentHelp("The evaluation database.", valueName: "path")) var db: String = "var/eval.sqlite"
    @Option(help: "Documents read at once.") var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("Also answer each of this many folds of documents with the set's models fitted without it.", valueName: "k"))
    var folds: Int?
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func validate() throws {
        if let folds, folds < 2 { throw ValidationError("--folds must be 2 or more: each fold is answered by models fitted on the others.") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: questions)
        let set = try Evaluation.load(url)
        let queue = JobQueue(store: try withExitCodes { try StoreLocation(db).open(webhookBodies: WebhookBodyJSON()) })
        let settings = ChildProcessSettings(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), databasePath: db)
        let worker = Worker(queue: queue, configuration: WorkerConfiguration(
            concurrency: concurrency, drain: true, pollInterval: 0.1, isolation: .childProcess(settings)))
        let started = Date()
        let evaluation = Evaluation(worker: worker)
        let report = try evaluation.run(set, folder: url.deletingLastPathComponent())
        let crossValidated = try folds.map { try Training(evaluation: evaluation).crossValidatedRun(set, folder: url.deletingLastPathComponent(), folds: $0) }
        let heldOutScore = { (kind: String) in crossValidated?.scores.first { $0.kind == kind } }
        let seconds = Date().timeIntervalSince(started)

        if let out {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = try report.predictions.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            try withExitCodes { try OutputFile.write(lines.joined(separator: "\n") + "\n", to: out) }
        }
        switch format {
        case .json:
            try Output.json(report.scores.map { ScoreJSON($0, crossValidated: heldOutScore($0.kind)) })
        case .csv:
            Output.csv(
                ["kind", "questions", "scored", "anls", "exact_match", "coverage", "f1_of_yes", "cross_validated_anls"],
                report.scores.map { score in
                    [score.kind, "\(score.questions)", "\(score.scored)", "\(score.anls)", "\(score.exactMatch)",
                     "\(score.coverage)", score.f1OfYes.map { "\($0)" } ?? "", heldOutScore(score.kind).map { "\($0.anls)" } ?? ""]
                }, csvOptions)
        case .text:
            print("\(set.count) questions on \(report.documentsRead + report.documentsReused) documents (\(report.documentsRead) read now, \(report.documentsReused) reused) in \(Output.seconds(seconds))")
            Self.printTable(report.scores)
            Self.printCalibration(report.scores)
            if let crossValidated {
                print("")
                print("cross-validated: each of \(crossValidated.folds) folds of documents answered with \(Self.refittedNames(crossValidated.refitted)) fitted without it")
                Self.printTable(crossValidated.scores)
                Self.printCalibration(crossValidated.scores)
            }
            for (document, error) in report.documentErrors.sorted(by: { $0.key < $1.key }).prefix(10) {
                Output.error("\(document): \(error)")
            }
        }
    }
}

extension Eval {
    private static func printTable(_ scores: [KindScore]) {
        Output.table(
            ["KIND", "QUESTIONS", "SCORED", "ANLS", "EXACT", "COVERAGE", "F1(YES)"],
            scores.map { score in
                [score.kind, "\(score.questions)", "\(score.scored)", String(format: "%.3f", score.anls),
                 String(format: "%.3f", score.exactMatch), String(format: "%.3f", score.coverage),
                 score.f1OfYes.map { String(format: "%.3f", $0) } ?? "-"]
            })
    }

    private static func printCalibration(_ scores: [KindScore]) {
        for score in scores where score.scored > 0 {
            let share = score.confidentRightShare.map { String(format: "%.3f", $0) } ?? "-"
            print("calibration \(score.kind): \(score.confident) answers with confidence >= \(KindScore.confidentLevel), \(share) of them right (ANLS >= \(AnswerScoring.rightANLS), spaces ignored)")
        }
    }

    /// "the key-value model", "the receipt-fields and open-questions models", or "no model" for a
    /// set that labels none.
    private static func refittedNames(_ models: [TrainableModel]) -> String {
        switch models.count {
        case 0: "no model (the set labels none)"
        case 1: "the \(models[0].rawValue) model"
        default: "the " + models.dropLast().map(\.rawValue).joined(separator: ", ") + " and \(models.last!.rawValue) models"
        }
    }
}

/// A kind's scores as `eval --format json` prints them; `cross_validated` holds the same figures
/// from `--folds`, null without it.
private struct ScoreJSON: Encodable {
    var score: KindScore
    var crossValidated: KindScore?

    init(_ score: KindScore, crossValidated: KindScore?) {
        self.score = score
        self.crossValidated = crossValidated
    }

    enum CodingKeys: String, CodingKey {
        case kind, questions, scored, answered, anls, exactMatch = "exact_match", coverage, f1OfYes = "f1_of_yes"
        case confident, confidentRight = "confident_right", crossValidated = "cross_validated"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try Self.encodeFigures(of: score, into: &container)
        if let crossValidated {
            var heldOut = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .crossValidated)
            try Self.encodeFigures(of: crossValidated, into: &heldOut)
        } else {
            try container.encodeNil(forKey: .crossValidated)
        }
    }

    private static func encodeFigures(of score: KindScore, into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try container.encode(score.kind, forKey: .kind)
        try container.encode(score.questions, forKey: .questions)
        try container.encode(score.scored, forKey: .scored)
        try container.encode(score.answered, forKey: .answered)
        try container.encode(score.anls, forKey: .anls)
        try container.encode(score.exactMatch, forKey: .exactMatch)
        try container.encode(score.coverage, forKey: .coverage)
        try container.encode(score.f1OfYes, forKey: .f1OfYes)
        try container.encode(score.confident, forKey: .confident)
        try container.encode(score.confidentRight, forKey: .confidentRight)
    }
}
