import ArgumentParser
import DocketQueue

extension JobState: ExpressibleByArgument {}

struct Jobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List jobs, newest first.",
        discussion: "EXAMPLES\n  docket jobs\n  docket jobs --state failed --format json")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only jobs in this state: \(JobState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: JobState?
    @Option(help: "At most this many jobs.") var limit: Int = 100
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let records = try store.openQueueForReading().jobs(state: state, limit: limit)
        try Output.emit(
            format, csvOptions, json: records,
            header: ["JOB", "STATE", "DOC", "NAME", "PAGES", "TRIES", "ERROR"],
            rows: records.map { job in
                ["\(job.id)", job.state.rawValue, "\(job.documentID)", job.documentName,
                 "\(job.pagesDone)/\(job.pagesTotal.map(String.init) ?? "?")", "\(job.attempts)/\(job.maxAttempts)",
                 job.lastError ?? ""]
            })
    }
}
