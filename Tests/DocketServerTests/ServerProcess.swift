import DocketTestDatabases
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The store a test's server runs on: a new SQLite file, or a new database on the throwaway
/// PostgreSQL cluster.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    func newDatabase() throws -> String {
        switch self {
        case .sqlite: FileManager.default.temporaryDirectory.appending(path: "docket-api-\(UUID().uuidString)/docket.sqlite").path
        case .postgres: try ThrowawayPostgres.newDatabase()
        }
    }
}

/// The built `docket` binary, next to the test bundle.
func docketBinary() -> URL {
    let buildFolder = Bundle.main.bundleURL.deletingLastPathComponent()
    for candidate in [buildFolder, Bundle.main.bundleURL] {
        let url = candidate.appending(path: "docket")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: ".build/debug/docket")
}

/// Runs `docket ARGUMENTS --db DATABASE` to its end: status and standard output.
@discardableResult
func docket(_ arguments: [String], database: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = docketBinary()
    process.arguments = arguments + ["--db", database]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// The rows of one of the store's `docket_*` views that match `condition`, counted with `docket sql`.
func rowCount(_ view: String, where condition: String = "true", database: String) throws -> Int? {
    let result = try docket(["sql", "SELECT count(*) AS count FROM \(view) WHERE \(condition)", "--format", "csv"], database: database)
    return result.stdout.split(whereSeparator: \.isNewline).last.flatMap { Int($0) }
}

/// Runs a tool found on PATH (curl, openssl) to its end: status, standard output and standard error.
@discardableResult
func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let output = Pipe()
    // A file rather than a pipe, so that a chatty tool cannot block on standard error while standard output is read.
    let errors = FileManager.default.temporaryDirectory.appending(path: "docket-tool-\(UUID().uuidString).stderr")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errors) }
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errors)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
}

/// A `docket serve` child process on an ephemeral loopback port, and an HTTP client for it.
final class ServerProcess: @unchecked Sendable {
    let database: String
    let process: Process
    let baseURL: URL
    private let output: Pipe

    /// Starts the server and waits until it prints the address it listens on.
    /// `logFile`: where the server's standard error (its JSON log) goes; the test's own by default.
    init(database: String, arguments: [String] = [], environment extra: [String: String] = [:], logFile: URL? = nil) throws {
        self.database = database
        process = Process()
        process.executableURL = docketBinary()
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", database] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        output = Pipe()
        process.standardOutput = output
        if let logFile {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: logFile)
        } else {
            process.standardError = FileHandle.standardError
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let announcement = "listening on "
        while !String(decoding: seen, as: UTF8.self).contains(announcement) || !seen.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            seen += chunk
        }
        let line = String(decoding: seen, as: UTF8.self)
        guard let range = line.range(of: announcement), let url = URL(string: String(line[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw ServerStartFailure(printed: line)
        }
        baseURL = url
    }

    struct ServerStartFailure: Error { var printed: String }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends SIGTERM and returns at once.
    func sendTerminate() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    }

    /// The exit status once the process has ended, or nil if it still runs after `seconds`.
    func exitStatus(within seconds: Double) async -> Int32? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var port: Int { baseURL.port ?? 0 }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    func request(_ method: String, _ path: String, key: String? = nil, body: Data? = nil,
                 headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: baseURL.absoluteString + path)!)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    /// A new key of `scope`.
    func key(_ scope: String) throws -> String {
        let result = try docket(["keys", "create", "--name", "test-\(scope)", "--scope", scope], database: database)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

enum Samples {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Samples")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appending(path: "Fixtures")

    static func bytes(_ name: String) throws -> Data { try Data(contentsOf: folder.appending(path: name)) }
}
