import ArgumentParser
import DocketJSON
import DocketQueue

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one job: its state, progress, attempts and last error.",
        discussion: "EXAMPLE\n  docket status 12 --format json")

    @OptionGroup var store: StoreOptions
    @Argument(help: "Job id, as printed by `docket submit`.") var job: Int64
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let queue = try store.openQueueForReading()
        let record = try withExitCodes { try queue.job(job) }
        switch format {
        case .json: try Output.json(JobResource(from: record))
        case .csv: Output.csv(JobCSV.header, [JobCSV.row(JobResource(from: record))], csvOptions)
        case .text:
            print("job \(record.id): \(record.state.rawValue)")
            print("document:  \(record.documentID) (\(record.documentName))")
            print("progress:  \(record.pagesDone)/\(record.pagesTotal.map(String.init) ?? "?") pages")
            print("attempts:  \(record.attempts) of \(record.maxAttempts)")
            print("priority:  \(record.priority)")
            print("language:  \(record.language)")
            print("created:   \(Output.date(record.createdAt))")
            if let started = record.startedAt { print("started:   \(Output.date(started))") }
            if let finished = record.finishedAt { print("finished:  \(Output.date(finished))") }
            if let worker = record.worker { print("worker:    \(worker)") }
            for question in record.questions { print("question:  \(question)") }
            if let error = record.lastError { print("error:     \(error)") }
        }
    }
}
