import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// Connections to one PostgreSQL database, kept open between uses. Docket's store calls are
/// synchronous (the worker and the CLI run on threads of their own), so a caller takes a connection,
/// waits on each query's future, and gives the connection back.
final class PostgresConnectionPool: Sendable {
    let address: PostgresAddress
    private let configuration: PostgresConnection.Configuration
    /// Idle connections by whether their commits wait for the disk (the session's
    /// synchronous_commit), so that a transaction never needs a round trip to change it.
    private let idle = Mutex<(synchronous: [PostgresConnection], asynchronous: [PostgresConnection])>(([], []))
    private let nextID = Atomic<Int>(0)
    /// Connections of each kind kept open while unused; more are opened when callers need them at once.
    private let mostIdle: Int
    /// When true, a statement outside `withTransaction(synchronousCommit: true)` commits without
    /// waiting for its WAL to reach the disk: a claim or a heartbeat lost to a server crash only
    /// makes a job run again. Writes a user was told about ask for a synchronous commit.
    let commitsAsynchronously: Bool
    static let logger = Logger(label: "docket.postgres") { _ in SwiftLogNoOpLogHandler() }

    init(address: PostgresAddress, mostIdle: Int = 16, commitsAsynchronously: Bool = false) throws {
        self.address = address
        self.mostIdle = mostIdle
        self.commitsAsynchronously = commitsAsynchronously
        let tls: PostgresConnection.Configuration.TLS
        if address.tls == .disable {
            tls = .disable
        } else {
            let context = try Self.tlsContext(for: address)
            tls = address.tls == .prefer ? .prefer(context) : .require(context)
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password, database: address.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
    }

    /// sslmode prefer and require encrypt without checking the server's certificate, as libpq does,
    /// unless sslrootcert names the CA to check it against; verify-full also checks that the
    /// certificate names the URL's host (or IP address).
    private static func tlsContext(for address: PostgresAddress) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        let checksCertificate = address.rootCertificates != nil && address.tls != .prefer
        switch address.tls {
        case .verifyFull: configuration.certificateVerification = .fullVerification
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .require where checksCertificate: configuration.certificateVerification = .noHostnameVerification
        default: configuration.certificateVerification = .none
        }
        if checksCertificate, let path = address.rootCertificates, path != "system" {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw StoreError.cannotOpen(path: address.urlWithoutPassword, reason: "sslrootcert \(path) cannot be read; give the path of the CA's certificate (PEM)")
            }
            configuration.trustRoots = .file(path)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(
                path: address.urlWithoutPassword,
                reason: "sslrootcert \(address.rootCertificates ?? "") is not a PEM certificate (\(error)); give the CA's certificate")
        }
    }

    /// Opens a connection that is not the pool's: for LISTEN, and for a renewal that must not
    /// wait for one of the pool's. Its statements commit as the pool's do by default.
    func openConnection() throws -> PostgresConnection {
        try openConnection(synchronousCommit: !commitsAsynchronously)
    }

    private func openConnection(synchronousCommit: Bool) throws -> PostgresConnection {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                id: nextID.add(1, ordering: .relaxed).newValue, logger: Self.logger
            ).wait()
        } catch {
            throw PostgresStore.openingError(error, address: address)
        }
        // A pool that commits asynchronously by default asks for synchronous commits outright, as the
        // server may be configured without them; a durable pool leaves them as the server is configured.
        let setting: PostgresQuery? = !synchronousCommit ? "SET synchronous_commit TO off" : commitsAsynchronously ? "SET synchronous_commit TO on" : nil
        if let setting {
            do {
                try connection.run(setting)
            } catch {
                connection.closeWaitingOffEventLoops()
                throw error
            }
        }
        return connection
    }

    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection(synchronousCommit: !commitsAsynchronously, body)
    }

    private func withConnection<T>(synchronousCommit: Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        let pooled = idle.withLock { idle in
            synchronousCommit ? idle.synchronous.popLast() : idle.asynchronous.popLast()
        }
        let connection = try pooled ?? openConnection(synchronousCommit: synchronousCommit)
        defer { giveBack(connection, synchronousCommit: synchronousCommit) }
        return try body(connection)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// `synchronousCommit` makes the commit wait until the transaction is on the server's disk.
    func withTransaction<T>(synchronousCommit: Bool = true, _ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection(synchronousCommit: synchronousCommit) { connection in
            try connection.run("BEGIN")
            do {
                let result = try body(connection)
                try connection.run("COMMIT")
                return result
            } catch {
                if !connection.isClosed { _ = try? connection.run("ROLLBACK") }
                throw error
            }
        }
    }

    private func giveBack(_ connection: PostgresConnection, synchronousCommit: Bool) {
        guard !connection.isClosed else { return }
        let kept = idle.withLock { idle -> Bool in
            if synchronousCommit {
                guard idle.synchronous.count < mostIdle else { return false }
                idle.synchronous.append(connection)
            } else {
                guard idle.asynchronous.count < mostIdle else { return false }
                idle.asynchronous.append(connection)
            }
            return true
        }
        if !kept { connection.closeWaitingOffEventLoops() }
    }

    func close() {
        let connections = idle.withLock { idle in
            defer { idle = ([], []) }
            return idle.synchronous + idle.asynchronous
        }
        for connection in connections {
            connection.closeWaitingOffEventLoops()
        }
    }
}

extension PostgresConnection {
    /// Closes the connection and waits until it is closed, except on one of NIO's event loops, where
    /// waiting is not allowed (a store released by a task the API server runs there): the close
    /// then completes by itself.
    func closeWaitingOffEventLoops() {
        let closing: EventLoopFuture<Void> = close()
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else {
            // Held until closed: PostgresNIO asserts that a connection is never released open.
            closing.whenComplete { _ in withExtendedLifetime(self) {} }
            return
        }
        try? closing.wait()
    }

    /// Runs `query` and waits for all its rows.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try self.query(query, logger: PostgresConnectionPool.logger).wait()
    }
}
