import Foundation
import PostgresNIO
import Synchronization

/// Empty PostgreSQL databases for tests, one per call, on a cluster that lives as long as the test
/// process: the first call starts it with `scripts/throwaway-postgres` in a fresh temporary folder
/// and the process stops it when it exits. Concurrent tests share the one cluster.
///
/// When `DOCKET_TEST_POSTGRES_URL` holds the URL of a role that may create databases on a server
/// already running (`postgres://docket@127.0.0.1:5432/postgres`), its databases are made there
/// instead, and no cluster is started.
public enum ThrowawayPostgres {
    public static let serverURLVariable = "DOCKET_TEST_POSTGRES_URL"

    /// The URL of a new, empty database: `postgres://docket@127.0.0.1:PORT/docket_test_N`.
    public static func newDatabase() throws -> String {
        try state.withLock { state in
            let server = try state.server ?? startServer()
            state.server = server
            while true {
                state.databasesMade += 1
                let name = "docket_test_\(state.databasesMade)"
                do {
                    try PostgresURL(server).withConnection { connection in
                        _ = try connection.query("CREATE DATABASE \(unescaped: name)", logger: logger).wait()
                    }
                    return try PostgresURL(server).replacingDatabase(with: name).string
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == duplicateDatabase {
                    // A database left by an earlier run on a server someone else runs.
                    continue
                }
            }
        }
    }

    /// A new, empty database on a second cluster that has TLS on, and the file of the self-signed
    /// CA that signed its certificate, which names localhost only (not 127.0.0.1, the URL's host). The URL has no sslmode.
    public static func newTLSDatabase() throws -> (url: String, certificateAuthority: String) {
        try tlsState.withLock { state in
            if state.server == nil {
                let started = try startCluster(tls: true)
                state.server = started.url
                state.folder = started.folder
            }
            let server = state.server!
            state.databasesMade += 1
            let name = "docket_tls_test_\(state.databasesMade)"
            try PostgresURL(server).withConnection { connection in
                _ = try connection.query("CREATE DATABASE \(unescaped: name)", logger: logger).wait()
            }
            return (try PostgresURL(server).replacingDatabase(with: name).string, (state.folder ?? "") + "/tls/ca.crt")
        }
    }

    private struct State {
        /// The admin URL of the server the databases are made on, once it is known.
        var server: String?
        var databasesMade = 0
        /// The cluster's folder, when this process started it.
        var folder: String?
    }

    private static let state = Mutex(State())
    private static let tlsState = Mutex(State())
    private static let duplicateDatabase = "42P04"
    public static let logger = Logger(label: "docket.throwaway-postgres")

    /// The folders of the clusters this process started, for the exit handler.
    private static let clusterFolders = Mutex<[String]>([])

    private static func startServer() throws -> String {
        if let url = ProcessInfo.processInfo.environment[serverURLVariable], !url.isEmpty {
            _ = try PostgresURL(url)
            return url
        }
        return try startCluster(tls: false).url
    }

    private static func startCluster(tls: Bool) throws -> (url: String, folder: String) {
        let folder = FileManager.default.temporaryDirectory
            .appending(path: "docket-postgres-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))").path
        let result = try runScript(["start", folder] + (tls ? ["--ssl"] : []))
        guard result.status == 0, let url = result.stdout.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres://") else {
            throw ThrowawayPostgresError.cannotStart(reason: result.stderr.isEmpty ? result.stdout : result.stderr)
        }
        let first = clusterFolders.withLock { folders in
            folders.append(folder)
            return folders.count == 1
        }
        if first { atexit { ThrowawayPostgres.stopClusters() } }
        return (url, folder)
    }

    /// Stops the clusters from an exit handler: spawned directly, since Foundation may already be
    /// tearing down.
    private static func stopClusters() {
        for folder in clusterFolders.withLock({ $0 }) { stopCluster(folder) }
    }

    private static func stopCluster(_ folder: String) {
        let arguments = [script.path, "stop", folder]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        guard posix_spawn(&child, script.path, nil, nil, &argv, environ) == 0 else { return }
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
    }

    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "scripts/throwaway-postgres")

    private static func runScript(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = script
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw ThrowawayPostgresError.cannotStart(reason: "cannot run \(script.path): \(error)")
        }
        // Read both before waiting: the script's children (the postmaster) would otherwise keep a
        // full pipe blocked. The script closes them before it returns.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

public enum ThrowawayPostgresError: Error, CustomStringConvertible {
    case cannotStart(reason: String)
    case badURL(String)

    public var description: String {
        switch self {
        case .cannotStart(let reason):
            "could not start a PostgreSQL cluster for the tests: \(reason)"
                + (reason.contains("install-packages") ? "" : " (is PostgreSQL installed? ./deploy/install-packages.sh installs it)")
                + "; or set \(ThrowawayPostgres.serverURLVariable) to the URL of a running server whose role may create databases"
        case .badURL(let url):
            "\(url) is not a PostgreSQL URL: give postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        }
    }
}

/// A `postgres://user[:password]@host[:port]/database` URL, as the connection needs it.
public struct PostgresURL: Sendable {
    public let string: String
    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    public let database: String

    public init(_ string: String) throws {
        guard let components = URLComponents(string: string), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let username = components.user, !username.isEmpty
        else { throw ThrowawayPostgresError.badURL(string) }
        self.string = string
        self.host = host
        port = components.port ?? 5432
        self.username = username
        password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : path
    }

    /// The same server and role, another database.
    public func replacingDatabase(with name: String) throws -> PostgresURL {
        var components = URLComponents(string: string)!
        components.path = "/" + name
        return try PostgresURL(components.string!)
    }

    public var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: .disable)
    }

    /// Runs `body` on a new connection to this database, and closes it.
    public func withConnection<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: ThrowawayPostgres.logger
        ).wait()
        defer { try? connection.close().wait() }
        return try body(connection)
    }
}
