import ArgumentParser
import DocketQueue
import DocketWorker
import Dispatch
import Foundation

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the worker daemon: take jobs from the queue and read their documents.",
        discussion: """
            SIGTERM or SIGINT stops taking new jobs and lets running ones finish; a second SIGINT \
            stops at once (an interrupted job's lease expires and another worker runs it again). \
            Several workers may share one database.

            EXAMPLES
              docket worker --concurrency 2
              docket worker --drain        # process what is queued, then exit 0
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "Jobs to run at once (one thread and one Tesseract engine each).") var concurrency: Int = 1
    @Flag(help: "Exit 0 once no job is queued or running.") var drain = false
    @Option(help: "Seconds a job stays claimed without a heartbeat.") var lease: Double = 60
    @Flag(help: "Print nothing per job.") var quiet = false

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1.") }
        guard lease >= 3 else { throw ValidationError("--lease must be at least 3 seconds.") }
    }

    func run() throws {
        let queue = try store.openQueue()
        let quiet = quiet
        let worker = Worker(
            queue: queue, configuration: WorkerConfiguration(concurrency: concurrency, lease: lease, drain: drain),
            log: { outcome in
                guard !quiet else { return }
                let state = outcome.state?.rawValue ?? "abandoned"
                let detail = outcome.state == .succeeded ? "" : ": \(outcome.message)"
                Output.error("job \(outcome.jobID) (document \(outcome.documentID)) \(state) in \(Output.seconds(outcome.seconds))\(detail)")
            })
        let signals = SignalHandlers { signal, count in
            if signal == SIGINT && count > 1 { Foundation.exit(130) }
            worker.requestStop()
        }
        defer { withExtendedLifetime(signals) {} }
        try worker.run()
    }
}

/// Turns SIGINT and SIGTERM into calls of `handler(signal, how many times it came)` on a queue of its own.
final class SignalHandlers {
    private var sources: [any DispatchSourceSignal] = []

    init(_ handler: @escaping @Sendable (Int32, Int) -> Void) {
        let queue = DispatchQueue(label: "docket.signals")
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            nonisolated(unsafe) var count = 0
            source.setEventHandler {
                count += 1
                handler(signalNumber, count)
            }
            source.resume()
            sources.append(source)
        }
    }
}
