import ArgumentParser
import DocketJSON
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
        let jobs = records.map(JobResource.init(from:))
        try Output.emit(
            format, csvOptions, json: jobs,
            header: ["JOB", "STATE", "DOC", "NAME", "PAGES", "TRIES", "ERROR"],
            rows: records.map { job in
                ["\(job.id)", job.state.rawValue, "\(job.documentID)", job.documentName,
                 "\(job.pagesDone)/\(job.pagesTotal.map(String.init) ?? "?")", "\(job.attempts)/\(job.maxAttempts)",
                 job.lastError ?? ""]
            },
            csv: (JobCSV.header, jobs.map(JobCSV.row)))
    }
}

/// A job as one CSV row (`status`, `jobs`): the JSON's keys, the progress flattened.
enum JobCSV {
    static let header = [
        "id", "state", "document_id", "document_name", "priority", "attempts", "max_attempts", "pages_done", "pages_total",
        "last_error", "worker", "created_at", "run_at", "started_at", "finished_at",
    ]

    static func row(_ job: JobResource) -> [String] {
        ["\(job.id)", job.state.rawValue, "\(job.documentID)", job.documentName, "\(job.priority)", "\(job.attempts)", "\(job.maxAttempts)",
         "\(job.progress.pagesDone)", job.progress.pagesTotal.map(String.init) ?? "", job.lastError ?? "", job.worker ?? "",
         job.createdAt.description, job.runAt.description, job.startedAt?.description ?? "", job.finishedAt?.description ?? ""]
    }
}
