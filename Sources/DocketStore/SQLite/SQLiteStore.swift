import Foundation
import GRDB

/// Docket's database: one SQLite file in WAL mode, its schema from `Migrations/`.
public final class SQLiteStore: Store {
    public let path: String
    public var location: StoreLocation { .sqlite(path: path) }
    let database: DatabasePool
    /// The time every record is stamped with, and leases and backoffs are measured against.
    public let clock: StoreClock
    /// Writes the body of the webhook event of a job that ends with a callback URL.
    let webhookBodies: (any WebhookBodyEncoder)?

    /// Opens (creating it and its folder if needed) and migrates the database at `path`. A file with
    /// other tables and none of Docket's is refused unless `addingToForeignDatabase`.
    public init(
        path: String, durability: StoreDurability = .normal, addingToForeignDatabase: Bool = false, clock: StoreClock = .system,
        webhookBodies: (any WebhookBodyEncoder)? = nil
    ) throws {
        self.path = path
        self.clock = clock
        self.webhookBodies = webhookBodies
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try Self.checkBeforeOpeningForWriting(at: path, addingToForeignDatabase: addingToForeignDatabase)
        var configuration = Configuration()
        configuration.busyMode = SQLiteLockWait.busyMode(seconds: Self.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: durability == .full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            // Each checkpoint syncs the database file; at the default of 1,000 pages that is one
            // sync every hundred or so jobs. 8,000 pages (32 MiB of WAL) makes it one in a thousand.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8000")
        }
        database = try Self.openPool(path: path, configuration: configuration)
        try migrate()
    }

    /// A store on a pool opened elsewhere (`init(path:access:)`): nothing is created or migrated.
    init(path: String, openedDatabase: DatabasePool, clock: StoreClock) {
        self.path = path
        database = openedDatabase
        self.clock = clock
        webhookBodies = nil
    }

    /// Seconds a connection waits for another connection's write lock before giving up: 30, or
    /// `DOCKET_BUSY_TIMEOUT` when set (tests shorten it to meet a locked database quickly).
    public static var busyTimeout: Double {
        ProcessInfo.processInfo.environment["DOCKET_BUSY_TIMEOUT"].flatMap(Double.init).map { max(0, $0) } ?? 30
    }

    /// Most times a pool is opened while other processes hold the new file's lock.
    static let openAttempts = 100

    /// Processes that open a new database at once each switch it to WAL, which needs the file to
    /// itself, and SQLite answers "database is locked" at once rather than waiting out the busy
    /// timeout. The switch is made once for the file, so the losers only have to try again.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 1
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < openAttempts {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05)
            } catch let error as DatabaseError {
                throw StoreError.cannotOpen(path: path, reason: error.message ?? error.description)
            }
        }
    }

    /// Nothing to hear on SQLite: a worker looks again after the wait.
    public func waitForSubmit(seconds: Double) -> Bool {
        Thread.sleep(forTimeInterval: max(0, seconds))
        return false
    }

    public func openLeaseConnection(lockWait: Double) throws -> any LeaseConnection {
        try SQLiteLeaseConnection(store: self, lockWait: lockWait)
    }

    /// The migrations this database has applied, in order.
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try Self.migrator.appliedIdentifiers(db) }.sorted()
    }

    public static var knownMigrations: [String] { embeddedMigrations.map(\.name) }

    private func migrate() throws {
        let unknown = try database.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            return applied.filter { !Self.knownMigrations.contains($0) }.sorted()
        }
        guard unknown.isEmpty else { throw StoreError.migratedByNewerDocket(path: path, unknownMigrations: unknown) }
        // Two processes opening a new database at once (a worker and a submit) both see a
        // migration unapplied, and the second to run it fails. Each migration commits with its
        // record, so the loser only has to look again and go on from where the winner is.
        for attempt in 1... {
            let appliedBefore = try appliedMigrationsIfAny()
            do {
                try Self.migrator.migrate(database)
                return
            } catch let error as DatabaseError {
                guard attempt < 20, try appliedMigrationsIfAny() != appliedBefore else { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    private func appliedMigrationsIfAny() throws -> Set<String> {
        try database.read { db in try db.tableExists("grdb_migrations") ? try Self.migrator.appliedIdentifiers(db) : [] }
    }

    private static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for migration in embeddedMigrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.text) }
        }
        return migrator
    }()
}

extension DatabasePool {
    /// Runs a read of one statement without wrapping it in a transaction: one statement already
    /// reads one snapshot, and the BEGIN and COMMIT around it cost as much as the read itself on the
    /// API's busiest routes.
    func readOneStatement<T>(_ body: (Database) throws -> T) throws -> T {
        try unsafeRead(body)
    }
}
