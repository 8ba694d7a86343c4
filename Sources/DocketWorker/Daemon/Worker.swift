import DocketExtract
import DocketModel
import DocketQueue
import DocketStore
import Foundation
import Synchronization

/// The worker daemon: `concurrency` threads, each claiming a job, running it (in a child process
/// or on the thread itself) and recording how it ended, until stopped or, with `drain`, until the
/// queue is empty.
public final class Worker: Sendable {
    public let queue: JobQueue
    public let configuration: WorkerConfiguration
    let log: @Sendable (JobOutcome) -> Void
    /// Trouble the worker rides out (a locked database, a lease it could not renew), one line each.
    let logProblem: @Sendable (String) -> Void
    /// When a stop was requested (seconds since 1970), nil while running normally.
    private let stopRequestedAt = Mutex<Double?>(nil)
    private let dispatcher = SlotDispatcher()
    /// One per slot: a slot holds one while it runs a job, and job children borrow the idle ones.
    let engines: EngineTokens

    public init(queue: JobQueue, configuration: WorkerConfiguration, log: @escaping @Sendable (JobOutcome) -> Void = { _ in },
                logProblem: @escaping @Sendable (String) -> Void = { _ in }) {
        self.queue = queue
        self.configuration = configuration
        engines = EngineTokens(count: configuration.concurrency)
        self.log = log
        self.logProblem = logProblem
    }

    /// Stop claiming; running jobs get `grace` seconds to finish before they are given back to the
    /// queue. Safe from any thread.
    public func requestStop() {
        stopRequestedAt.withLock { if $0 == nil { $0 = queue.store.clock.now() } }
    }

    public var isStopping: Bool { stopRequestedAt.withLock { $0 != nil } }

    /// True once a stop was requested and its grace period has passed.
    var isPastGrace: Bool {
        stopRequestedAt.withLock { requested in requested.map { queue.store.clock.now() >= $0 + configuration.grace } ?? false }
    }

    /// Runs the worker threads and returns when all have ended. Neither a failing document nor a
    /// locked database ends the worker; it throws `WorkerError.databaseUnusable` when the database
    /// cannot be opened or is corrupt.
    public func run() throws {
        let sender = WebhookSender(store: queue.store, settings: configuration.webhooks, worker: configuration.name, logProblem: logProblem)
        sender.start()
        let finished = DispatchGroup()
        let firstError = Mutex<(any Error)?>(nil)
        for slot in 0..<configuration.concurrency {
            finished.enter()
            let thread = Thread { [self] in
                defer { finished.leave() }
                do {
                    try runSlot(jobEnded: sender.wake)
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
        for job in dispatcher.takeUnclaimed() { _ = try? queue.release(job) }
        // Draining delivers what is due before exiting; a failed delivery waits for the next worker.
        sender.stop(deliveringDueEvents: configuration.drain && firstError.withLock { $0 == nil })
        if let error = firstError.withLock({ $0 }) {
            throw (error as? StoreError) ?? WorkerError.databaseUnusable(path: queue.store.location.description, reason: StoreTrouble.describe(error))
        }
    }

    /// `jobEnded` runs after each job this slot ran has ended: its webhook event may be due.
    private func runSlot(jobEnded: () -> Void) throws {
        let renewer = try LeaseRenewer(store: queue.store, lockWait: configuration.lease / 6)
        let processor = DocumentProcessor(store: queue.store, limits: configuration.limits)
        let child: SlotChild? = switch configuration.isolation {
        case .inProcess: nil
        case .childProcess(let settings): SlotChild(settings: settings, logProblem: logProblem)
        }
        defer { child?.close() }
        var claimBackoff = Backoff()
        // The slot holds one of the worker's engines while it claims and runs a job, and gives it
        // back while it waits, so that a job child can borrow it to read another page at once.
        while engines.take(unless: { isStopping }) {
            let claim: Claim
            do {
                claim = try claimRunnable()
                claimBackoff.reset()
            } catch let error where !StoreTrouble.isUnusable(error) {
                engines.giveBack(1)
                let wait = claimBackoff.next()
                logProblem("could not claim a job (\(StoreTrouble.describe(error))); trying again in \(wait) s")
                sleepUnlessStopping(wait)
                continue
            } catch {
                engines.giveBack(1)
                throw error
            }
            switch claim {
            case .drained:
                engines.giveBack(1)
                return
            case .nothingRunnable(let wait):
                engines.giveBack(1)
                // On PostgreSQL a submit's NOTIFY ends the wait early; elsewhere it is a sleep.
                _ = queue.store.waitForSubmit(seconds: wait)
            case .job(let job):
                defer { engines.giveBack(1) }
                if let child {
                    log(ChildSupervision(worker: self, job: job, slot: child, renewer: renewer).run())
                } else {
                    log(try runInProcess(job, processor: processor, renewer: renewer))
                }
                jobEnded()
            }
        }
    }

    private enum Claim {
        case job(ClaimedJob)
        /// Draining, and nothing is queued or running.
        case drained
        /// Nothing was runnable; the slot waits this many seconds (for the next job's time, or its
        /// poll interval) or until a submit wakes it.
        case nothingRunnable(wait: Double)
    }

    private func claimRunnable() throws -> Claim {
        let claimed = try dispatcher.nextJob { idleSlots in
            try queue.claim(worker: configuration.name, lease: configuration.lease, limit: idleSlots)
        }
        if let job = claimed { return .job(job) }
        if configuration.drain, try queue.isDrained() { return .drained }
        let wait = try queue.secondsUntilNextRunnable().map { min($0, configuration.pollInterval) }
        return .nothingRunnable(wait: max(0.01, wait ?? configuration.pollInterval))
    }

    private func runInProcess(_ job: ClaimedJob, processor: DocumentProcessor, renewer: LeaseRenewer) throws -> JobOutcome {
        let started = Date()
        let heartbeat = Heartbeat(renewer: renewer, job: job, lease: configuration.lease, log: logProblem)
        defer { heartbeat.stop() }
        do {
            return try JobExecution.run(job, queue: queue, processor: processor, shouldYield: { isPastGrace })
        } catch let error where !StoreTrouble.isUnusable(error) {
            // The attempt's end could not be written (the database stayed locked): try longer.
            let message = StoreTrouble.describe(error)
            switch persistently(patience: max(configuration.lease, 60), { try queue.fail(job, error: message, permanent: false) }) {
            case .success(let state):
                return JobOutcome(job, state, message, startedAt: started)
            case .failure(let error):
                return JobOutcome(job, nil, "\(message); this could not be recorded (\(StoreTrouble.describe(error))), so the job runs again once its lease expires",
                                  startedAt: started)
            }
        }
    }

    private func sleepUnlessStopping(_ seconds: Double) {
        let end = Date().addingTimeInterval(seconds)
        while !isStopping, Date() < end { Thread.sleep(forTimeInterval: min(0.05, max(0, end.timeIntervalSinceNow))) }
    }
}

/// Why the worker stopped before it was asked to.
public enum WorkerError: Error, Equatable, Sendable {
    case databaseUnusable(path: String, reason: String)
}

extension WorkerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .databaseUnusable(let path, let reason):
            "The worker stopped: the database at \(path) cannot be used (\(reason)). Restore it from a backup or point --db at another database, then start the worker again."
        }
    }
}
