import DocketExtract
import DocketQueue
import Foundation

/// Runs jobs one at a time on the calling thread, as a worker's in-process slot does (one
/// `DocumentProcessor`, so one OCR engine for every job), but with no heartbeat and no webhooks:
/// the lease it claims with must outlast each job. For `docket bench pipeline`, which binds
/// `StageTimings` around each run; a task-local binding reaches only the thread that made it.
public final class InlineJobRunner {
    public let queue: JobQueue
    private let processor: DocumentProcessor
    private let worker: String
    private let lease: Double

    public init(queue: JobQueue, limits: ExtractLimits, worker: String = "inline:\(getpid())", lease: Double = 24 * 3600) {
        self.queue = queue
        processor = DocumentProcessor(store: queue.store, limits: limits)
        self.worker = worker
        self.lease = lease
    }

    /// Claims the most urgent runnable job and runs it to its end; nil when none is runnable.
    public func runNext() throws -> JobOutcome? {
        guard let job = try queue.claim(worker: worker, lease: lease) else { return nil }
        return try JobExecution.run(job, queue: queue, processor: processor)
    }
}
