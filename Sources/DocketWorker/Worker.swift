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
    /// When a stop was requested (seconds since 1970), nil while running normally.
    private let stopRequestedAt = Mutex<Double?>(nil)

    public init(queue: JobQueue, configuration: WorkerConfiguration, log: @escaping @Sendable (JobOutcome) -> Void = { _ in }) {
        self.queue = queue
        self.configuration = configuration
        self.log = log
    }

    /// Stop claiming; running jobs get `grace` seconds to finish before they are given back to the
    /// queue. Safe from any thread.
    public func requestStop() {
        stopRequestedAt.withLock { if $0 == nil { $0 = Store.now() } }
    }

    public var isStopping: Bool { stopRequestedAt.withLock { $0 != nil } }

    /// True once a stop was requested and its grace period has passed.
    var isPastGrace: Bool {
        stopRequestedAt.withLock { requested in requested.map { Store.now() >= $0 + configuration.grace } ?? false }
    }

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
            switch configuration.isolation {
            case .inProcess:
                let heartbeat = Heartbeat(queue: queue, job: job, lease: configuration.lease)
                defer { heartbeat.stop() }
                log(try JobExecution.run(job, queue: queue, processor: processor, shouldYield: { isPastGrace }))
            case .childProcess(let settings):
                log(try ChildSupervision(worker: self, job: job, settings: settings).run())
            }
        }
    }
}
