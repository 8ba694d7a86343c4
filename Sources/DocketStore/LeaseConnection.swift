/// A connection of its own for renewing leases. A renewal never queues behind this process's
/// other writes (a job's results can keep the shared writer busy for seconds), and it waits for
/// another writer at most the `lockWait` it was opened with, so that the caller can try again
/// while the lease still runs instead of waiting out the busy timeout.
public protocol LeaseConnection: Sendable {
    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    /// Throws when the renewal could not be made in time.
    func renew(_ job: ClaimedJob, lease: Double) throws -> JobProgress?
}
