import DocketStore

/// Renews leases on a connection of its own (see `LeaseConnection`), so that a renewal neither
/// queues behind this process's other writes nor waits out the busy timeout.
public final class LeaseRenewer: Sendable {
    private let connection: any LeaseConnection

    public init(store: any Store, lockWait: Double) throws {
        connection = try store.openLeaseConnection(lockWait: lockWait)
    }

    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    /// Throws when the renewal could not be made in time.
    public func renew(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try connection.renew(job, lease: lease)
    }
}
