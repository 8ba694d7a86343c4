import DocketExtract
import DocketQueue
import Foundation

/// The child-process side of a job: `docket run-job` calls `run`, in a process of its own that
/// the worker watches and kills when it hangs, crashes or grows past its memory limit.
public enum ChildJob {
    /// The child recorded the job's outcome (success, failure or cancel) in the database.
    public static let recordedExitCode: Int32 = 0
    /// The child no longer holds the job's lease: it wrote nothing.
    public static let leaseLostExitCode: Int32 = 75

    public static func run(
        queue: JobQueue, jobID: Int64, leaseToken: String, limits: ExtractLimits, memoryLimitMiB: Int, parent: pid_t,
        beforePage: @escaping (Int, Int) throws -> Void = { _, _ in }
    ) throws -> Int32 {
        // The worker decides when this process stops: a Ctrl-C in its terminal reaches the whole
        // process group, and must let the worker wait for this job, not kill it.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var addressSpace = rlimit(rlim_cur: rlim_t(ChildProcessSettings.addressSpaceLimit(memoryLimitMiB)),
                                  rlim_max: rlim_t(ChildProcessSettings.addressSpaceLimit(memoryLimitMiB)))
        setrlimit(Int32(RLIMIT_AS.rawValue), &addressSpace)
        exitWhenOrphaned(parent: parent)

        guard let job = try queue.claimedJob(jobID, leaseToken: leaseToken) else { return leaseLostExitCode }
        let processor = DocumentProcessor(store: queue.store, limits: limits)
        let outcome = try JobExecution.run(job, queue: queue, processor: processor, beforePage: beforePage)
        return outcome.state == nil ? leaseLostExitCode : recordedExitCode
    }

    /// A child whose worker died (kill -9) must not go on holding a job nobody watches.
    private static func exitWhenOrphaned(parent: pid_t) {
        let watcher = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.2) }
            _exit(leaseLostExitCode)
        }
        watcher.start()
    }
}

extension ChildProcessSettings {
    static func addressSpaceLimit(_ memoryLimitMiB: Int) -> UInt64 { (UInt64(memoryLimitMiB) * 2 + 1024) << 20 }
}
