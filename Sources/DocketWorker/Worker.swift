import DocketExtract
import DocketModel
import DocketQueue
import DocketStore
import Foundation
import Synchronization

/// The worker daemon: `concurrency` threads, each claiming a job, reading its document and
/// completing it, until stopped (or, with `drain`, until the queue is empty).
public final class Worker: Sendable {
    public let queue: JobQueue
    public let configuration: WorkerConfiguration
    private let log: @Sendable (JobOutcome) -> Void
    private let stopRequested = Atomic<Bool>(false)

    public init(queue: JobQueue, configuration: WorkerConfiguration, log: @escaping @Sendable (JobOutcome) -> Void = { _ in }) {
        self.queue = queue
        self.configuration = configuration
        self.log = log
    }

    /// Stop claiming; jobs already running finish. Safe from any thread or a signal handler's queue.
    public func requestStop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
    }

    public var isStopping: Bool { stopRequested.load(ordering: .sequentiallyConsistent) }

    /// Runs the worker threads and returns when all have ended. Throws the first database error a
    /// thread met; a failing document never ends the worker.
    public func run() throws {
        let finished = DispatchGroup()
        let firstError = Mutex<(any Error)?>(nil)
        for slot in 0..<configuration.concurrency {
            finished.enter()
            let thread = Thread { [self] in
                defer { finished.leave() }
                do {
                    try runSlot()
                } catch {
                    firstError.withLock { if $0 == nil { $0 = error } }
                    requestStop()
                }
            }
            thread.name = "docket-worker-\(slot)"
            thread.stackSize = 32 << 20
            thread.start()
        }
        finished.wait()
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    private func runSlot() throws {
        let processor = DocumentProcessor(store: queue.store, limits: configuration.limits)
        while !isStopping {
            guard let job = try queue.claim(worker: configuration.name, lease: configuration.lease) else {
                if configuration.drain, try queue.isDrained() { return }
                let wait = try queue.secondsUntilNextRunnable().map { min($0, configuration.pollInterval) }
                Thread.sleep(forTimeInterval: max(0.01, wait ?? configuration.pollInterval))
                continue
            }
            try runJob(job, with: processor)
        }
    }

    private func runJob(_ job: ClaimedJob, with processor: DocumentProcessor) throws {
        let heartbeat = Heartbeat(queue: queue, job: job, lease: configuration.lease)
        defer { heartbeat.stop() }
        let started = Date()
        func outcome(_ state: JobState?, _ message: String) -> JobOutcome {
            JobOutcome(jobID: job.id, documentID: job.documentID, state: state, message: message,
                       seconds: Date().timeIntervalSince(started))
        }
        do {
            let result = try processor.process(job) { done, total in
                (try? queue.reportProgress(job, pagesDone: done, pagesTotal: total)) ?? false
            }
            let completed = try queue.complete(job) { db in
                let now = Store.now()
                if let pages = result.newPages {
                    try Store.replacePages(db, document: job.documentID, with: pages)
                    try Store.recordRun(db, document: job.documentID, job: job.id, seconds: result.seconds, now: now)
                }
                try Store.insertAnswers(db, document: job.documentID, job: job.id, answers: result.answers, now: now)
            }
            log(outcome(completed ? .succeeded : nil, completed ? "succeeded" : "lease lost; results discarded"))
        } catch WorkerError.abandoned {
            log(outcome(nil, "lease lost while reading; results discarded"))
        } catch let error as ExtractError {
            let state = try queue.fail(job, error: error.description, permanent: error.isPermanent)
            log(outcome(state, error.description))
        } catch let error as StoreError {
            let state = try queue.fail(job, error: error.description, permanent: true)
            log(outcome(state, error.description))
        } catch {
            let message = "\(error)"
            let state = try queue.fail(job, error: message, permanent: false)
            log(outcome(state, message))
        }
    }
}
