import DocketExtract
import Foundation

public struct WorkerConfiguration: Sendable {
    /// Jobs run at once, each on its own thread with its own Tesseract engine.
    public var concurrency: Int
    /// Seconds a claim holds a job without a heartbeat; the heartbeat renews it every third of that.
    public var lease: Double
    /// Exit when no job is queued or running instead of waiting for more.
    public var drain: Bool
    /// Seconds to wait before looking again when no job is runnable.
    public var pollInterval: Double
    public var limits: ExtractLimits
    /// Names this worker in the jobs it claims: host and process id unless given.
    public var name: String

    public init(concurrency: Int = 1, lease: Double = 60, drain: Bool = false, pollInterval: Double = 0.5,
                limits: ExtractLimits = .fromEnvironment(), name: String? = nil) {
        self.concurrency = max(1, concurrency)
        self.lease = lease
        self.drain = drain
        self.pollInterval = pollInterval
        self.limits = limits
        self.name = name ?? "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }
}
