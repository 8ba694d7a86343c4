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

            EXAMPLES
              docket eval ../shared/eval/sroie-dev/qa.jsonl --out sroie.predictions.jsonl
              docket eval qa.jsonl --format json
            """)

    @Argument(help: "The qa.jsonl file.") var questions: String
    @Option(help: ArgumentHelp(OutputFile.help("Write one prediction per line here: {\"id\", \"answer\", \"confidence\", \"evidence\"}."), valueName: "file"))
    var out: String?
    @Option(help: ArgumentHelp("The evaluation database.", valueName: "path")) var db: String = "var/eval.sqlite"
    @Option(help: "Documents read at once.") var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let url = URL(fileURLWithPath: questions)
        let set = try Evaluation.load(url)
        let queue = JobQueue(store: try withExitCodes { try StoreLocation(db).open(webhookBodies: WebhookBodyJSON()) })
        let settings = ChildProcessSettings(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), databasePath: db)
        let worker = Worker(queue: queue, configuration: WorkerConfiguration(
            concurrency: concurrency, drain: true, pollInterval: 0.1, isolation: .childProcess(settings)))
        let started = Date()
        let report = try Evaluation(worker: worker).run(set, folder: url.deletingLastPathComponent())
        let seconds = Date().timeIntervalSince(started)

        if let out {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = try report.predictions.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            try withExitCodes { try OutputFile.write(lines.joined(separator: "\n") + "\n", to: out) }
        }
        switch format {
        case .json:
            try Output.json(report.scores.map(ScoreJSON.init))
        case .csv:
            Output.csv(
                ["kind", "questions", "scored", "anls", "exact_match", "coverage", "f1_of_yes"],
                report.scores.map { score in
                    [score.kind, "\(score.questions)", "\(score.scored)", "\(score.anls)", "\(score.exactMatch)",
                     "\(score.coverage)", score.f1OfYes.map { "\($0)" } ?? ""]
                }, csvOptions)
        case .text:
            print("\(set.count) questions on \(report.documentsRead + report.documentsReused) documents (\(report.documentsRead) read now, \(report.documentsReused) reused) in \(Output.seconds(seconds))")
            Output.table(
                ["KIND", "QUESTIONS", "SCORED", "ANLS", "EXACT", "COVERAGE", "F1(YES)"],
                report.scores.map { score in
                    [score.kind, "\(score.questions)", "\(score.scored)", String(format: "%.3f", score.anls),
                     String(format: "%.3f", score.exactMatch), String(format: "%.3f", score.coverage),
                     score.f1OfYes.map { String(format: "%.3f", $0) } ?? "-"]
                })
            for score in report.scores where score.scored > 0 {
                let share = score.confidentRightShare.map { String(format: "%.3f", $0) } ?? "-"
                print("calibration \(score.kind): \(score.confident) answers with confidence >= \(KindScore.confidentLevel), \(share) of them right (ANLS >= \(AnswerScoring.rightANLS), spaces ignored)")
            }
            for (document, error) in report.documentErrors.sorted(by: { $0.key < $1.key }).prefix(10) {
                Output.error("\(document): \(error)")
            }
        }
    }
}

/// A kind's scores as `eval --format json` prints them.
private struct ScoreJSON: Encodable {
    var score: KindScore

    init(_ score: KindScore) { self.score = score }

    enum CodingKeys: String, CodingKey {
        case kind, questions, scored, answered, anls, exactMatch = "exact_match", coverage, f1OfYes = "f1_of_yes"
        case confident, confidentRight = "confident_right"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
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
