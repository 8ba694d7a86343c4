import ArgumentParser
import DocketServer
import DocketStore
import Foundation
import Logging

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API: submit documents, follow jobs and read results over HTTP.",
        discussion: """
            Every route but /healthz needs `Authorization: Bearer KEY` (docket keys create). The server \
            listens on loopback unless --listen names another address. It speaks plain HTTP (put TLS in \
            front of it with a reverse proxy) unless --tls-cert and --tls-key, given together, name a PEM \
            certificate chain and its unencrypted PEM private key: then it speaks HTTPS only, with the \
            files as they were at start. On SIGTERM or SIGINT it stops accepting connections, \
            gives requests in flight --grace seconds to finish, stops its workers and exits 0.

            A --tls-cert or --tls-key that cannot be read exits 66; one that holds no PEM certificate or \
            usable key, or a key that is not the certificate's, exits 65.

            EXAMPLES
              docket serve
              docket serve --listen 0.0.0.0:8080 --workers 2 --db postgres://docket@db/docket
              docket serve --listen 0.0.0.0:8443 --tls-cert /etc/docket/fullchain.pem --tls-key /etc/docket/key.pem
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("Address and port to listen on (port 0: any free port, printed at start).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"
    @Option(help: "Also run this many `docket worker` processes on the same database, stopped with the server.") var workers = 0
    @Option(help: "Seconds requests in flight get to finish after SIGTERM or SIGINT.") var grace: Double = 30
    @Option(help: "The largest document an upload may carry, in bytes.") var maxUploadBytes = 100 << 20
    @Option(help: "Refuse uploads (503 queue_full) while this many jobs are queued.") var maxQueueDepth = 10_000
    @Option(help: ArgumentHelp("Folder that uploads are streamed to before they are stored (default: the system's temporary folder).", valueName: "path"))
    var uploadFolder: String?
    @Option(help: ArgumentHelp("Serve HTTPS with this certificate, then any intermediates, in one PEM file; needs --tls-key.", valueName: "pem"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("The unencrypted PEM private key of --tls-cert's certificate; needs --tls-cert.", valueName: "pem"))
    var tlsKey: String?
    @Option(help: ArgumentHelp("Least severe log records written to standard error, one JSON object per line: trace, debug, info (a line per request), notice, warning, error or critical.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        guard ServerSettings.parseListen(listen) != nil else {
            throw ValidationError("--listen '\(listen)' is not HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080.")
        }
        guard (0...64).contains(workers) else { throw ValidationError("--workers is from 0 to 64.") }
        guard grace >= 0, grace.isFinite else { throw ValidationError("--grace is a number of seconds, 0 or more.") }
        guard maxUploadBytes > 0 else { throw ValidationError("--max-upload-bytes must be above 0, e.g. 104857600 for 100 MiB.") }
        guard maxQueueDepth > 0 else { throw ValidationError("--max-queue-depth must be above 0.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if (tlsCert == nil) != (tlsKey == nil) {
            Output.error(tlsCert == nil
                ? "--tls-key needs --tls-cert: give the certificate it belongs to as well, or neither to serve plain HTTP."
                : "--tls-cert needs --tls-key: give the certificate's private key as well, or neither to serve plain HTTP.")
            throw ExitCode.validationFailure
        }
    }

    func run() throws {
        APIServer.runTasksOnTheEventLoops()
        guard let address = ServerSettings.parseListen(listen) else { return }
        let tls = try loadTLS()
        let database = try store.open(durability: .full)
        var settings = ServerSettings(host: address.host, port: address.port, maxUploadBytes: maxUploadBytes,
                                      maxQueueDepth: maxQueueDepth, grace: grace, tls: tls)
        if let uploadFolder {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: uploadFolder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--upload-folder '\(uploadFolder)' is not a folder; create it or name another.")
            }
            settings.uploadFolder = URL(fileURLWithPath: uploadFolder)
        }
        let children = try (0..<workers).map { _ in try startWorker(database: database.location.argument) }
        defer { stop(children) }

        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        let logger = Logger(label: "docket.serve")
        let server = APIServer(store: database, settings: settings)
        let scheme = tls == nil ? "http" : "https"
        let outcome = blockingRun {
            try await server.run(logger: logger) { host, port in
                let shown = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardOutput.write(Data("docket serve: listening on \(scheme)://\(shown):\(port)\n".utf8))
            }
        }
        if case .failure(let error) = outcome {
            Output.error("the server stopped: \(error). Check that --listen \(listen) is free and allowed.")
            throw ExitCode.failure
        }
    }

    /// The certificate and key of --tls-cert and --tls-key, checked; nil when neither is given.
    private func loadTLS() throws -> ServerTLS? {
        guard let tlsCert, let tlsKey else { return nil }
        let certificatePEM = try contents(of: tlsCert, option: "--tls-cert")
        let keyPEM = try contents(of: tlsKey, option: "--tls-key")
        do {
            return try ServerTLS(certificateChainPEM: certificatePEM, privateKeyPEM: keyPEM)
        } catch {
            switch error {
            case .noCertificate:
                Output.error("--tls-cert \(tlsCert) holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the server's certificate chain in PEM.")
            case .unusableKey:
                Output.error("--tls-key \(tlsKey) holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----); give the certificate's key in PEM, decrypted.")
            case .keyDoesNotMatchCertificate:
                Output.error("--tls-key \(tlsKey) is not the private key of the certificate in --tls-cert \(tlsCert); give the key the certificate was issued for.")
            }
            throw DocketExit.inputRefused
        }
    }

    /// The whole file. A pipe is read too, so that a key can come from `<(...)` without touching the disk.
    private func contents(of path: String, option: String) throws -> [UInt8] {
        func refuse(_ reason: String) -> ExitCode {
            Output.error("\(option) \(path) \(reason); the server was not started.")
            return DocketExit.inputUnreadable
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw refuse(RegularFile.refusal(errno: errno).reason) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { throw refuse("is a folder, not a PEM file") }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw refuse("cannot be read (\(error.localizedDescription))")
        }
    }

    private func startWorker(database: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["worker", "--db", database]
        process.standardInput = FileHandle.nullDevice
        // Standard output carries only the address the server listens on, for whoever started it.
        process.standardOutput = FileHandle.standardError
        try process.run()
        return process
    }

    /// SIGTERM to each worker, which finishes or gives back its jobs, then waits for them all.
    private func stop(_ children: [Process]) {
        for child in children where child.isRunning { kill(child.processIdentifier, SIGTERM) }
        for child in children { child.waitUntilExit() }
    }
}

/// Runs `body` on the concurrency runtime and waits for it, from a synchronous command.
private func blockingRun(_ body: @escaping @Sendable () async throws -> Void) -> Result<Void, any Error> {
    let done = DispatchSemaphore(value: 0)
    let outcome = OutcomeBox()
    Task {
        do {
            try await body()
        } catch {
            outcome.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return outcome.value
}

private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<Void, any Error> = .success(())

    var value: Result<Void, any Error> { lock.withLock { stored } }
    func set(_ value: Result<Void, any Error>) { lock.withLock { stored = value } }
}
