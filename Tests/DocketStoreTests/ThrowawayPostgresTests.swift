import DocketTestDatabases
import Foundation
import PostgresNIO
import Testing

@Suite struct ThrowawayPostgresTests {
    @Test func eachCallMakesADatabaseOfItsOwn() throws {
        let first = try PostgresURL(ThrowawayPostgres.newDatabase())
        let second = try PostgresURL(ThrowawayPostgres.newDatabase())
        #expect(first.database != second.database)
        #expect(first.host == second.host && first.port == second.port)

        try first.withConnection { connection in
            let rows = try connection.query("SELECT current_database()", logger: ThrowawayPostgres.logger).wait()
            #expect(try rows.map { try $0.decode(String.self) } == [first.database])
            _ = try connection.query("CREATE TABLE only_in_first (id bigint)", logger: ThrowawayPostgres.logger).wait()
        }
        try second.withConnection { connection in
            let rows = try connection.query("SELECT current_database(), to_regclass('only_in_first') IS NULL",
                                            logger: ThrowawayPostgres.logger).wait()
            let (name, tableMissing) = try #require(rows.first).decode((String, Bool).self)
            #expect(name == second.database)
            #expect(tableMissing, "a table made in one database shows in another")
        }
    }
}

/// A test process that is killed leaves its cluster running; the next start removes it.
@Suite struct ThrowawayPostgresLeftoverTests {
    @Test func startRemovesTheClusterOfAKilledOwner() throws {
        let parent = try Self.newParentFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let owner = try Self.startSleeper()
        let (leftover, leftoverURL) = try Self.startCluster(in: parent, name: "leftover", owner: owner.processIdentifier)
        let postmaster = try Self.postmasterPID(of: leftover)
        #expect(Self.isAlive(postmaster))
        #expect(try Self.accepts(leftoverURL))

        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        let (next, _) = try Self.startCluster(in: parent, name: "next", owner: getpid())
        defer { _ = try? Self.script(["stop", next.path]) }

        #expect(!FileManager.default.fileExists(atPath: leftover.path), "the killed owner's cluster is still there")
        #expect(!Self.isAlive(postmaster), "the killed owner's server still runs")
    }

    @Test func startRemovesAClusterWhoseServerDied() throws {
        let parent = try Self.newParentFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (crashed, _) = try Self.startCluster(in: parent, name: "crashed", owner: getpid())
        let postmaster = try Self.postmasterPID(of: crashed)
        kill(postmaster, SIGKILL)
        while Self.isAlive(postmaster) { usleep(10_000) }

        let (next, _) = try Self.startCluster(in: parent, name: "next", owner: getpid())
        defer { _ = try? Self.script(["stop", next.path]) }
        #expect(!FileManager.default.fileExists(atPath: crashed.path), "the cluster whose server died is still there")
    }

    @Test func startLeavesTheClustersOfLiveOwnersAndStopRemovesOne() throws {
        let parent = try Self.newParentFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (first, firstURL) = try Self.startCluster(in: parent, name: "first", owner: getpid())
        let (second, secondURL) = try Self.startCluster(in: parent, name: "second", owner: getpid())
        #expect(try Self.accepts(firstURL) && Self.accepts(secondURL))
        let firstPostmaster = try Self.postmasterPID(of: first)

        #expect(try Self.script(["stop", first.path]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: first.path))
        #expect(!Self.isAlive(firstPostmaster))
        #expect(try Self.accepts(secondURL))
        #expect(try Self.script(["stop", second.path]).status == 0)
    }

    @Test func stopRefusesAFolderThatHoldsNoCluster() throws {
        let parent = try Self.newParentFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let precious = parent.appending(path: "precious.txt")
        try Data("keep".utf8).write(to: precious)
        let result = try Self.script(["stop", parent.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("holds no throwaway cluster"))
        #expect(FileManager.default.fileExists(atPath: precious.path))
    }

    // MARK: Helpers

    /// A folder of its own for the clusters of one test, which every user may enter (the
    /// clusters run as nobody when the tests run as root).
    static func newParentFolder() throws -> URL {
        let folder = URL(fileURLWithPath: "/tmp").appending(path: "docket-leftover-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return folder
    }

    static func startSleeper() throws -> Process {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["600"]
        try sleeper.run()
        return sleeper
    }

    static func startCluster(in parent: URL, name: String, owner: pid_t) throws -> (folder: URL, url: String) {
        let folder = parent.appending(path: name)
        let result = try script(["start", folder.path], owner: owner)
        try #require(result.status == 0, "\(result.stderr)")
        return (folder, result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func script(_ arguments: [String], owner: pid_t? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = ThrowawayPostgres.script
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let owner { environment["THROWAWAY_POSTGRES_OWNER_PID"] = String(owner) }
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    static func postmasterPID(of cluster: URL) throws -> pid_t {
        let text = try String(contentsOf: cluster.appending(path: "data/postmaster.pid"), encoding: .utf8)
        return try #require(text.split(separator: "\n").first.flatMap { pid_t($0) })
    }

    /// A process that ended but was not yet reaped counts as gone.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards) else { return false }
        return stat[afterName.upperBound...].first != "Z"
    }

    static func accepts(_ url: String) throws -> Bool {
        try PostgresURL(url).withConnection { connection in
            try connection.query("SELECT 1", logger: ThrowawayPostgres.logger).wait().count == 1
        }
    }
}
