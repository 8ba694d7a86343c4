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

/// A `docket serve` child process on an ephemeral loopback port, and an HTTP client for it.
final class ServerProcess: @unchecked Sendable {
    let database: String
    let process: Process
    let baseURL: URL
    private let output: Pipe

    /// Starts the server and waits until it prints the address it listens on.
    /// `logFile`: where the server's standard error (its JSON log) goes; the test's own by default.
    init(database: String, arguments: [String] = [], logFile: URL? = nil) throws {
        self.database = database
        process = Process()
        process.executableURL = docketBinary()
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", database] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
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
        while !String(decoding: seen, as: UTF8.self).contains("listening on http://") || !seen.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            seen += chunk
        }
        let line = String(decoding: seen, as: UTF8.self)
        guard let range = line.range(of: "http://"), let url = URL(string: String(line[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
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
