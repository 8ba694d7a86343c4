import DocketExtract
import DocketQueue
import Foundation

public struct WorkerConfiguration: Sendable {
    /// Jobs run at once, each on its own thread (and child process) with its own Tesseract engine.
    public var concurrency: Int
    /// Seconds a claim holds a job without a heartbeat; the heartbeat renews it every third of that.
    public var lease: Double
    /// Exit when no job is queued or running instead of waiting for more.
    public var drain: Bool
    /// Seconds to wait before looking again when no job is runnable.
    public var pollInterval: Double
    /// Seconds a stopping worker waits for running jobs before giving them back to the queue.
    public var grace: Double
    public var limits: ExtractLimits
    public var isolation: JobIsolation
    /// Names this worker in the jobs it claims: host and process id unless given.
    public var name: String
    /// How the worker's sender delivers webhook events.
    public var webhooks: WebhookSettings

    public init(concurrency: Int = 1, lease: Double = 60, drain: Bool = false, pollInterval: Double = 0.5,
                grace: Double = 30, limits: ExtractLimits = .fromEnvironment(), isolation: JobIsolation = .inProcess,
                name: String? = nil, webhooks: WebhookSettings = WebhookSettings()) {
        self.webhooks = webhooks
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.drain = drain
        self.pollInterval = pollInterval
        self.grace = grace
        self.limits = limits
        self.isolation = isolation
        self.name = name ?? "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }
}

/// Where a job's native work (Poppler, Leptonica, Tesseract) runs.
public enum JobIsolation: Sendable {
    /// On the worker's own thread: fastest, but a crash in a C library ends the worker.
    case inProcess
    /// In a `docket run-jobs` child process per worker slot, watched by the worker: a crash, a
    /// hang or a runaway allocation costs that attempt only, and the child is replaced.
    case childProcess(ChildProcessSettings)
}

public struct ChildProcessSettings: Sendable {
    /// The `docket` binary to run as `docket run-jobs`.
    public var executable: URL
    public var databasePath: String
    /// A job is killed after max(timeout, timeoutPerPage x its pages) seconds.
    public var timeout: Double
    public var timeoutPerPage: Double
    /// Resident memory a job may use; past it the worker kills the child. Its address space is
    /// capped (setrlimit) at twice this plus 1 GiB, for allocations too quick to be watched.
    public var memoryLimitMiB: Int
    /// The first retry's delay; the child records failures with the worker's retry policy.
    public var retryBaseDelay: Double
    /// Jobs a child runs before it is replaced by a new one.
    public var jobsPerChild: Int
    /// Resident memory past which a child is replaced once its job has ended; half the memory
    /// limit unless given.
    public var recycleMemoryMiB: Int

    public init(executable: URL, databasePath: String, timeout: Double = 600, timeoutPerPage: Double = 120,
                memoryLimitMiB: Int = 2048, retryBaseDelay: Double = RetryPolicy().baseDelay,
                jobsPerChild: Int = 200, recycleMemoryMiB: Int? = nil) {
        self.executable = executable
        self.databasePath = databasePath
        self.timeout = timeout
        self.timeoutPerPage = timeoutPerPage
        self.memoryLimitMiB = memoryLimitMiB
        self.retryBaseDelay = retryBaseDelay
        self.jobsPerChild = max(1, jobsPerChild)
        self.recycleMemoryMiB = recycleMemoryMiB ?? memoryLimitMiB / 2
    }
}
