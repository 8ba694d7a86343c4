import DocketModel
import Foundation
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// Docket's store in a PostgreSQL database, which workers on many machines share. Its schema is
/// `Migrations/postgres/`, embedded in the binary and applied by `docket migrate` (or by any
/// command that writes, as on SQLite).
public final class PostgresStore: Store {
    public let address: PostgresAddress
    public let clock: StoreClock
    let pool: PostgresConnectionPool
    let durability: StoreDurability
    let submitListener: SubmitListener
    /// When this store last looked for expired leases, on its clock.
    let lastReclaim = Mutex<Double?>(nil)
    /// Writes the body of the webhook event of a job that ends with a callback URL.
    let webhookBodies: (any WebhookBodyEncoder)?

    public var location: StoreLocation { .postgres(address) }

    /// Connects and, for `.readWrite`, creates or upgrades the schema. A refused connection, a
    /// missing database or a wrong password is one `StoreError` saying what to do.
    public init(
        address: PostgresAddress, access: StoreAccess = .readWrite, durability: StoreDurability = .normal,
        addingToForeignDatabase: Bool = false, clock: StoreClock = .system, webhookBodies: (any WebhookBodyEncoder)? = nil
    ) throws {
        self.address = address
        self.clock = clock
        self.webhookBodies = webhookBodies
        self.durability = durability
        pool = try PostgresConnectionPool(address: address, commitsAsynchronously: durability == .normal)
        submitListener = SubmitListener(pool: pool)
        switch access {
        case .readWrite: try migrate(addingToForeignDatabase: addingToForeignDatabase)
        case .readOnly: try checkSchemaForReading()
        }
    }

    deinit {
        submitListener.stop()
        pool.close()
    }

    public static var knownMigrations: [String] { embeddedPostgresMigrations.map(\.name) }

    public func appliedMigrations() throws -> [String] {
        try pool.withConnection { connection in try Self.appliedMigrations(connection) ?? [] }
    }

    /// The migrations recorded in the database; nil when it has no record of any.
    static func appliedMigrations(_ connection: PostgresConnection) throws -> [String]? {
        let exists = try connection.run("SELECT to_regclass('docket_migrations') IS NOT NULL").first?.decode(Bool.self) ?? false
        guard exists else { return nil }
        return try connection.run("SELECT name FROM docket_migrations ORDER BY name").map { try $0.decode(String.self) }
    }

    /// Applies the migrations this database lacks, each in a transaction with its record. An
    /// advisory lock makes processes that start at once take turns; the later ones find nothing to do.
    private func migrate(addingToForeignDatabase: Bool) throws {
        try pool.withTransaction { connection in
            try connection.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            let applied = try Self.appliedMigrations(connection)
            if applied == nil, !addingToForeignDatabase, try Self.hasOtherTables(connection) {
                throw StoreError.notDocketDatabase(path: address.urlWithoutPassword)
            }
            let unknown = (applied ?? []).filter { !Self.knownMigrations.contains($0) }
            guard unknown.isEmpty else { throw StoreError.migratedByNewerDocket(path: address.urlWithoutPassword, unknownMigrations: unknown) }
            try connection.run("""
                CREATE TABLE IF NOT EXISTS docket_migrations (name text PRIMARY KEY, applied_at double precision NOT NULL)
                """)
            for migration in embeddedPostgresMigrations where !(applied ?? []).contains(migration.name) {
                guard !migration.text.contains(Self.migrationQuote) else {
                    preconditionFailure("migration \(migration.name) contains \(Self.migrationQuote)")
                }
                // The extended protocol runs one statement at a time; PL/pgSQL's EXECUTE runs a whole file.
                let quote = Self.migrationQuote
                try connection.run(PostgresQuery(unsafeSQL: "DO $docket$ BEGIN EXECUTE \(quote)\(migration.text)\(quote); END $docket$"))
                try connection.run("INSERT INTO docket_migrations (name, applied_at) VALUES (\(migration.name), \(clock.now()))")
            }
        }
    }

    private static let migrationQuote = "$docket_migration$"
    /// The advisory lock key migrations take: "docket" in ASCII.
    private static let migrationLock: Int64 = 0x646f636b6574

    private static func hasOtherTables(_ connection: PostgresConnection) throws -> Bool {
        try connection.run("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p')
            """).first?.decode(Int64.self) ?? 0 > 0
    }

    private func checkSchemaForReading() throws {
        try pool.withConnection { connection in
            guard let applied = try Self.appliedMigrations(connection) else {
                throw try Self.hasOtherTables(connection)
                    ? StoreError.notDocketDatabase(path: address.urlWithoutPassword) : StoreError.noDatabase(path: address.urlWithoutPassword)
            }
            let unknown = applied.filter { !Self.knownMigrations.contains($0) }
            guard unknown.isEmpty else { throw StoreError.migratedByNewerDocket(path: address.urlWithoutPassword, unknownMigrations: unknown) }
            let missing = Self.knownMigrations.filter { !applied.contains($0) }
            guard missing.isEmpty else { throw StoreError.needsMigration(path: address.urlWithoutPassword, missingMigrations: missing) }
        }
    }

    /// Nothing to move: PostgreSQL writes its own checkpoints.
    public func checkpoint() throws {}
}

// MARK: Errors

extension PostgresStore {
    /// A failure to connect as one `StoreError` that says what to do.
    static func openingError(_ error: any Error, address: PostgresAddress) -> StoreError {
        let shown = address.urlWithoutPassword
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "error \(state)"
            switch state {
            case "3D000":
                return .cannotOpen(path: shown, reason: "\(message); create it (createdb \(address.database)) or name another database in the URL")
            case "28P01", "28000":
                return .cannotOpen(path: shown, reason: "\(message); check the user and password in the URL")
            default:
                return .cannotOpen(path: shown, reason: message)
            }
        }
        if let error = error as? PSQLError, let underlying = error.underlying,
           underlying is NIOSSLError || underlying is NIOSSLExtraError || underlying is BoringSSLError {
            return .cannotOpen(path: shown, reason: """
                the server's TLS certificate was refused (\(underlying)); check that sslrootcert is the CA that signed it \
                and, for sslmode=verify-full, that the certificate names \(address.host)
                """)
        }
        if let error = error as? PSQLError {
            let cause = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return .cannotOpen(path: shown, reason: "cannot connect to \(address.host):\(address.port) (\(cause)); check that PostgreSQL runs there and the URL's host and port")
        }
        return .cannotOpen(path: shown, reason: "cannot connect to \(address.host):\(address.port) (\(error)); check that PostgreSQL runs there and the URL's host and port")
    }

    /// The server's message for an error from PostgreSQL; nil for any other error.
    static func message(of error: any Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        if let message = error.serverInfo?[.message] { return message }
        return error.underlying.map { "PostgreSQL: \($0)" } ?? "PostgreSQL: \(error.code)"
    }

    /// True when trying again cannot help: the database is gone or this user may not use it.
    static func isUnusable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return ["3D000", "28P01", "28000", "42501", "42P01"].contains(state)
    }
}
