import GRDB

/// A connection of its own for renewing leases. A renewal never queues behind this process's
/// other writes (a job's results can keep the shared writer busy for seconds), and it waits for
/// another process's write lock at most `lockWait` seconds, so that the caller can try again
/// while the lease still runs instead of waiting out the busy timeout.
public final class LeaseConnection: Sendable {
    private let connection: DatabaseQueue
    private let clock: StoreClock

    public init(store: Store, lockWait: Double) throws {
        clock = store.clock
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockWait)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            connection = try DatabaseQueue(path: store.path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: store.path, reason: error.message ?? error.description)
        }
    }

    /// Extends the lease and reads the job's progress; nil when this worker no longer holds the job.
    /// Throws when the write lock could not be had in time.
    public func renew(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try connection.writeWithoutTransaction { db in
            var progress: JobProgress?
            try db.inTransaction(.immediate) {
                progress = try Store.renewLease(db, job, until: clock.now() + lease)
                return .commit
            }
            return progress
        }
    }
}
