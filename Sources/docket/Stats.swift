import ArgumentParser
import DocketJSON
import DocketQueue

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the queue: jobs by state, jobs finished in the last minute and hour, and submit-to-done latency.",
        discussion: "EXAMPLE\n  docket stats --format json")

    @OptionGroup var store: StoreOptions
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

    func run() throws {
        let stats = try store.openQueueForReading().stats()
        switch format {
        case .json: try Output.json(QueueStatsResource(from: stats))
        case .csv:
            let resource = QueueStatsResource(from: stats)
            Output.csv(
                ["measure", "value"],
                JobState.allCases.map { ["jobs_\($0.rawValue)", "\(resource.counts[$0.rawValue] ?? 0)"] } + [
                    ["finished_last_minute", "\(resource.finishedLastMinute)"], ["finished_last_hour", "\(resource.finishedLastHour)"],
                    ["latency_median_seconds", resource.latencyMedianSeconds.map { "\($0)" } ?? ""],
                    ["latency_p95_seconds", resource.latencyP95Seconds.map { "\($0)" } ?? ""],
                ], csvOptions)
        case .text:
            for state in JobState.allCases {
                print("\(state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(stats.counts[state.rawValue] ?? 0)")
            }
            print("finished in the last minute: \(stats.finishedLastMinute), last hour: \(stats.finishedLastHour)")
            print("submit to success, last hour: median \(Output.seconds(stats.latencyMedian)), 95th percentile \(Output.seconds(stats.latency95))")
        }
    }
}
