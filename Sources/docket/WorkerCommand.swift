import ArgumentParser
import DocketEncoder
import DocketQueue
import DocketJSON
import DocketStore
import DocketWorker
import Dispatch
import Foundation

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the worker daemon: take jobs from the queue and read their documents.",
        discussion: """
            Each of the --concurrency slots runs its jobs in a child process of its own (`docket \
            run-jobs`), one job at a time, which the worker watches: a crash, a hang past --timeout, \
            or memory past --memory-limit costs that attempt only, the job's error says what \
            happened and on which page, and the slot starts a new child. A child is also replaced \
            after --child-jobs jobs, or when between jobs it holds more than --child-memory MiB. A \
            slot with nothing to run lends its OCR engine to a running job, which reads another of \
            its pages with it at the same time. \
            Failed attempts are retried with exponential backoff up to the job's max attempts, then \
            the job is dead.

            SIGTERM or SIGINT stops taking new jobs and gives running ones --grace seconds to finish; \
            jobs still running then go back to the queue without using an attempt, and the worker \
            exits 0. A second SIGINT stops at once (the interrupted jobs' leases expire and they run \
            again). Several workers may share one database.

            The worker also delivers webhook events (submit --callback-url) from a thread of its own, \
            retrying failed deliveries; see `docket help webhooks`.

            --embed also stores the vectors `search --semantic` compares (see `docket index`) of each \
            document a slot has read, in that slot, after the job has succeeded: about 5 ms a line on \
            one thread. It needs the sentence encoder (deploy/install-encoder.sh). A document whose \
            vectors could not be stored is left to `docket index`.

            EXAMPLES
              docket worker --concurrency 2
              docket worker --drain        # process what is queued, then exit 0
              docket worker --embed        # also store vectors for search --semantic
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "OCR engines busy at once: jobs run at once, and pages of one job when fewer jobs are running.")
    var concurrency: Int = 1
    @Flag(help: "Exit 0 once no job is queued or running.") var drain = false
    @Option(help: "Seconds a job stays claimed without a heartbeat.") var lease: Double = 60
    @Option(help: "Seconds running jobs get to finish after SIGTERM or SIGINT.") var grace: Double = 30
    @Option(help: "Seconds a job may run before it is killed, at least.") var timeout: Double = 600
    @Option(help: "Seconds per page a job may run, when that is more than --timeout.") var timeoutPerPage: Double = 120
    @Option(help: "MiB of memory a job may use before it is killed.") var memoryLimit: Int = 2048
    @Option(help: "Jobs a job child runs before it is replaced.") var childJobs: Int = 200
    @Option(help: ArgumentHelp("MiB a job child may hold between jobs before it is replaced (default: half of --memory-limit).",
                               valueName: "MiB"))
    var childMemory: Int?
    @Option(help: "Seconds before the first retry of a failed attempt; each retry waits about twice as long.")
    var retryBase: Double = RetryPolicy().baseDelay
    @Flag(help: "Run jobs on the worker's own threads instead of child processes: no isolation from crashes in C libraries.")
    var inProcess = false
    @Flag(help: "Print nothing per job.") var quiet = false
    @Flag(help: "Also embed each document read, for search --semantic (see below); off by default.") var embed = false
    @Option(help: "Webhook deliveries at once.") var webhookConcurrency: Int = 4
    @Option(help: "Seconds before a failed webhook delivery is tried again; each retry waits three times as long, at most an hour.")
    var webhookRetryBase: Double = WebhookRetryPolicy().firstDelay
    @Option(help: "Seconds after which an undelivered webhook event has failed.")
    var webhookGiveUpAfter: Double = WebhookRetryPolicy().giveUpAfter
    @Option(help: "Seconds a webhook delivery may take before it counts as failed.") var webhookTimeout: Double = 10
    @Option(help: ArgumentHelp("Seconds a worker holds a webhook event it is sending; then another may send it.", valueName: "seconds"))
    var webhookLease: Double?

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1.") }
        guard lease >= 1 else { throw ValidationError("--lease must be at least 1 second.") }
        guard grace >= 0 else { throw ValidationError("--grace cannot be negative.") }
        guard timeout > 0, timeoutPerPage > 0 else { throw ValidationError("--timeout and --timeout-per-page must be positive.") }
        guard retryBase >= 0 else { throw ValidationError("--retry-base cannot be negative.") }
        guard memoryLimit >= 64 else { throw ValidationError("--memory-limit must be at least 64 MiB.") }
        guard childJobs >= 1 else { throw ValidationError("--child-jobs must be at least 1.") }
        if let childMemory, childMemory < 1 { throw ValidationError("--child-memory must be at least 1 MiB.") }
        guard webhookConcurrency >= 1 else { throw ValidationError("--webhook-concurrency must be at least 1.") }
        guard webhookRetryBase > 0 else { throw ValidationError("--webhook-retry-base must be positive.") }
        guard webhookGiveUpAfter >= 0 else { throw ValidationError("--webhook-give-up-after cannot be negative.") }
        guard webhookTimeout > 0 else { throw ValidationError("--webhook-timeout must be positive.") }
        if let webhookLease, webhookLease <= webhookTimeout {
            throw ValidationError("--webhook-lease must be longer than --webhook-timeout, or two workers may send one event at once.")
        }
    }

    func run() throws {
        let encoder = embed ? try InstalledEncoder.load() : nil
        let queue = JobQueue(store: try store.open(), retryPolicy: RetryPolicy(baseDelay: retryBase))
        let database = queue.store
        let quiet = quiet
        let isolation: JobIsolation = inProcess ? .inProcess : .childProcess(ChildProcessSettings(
            executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), databasePath: try store.location.argument,
            timeout: timeout, timeoutPerPage: timeoutPerPage, memoryLimitMiB: memoryLimit, retryBaseDelay: retryBase,
            jobsPerChild: childJobs, recycleMemoryMiB: childMemory))
        let webhooks = WebhookSettings(
            timeout: webhookTimeout, lease: webhookLease, concurrency: webhookConcurrency,
            retryPolicy: WebhookRetryPolicy(firstDelay: webhookRetryBase, giveUpAfter: webhookGiveUpAfter))
        let configuration = WorkerConfiguration(concurrency: concurrency, lease: lease, drain: drain, grace: grace, isolation: isolation,
                                                webhooks: webhooks)
        let worker = Worker(
            queue: queue, configuration: configuration,
            log: { outcome in
                if !quiet {
                    let state = outcome.state?.rawValue ?? "abandoned"
                    let detail = outcome.state == .succeeded ? "" : ": \(outcome.message)"
                    Output.error("job \(outcome.jobID) (document \(outcome.documentID)) \(state) in \(Output.seconds(outcome.seconds))\(detail)")
                }
                if let encoder, outcome.state == .succeeded {
                    Self.embed(document: outcome.documentID, of: database, with: encoder, quiet: quiet)
                }
            },
            logProblem: { problem in Output.error("worker: \(problem)") })
        let signals = SignalHandlers { signal, count in
            if signal == SIGINT && count > 1 { Foundation.exit(130) }
            worker.requestStop()
        }
        defer { withExtendedLifetime(signals) {} }
        do {
            try withExitCodes { try worker.run() }
        } catch let error as WorkerError {
            Output.error(error.description)
            throw ExitCode.failure
        }
    }
}

extension WorkerCommand {
    static func embed(document: Int64, of database: any Store, with encoder: SentenceEncoder, quiet: Bool) {
        let started = ContinuousClock.now
        do {
            // A job that asked new questions of a document read before leaves its pages, and so its vectors, as they were.
            guard try !database.documentsWithoutVectors(model: .sentenceEncoder, in: DocumentFilter(document: document)).isEmpty else { return }
            let vectors = InstalledEncoder.passageVectors(of: try database.pages(of: document), encoder: encoder,
                                                          batchSize: SentenceEncoder.defaultBatchSize)
            try database.replacePassageVectors(of: document, with: vectors, model: .sentenceEncoder)
            if !quiet {
                Output.error("document \(document) embedded: \(InstalledEncoder.passages(vectors.count)) in \(Output.seconds((ContinuousClock.now - started).inSeconds))")
            }
        } catch {
            Output.error("worker: document \(document) was not embedded (\(StoreTrouble.describe(error))); docket index embeds it later")
        }
    }
}

/// Turns SIGINT and SIGTERM into calls of `handler(signal, how many times it came)` on a queue of its own.
///
/// The signals must already be blocked in every thread (`blockStopSignals()`, first thing in the
/// process): the dispatch sources read them from a signalfd, which also returns one that arrived
/// before the sources existed. Ignoring them instead (SIG_IGN) until the sources were live threw
/// away a SIGTERM sent in between, and the worker never stopped.
final class SignalHandlers {
    static let stopSignals = [SIGINT, SIGTERM]
    private var sources: [any DispatchSourceSignal] = []

    /// Holds SIGINT and SIGTERM pending instead of letting them end the process. Call before any
    /// thread starts, so that every thread inherits the mask (it also survives exec).
    static func blockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in stopSignals { sigaddset(&signals, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    init(_ handler: @escaping @Sendable (Int32, Int) -> Void) {
        let queue = DispatchQueue(label: "docket.signals")
        for signalNumber in Self.stopSignals {
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
