import Foundation
import PostgresNIO
import Synchronization

/// A connection of its own for renewing leases, outside the store's pool, so that a renewal never
/// waits for a pooled connection busy writing a job's results. A renewal blocked by a lock on
/// the job's row is cancelled by the server after `lockWait` seconds, and throws.
final class PostgresLeaseConnection: LeaseConnection {
    private let pool: PostgresConnectionPool
    private let clock: StoreClock
    private let settings: [String]
    private let connection: Mutex<PostgresConnection?>

    init(store: PostgresStore, lockWait: Double) throws {
        pool = store.pool
        clock = store.clock
        let milliseconds = max(1, Int((lockWait * 1000).rounded(.up)))
        // A lost renewal only makes the job run again, so it need not wait for the disk unless asked to.
        settings = ["SET statement_timeout = \(milliseconds)"] + (store.durability == .full ? [] : ["SET synchronous_commit = off"])
        connection = Mutex(try Self.open(pool, settings: settings))
    }

    deinit {
        if let connection = connection.withLock({ $0 }) { connection.closeWaitingOffEventLoops() }
    }

    private static func open(_ pool: PostgresConnectionPool, settings: [String]) throws -> PostgresConnection {
        let connection = try pool.openConnection()
        do {
            for setting in settings { try connection.run(PostgresQuery(unsafeSQL: setting)) }
        } catch {
            connection.closeWaitingOffEventLoops()
            throw error
        }
        return connection
    }

    public func renew(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        try connection.withLock { connection in
            // A connection the server dropped is opened again: the next renewal must not fail for it.
            if connection == nil || connection?.isClosed == true { connection = try Self.open(pool, settings: settings) }
            return try PostgresStore.renewLease(connection!, job, until: clock.now() + lease)
        }
    }
}
