import Foundation
import GRDB
import Testing

/// Commands that read open the database read-only: they never create, migrate or rewrite it, they
/// read a file they may not write, and they refuse another application's database.
@Suite struct ReadOnlyCommandTests {
    private static let note = "Hello from the front desk\nTotal due 12.00\n"

    /// A database with one plain-text document read by a worker.
    private func readNote() throws -> (DocketProcess, Scratch) {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let note = try scratch.write("note.txt", Array(Self.note.utf8))
        let submitted = try docket.run(["submit", note])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let worker = try docket.run(["worker", "--drain"], environment: ["OMP_THREAD_LIMIT": "1"])
        #expect(worker.status == 0, "\(worker.stderr)")
        return (docket, scratch)
    }

    /// The file's bytes and modification time.
    private func fingerprint(_ path: String) throws -> (Data, Date?) {
        (try Data(contentsOf: URL(fileURLWithPath: path)), try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    private func journalMode(_ path: String) throws -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    private static let readCommands: [[String]] = [
        ["sql", "SELECT 1"], ["documents"], ["jobs"], ["status", "1"], ["stats"], ["show", "1"], ["answers"], ["fields"],
        ["search", "hello"], ["export", "documents", "--format", "csv"], ["report", "1"], ["studies"], ["ask", "1", "What is the total due?"],
    ]

    @Test func readCommandsLeaveTheDatabaseFileAsItWas() throws {
        let (docket, _) = try readNote()
        let before = try fingerprint(docket.database)
        for command in Self.readCommands {
            let result = try docket.run(command)
            #expect(result.status == 0 || (command[0] == "ask" && result.status == 3), "\(command): \(result.stderr)")
        }
        let after = try fingerprint(docket.database)
        #expect(after.0 == before.0, "the database's bytes changed")
        #expect(after.1 == before.1, "the database's modification time changed")
    }

    @Test func readCommandsOnAMissingDatabaseCreateNothing() throws {
        let docket = DocketProcess()
        let folder = (docket.database as NSString).deletingLastPathComponent
        for command in Self.readCommands {
            let result = try docket.run(command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("There is no Docket database at \(docket.database)"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("docket migrate"), "\(command)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder), "\(command) created \(folder)")
        }
        #expect(try docket.run(["migrate"]).status == 0)
        #expect(try docket.run(["documents"]).status == 0)
    }

    @Test func aRollbackJournalDatabaseStaysInItsMode() throws {
        let docket = DocketProcess()
        #expect(try docket.run(["migrate"]).status == 0)
        try DatabaseQueue(path: docket.database).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        for command in [["sql", "SELECT count(*) FROM docket_documents"], ["documents"], ["jobs"], ["stats"]] {
            let result = try docket.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try journalMode(docket.database) == "delete")
    }

    /// Runs a copy of docket as the user nobody, who may read the database but not write it or its folder.
    private func runAsNobody(_ arguments: [String], database: String, binaryFolder: URL) throws -> DocketProcess.Result {
        let process = Process()
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binaryFolder.appending(path: "docket").path]
                + arguments + ["--db", database]
        } else {
            process.executableURL = DocketProcess.binary
            process.arguments = arguments + ["--db", database]
        }
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/tmp", "OMP_THREAD_LIMIT": "1"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return DocketProcess.Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                                    stderr: String(decoding: errors, as: UTF8.self))
    }

    @Test func aReadOnlyFileInAReadOnlyFolderIsReadByAUserWhoCannotWriteIt() throws {
        let (docket, scratch) = try readNote()
        let folder = (docket.database as NSString).deletingLastPathComponent
        // The test runs as root, who may write anywhere: nobody runs a copy of the binary from a folder it can reach.
        let binaryFolder = FileManager.default.temporaryDirectory.appending(path: "docket-binary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: binaryFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: binaryFolder) }
        try FileManager.default.copyItem(at: DocketProcess.binary, to: binaryFolder.appending(path: "docket"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binaryFolder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binaryFolder.appending(path: "docket").path)

        // The last connection to close checkpoints a WAL database and removes its -wal and -shm
        // files, which nobody could not make again.
        try DatabaseQueue(path: docket.database).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["docket.sqlite"])
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: docket.database)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
            try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: docket.database)
        }
        let before = try fingerprint(docket.database)

        let names = try runAsNobody(["sql", "SELECT name, pages FROM docket_documents", "--format", "csv"], database: docket.database,
                                    binaryFolder: binaryFolder)
        #expect(names.status == 0, "\(names.stderr)")
        #expect(names.stdout == "name,pages\r\nnote.txt,1\r\n")
        for command in [["documents"], ["jobs"], ["search", "hello"], ["stats"], ["show", "1"]] {
            let result = try runAsNobody(command, database: docket.database, binaryFolder: binaryFolder)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let search = try runAsNobody(["search", "front desk"], database: docket.database, binaryFolder: binaryFolder)
        #expect(search.stdout.contains("note.txt"))
        let submit = try runAsNobody(["submit", scratch.folder.appending(path: "note.txt").path], database: docket.database, binaryFolder: binaryFolder)
        #expect(submit.status == 1 && submit.stderr.contains("this user may not write it"), "\(submit.stderr)")
        #expect(try fingerprint(docket.database) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["docket.sqlite"])
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntilMigrateForce() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let note = try scratch.write("note.txt", Array(Self.note.utf8))
        try FileManager.default.createDirectory(atPath: (docket.database as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try DatabaseQueue(path: docket.database).write { db in
            try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: docket.database))
        for command in [["documents"], ["sql", "SELECT 1"], ["jobs"], ["submit", note], ["migrate"], ["worker", "--drain"]] {
            let result = try docket.run(command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("\(docket.database) is not a Docket database"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("docket migrate --force"), "\(command)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: docket.database)) == before)
        #expect(try journalMode(docket.database) == "delete")

        let forced = try docket.run(["migrate", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try docket.run(["submit", note]).status == 0)
        let contacts = try docket.run(["sql", "SELECT name FROM contacts", "--format", "csv"])
        #expect(contacts.stdout == "name\r\nAda\r\n")
        #expect(try docket.rows("SELECT count(*) FROM jobs") == [["1"]])
    }

    @Test func sqlStopsAtItsLimitsAndNamesTheOptionThatRaisesThem() throws {
        let docket = DocketProcess()
        #expect(try docket.run(["migrate"]).status == 0)
        let endless = try docket.run(["sql", "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
                                      "--timeout", "1"])
        #expect(endless.status == 4)
        #expect(endless.stderr.contains("stopped after 1 s") && endless.stderr.contains("--timeout"), "\(endless.stderr)")

        let manyRows = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100001) SELECT x FROM n"
        let tooMany = try docket.run(["sql", manyRows])
        #expect(tooMany.status == 4 && tooMany.stdout.isEmpty)
        #expect(tooMany.stderr.contains("more than 100000 rows") && tooMany.stderr.contains("--max-rows"), "\(tooMany.stderr)")
        let raised = try docket.run(["sql", manyRows, "--max-rows", "100001", "--format", "csv"])
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(raised.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 100_002)

        let gigabyte = try docket.run(["sql", "SELECT length(randomblob(1000000000))"])
        #expect(gigabyte.status == 4)
        #expect(gigabyte.stderr.contains("more than 512 MiB") && gigabyte.stderr.contains("--memory-limit"), "\(gigabyte.stderr)")
        let bigResult = try docket.run(["sql", "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000) SELECT hex(randomblob(1000)) FROM n",
                                        "--memory-limit", "16"])
        #expect(bigResult.status == 4 && bigResult.stderr.contains("more than 16 MiB"), "\(bigResult.stderr)")
        let smallEnough = try docket.run(["sql", "SELECT length(randomblob(20000000))", "--memory-limit", "64", "--format", "csv"])
        #expect(smallEnough.status == 0 && smallEnough.stdout.hasSuffix("20000000\r\n"), "\(smallEnough.stderr)")

        #expect(try docket.run(["sql", "SELECT 1", "--timeout", "0"]).status == 64)
        #expect(try docket.run(["sql", "SELECT 1", "--max-rows", "0"]).status == 64)
    }

    @Test func sqlRefusesUnlistedFunctionsReadsSearchAndPragmasAndHidesPasswords() throws {
        let (docket, _) = try readNote()
        let tokenizer = try docket.run(["sql", "SELECT fts3_tokenizer('simple')"])
        #expect(tokenizer.status == 4 && tokenizer.stdout.isEmpty)
        #expect(tokenizer.stderr.contains("does not allow the function fts3_tokenizer()"), "\(tokenizer.stderr)")

        let match = try docket.run(["sql", "SELECT count(*) AS n FROM page_search WHERE page_search MATCH 'desk'", "--format", "csv"])
        #expect(match.status == 0, "\(match.stderr)")
        #expect(match.stdout == "n\r\n1\r\n")
        let columns = try docket.run(["sql", "SELECT name FROM pragma_table_info('jobs') WHERE name = 'state'", "--format", "csv"])
        #expect(columns.status == 0, "\(columns.stderr)")
        #expect(columns.stdout == "name\r\nstate\r\n")

        try DatabaseQueue(path: docket.database).write { db in try db.execute(sql: "UPDATE jobs SET password = 'hunter2'") }
        let password = try docket.run(["sql", "SELECT id, password FROM jobs", "--format", "csv"])
        #expect(password.status == 0, "\(password.stderr)")
        #expect(password.stdout == "id,password\r\n1,\r\n")
        let everything = try docket.run(["sql", "SELECT * FROM jobs", "--format", "json"])
        #expect(!everything.stdout.contains("hunter2"))
    }
}
