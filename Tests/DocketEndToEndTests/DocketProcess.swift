import DocketTestDatabases
import Foundation
import GRDB
import Testing

/// The store a test runs its commands against: a new SQLite file, or a new database on the
/// throwaway PostgreSQL cluster.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    func docket() throws -> DocketProcess {
        switch self {
        case .sqlite: DocketProcess()
        case .postgres: DocketProcess(database: try ThrowawayPostgres.newDatabase())
        }
    }
}

/// Runs the built `docket` binary as a child process, the way a user or a service manager does.
struct DocketProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let database: String

    init() {
        database = FileManager.default.temporaryDirectory.appending(path: "docket-e2e-\(UUID().uuidString)/docket.sqlite").path
    }

    /// Runs every command against `database`: a path or a postgres:// URL.
    init(database: String) {
        self.database = database
    }

    static var binary: URL {
        // The test bundle is built next to the package's executables.
        let buildFolder = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [buildFolder, Bundle.main.bundleURL] {
            let url = candidate.appending(path: "docket")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: ".build/debug/docket")
    }

    /// Starts `docket ARGUMENTS --db DATABASE` (without `--db` when not `namingDatabase`: `docket
    /// copy` names two) without waiting for it, in `directory` when given.
    func start(_ arguments: [String], environment extra: [String: String] = [:],
               stdout: Any = FileHandle.nullDevice, stderr: Any = FileHandle.nullDevice, directory: URL? = nil,
               namingDatabase: Bool = true) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments + (namingDatabase ? ["--db", database] : [])
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DOCKET_DB")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, namingDatabase: Bool = true) throws -> Result {
        let stdout = Pipe(), stderr = Pipe()
        let process = try start(arguments, environment: environment, stdout: stdout, stderr: stderr, directory: directory,
                                namingDatabase: namingDatabase)
        // Read before waiting: a child that fills a pipe would otherwise block forever.
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                      stderr: String(decoding: errors, as: UTF8.self))
    }

    /// Rows of a query on the test's database, each value as text ("" for NULL).
    func rows(_ sql: String) throws -> [[String]] {
        if database.hasPrefix("postgres") {
            let separator = "\u{1F}"
            return try standardOutput(of: URL(fileURLWithPath: "/usr/bin/psql"), [database, "-AtqX", "-F", separator, "-c", sql])
                .split(separator: "\n", omittingEmptySubsequences: true).map { $0.components(separatedBy: separator) }
        }
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: database, configuration: configuration).read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in value.isNull ? "" : String(describing: value.storage.value ?? "") }
            }
        }
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}

/// What a program prints on standard output (its errors are dropped), once it has ended.
func standardOutput(of executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text
}

/// A folder of files for one test, removed when the test ends.
final class Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "docket-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appending(path: name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A character device of major 1, made with mknod here rather than touching the system's /dev:
    /// minor 3 acts as /dev/null, 5 as /dev/zero, 7 as /dev/full. Needs root.
    func characterDevice(_ name: String, minor: Int) throws -> String {
        let path = folder.appending(path: name).path
        let mknod = Process()
        mknod.executableURL = URL(fileURLWithPath: "/usr/bin/mknod")
        mknod.arguments = [path, "c", "1", "\(minor)"]
        try mknod.run()
        mknod.waitUntilExit()
        try #require(mknod.terminationStatus == 0)
        return path
    }
}

/// Whether the process blocks SIGTERM (bit N-1 of SigBlk in /proc/PID/status is signal N), as
/// `docket worker` does from the start of `main` until its handler reads the signal: from then on a
/// SIGTERM stops it rather than killing it.
func holdsBackSigterm(_ pid: pid_t) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
          let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << (UInt64(SIGTERM) - 1)) != 0
}

/// Polls `condition` every 50 ms; records an issue naming `what` when `timeout` passes first.
func waitFor(_ what: String, timeout: Double = 90, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try !condition() {
        guard Date() < deadline else { Issue.record("timed out waiting for \(what)"); return }
        Thread.sleep(forTimeInterval: 0.05)
    }
}

/// One field of `docket status JOB --format json`, nested ones named by their path ("progress", "pages_done").
func jobField(_ docket: DocketProcess, _ job: Int, _ path: String...) throws -> Any? {
    path.reduce(try docket.json(["status", String(job)]) as Any?) { object, key in (object as? [String: Any])?[key] }
}

/// Process ids whose parent is `parent`, from /proc.
func children(of parent: pid_t) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 2 && Int32(fields[1]) == parent
    }
}
