import ArgumentParser
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
        case .json: try Output.json(stats)
        case .csv:
            Output.csv(
                ["MEASURE", "VALUE"],
                JobState.allCases.map { ["jobs \($0.rawValue)", "\(stats.counts[$0.rawValue] ?? 0)"] } + [
                    ["finished last minute", "\(stats.finishedLastMinute)"], ["finished last hour", "\(stats.finishedLastHour)"],
                    ["latency median seconds", stats.latencyMedian.map { "\($0)" } ?? ""],
                    ["latency p95 seconds", stats.latency95.map { "\($0)" } ?? ""],
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
