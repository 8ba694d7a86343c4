import GRDB

/// A connection of its own for renewing leases, which waits for another process's write lock at
/// most `lockWait` seconds.
final class SQLiteLeaseConnection: LeaseConnection {
    private let connection: DatabaseQueue
    private let clock: StoreClock

    init(store: SQLiteStore, lockWait: Double) throws {
        clock = store.clock
        var configuration = Configuration()
        configuration.busyMode = SQLiteLockWait.busyMode(seconds: lockWait)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            connection = try DatabaseQueue(path: store.path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: store.path, reason: error.message ?? error.description)
        }
    }

    public func renew(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try connection.writeWithoutTransaction { db in
            var progress: JobProgress?
            try db.inTransaction(.immediate) {
                progress = try SQLiteStore.renewLease(db, job, until: clock.now() + lease)
                return .commit
            }
            return progress
        }
    }
}
