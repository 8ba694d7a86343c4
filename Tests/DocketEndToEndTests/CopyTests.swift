import DocketFixtures
import DocketModel
import DocketStore
import DocketTestDatabases
import Foundation
import Testing

/// `docket copy` between SQLite and PostgreSQL stores, through the built binary.
@Suite struct CopyTests {
    private static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Samples")

    /// A store with documents read by a worker (a text-layer PDF, an OCR'd image, a report and the
    /// radiograph it shares a study with), a job that failed, one still queued and one a worker holds.
    private func readStore() throws -> DocketProcess {
        let docket = DocketProcess()
        let scratch = try Scratch()
        for (name, question) in [("invoice.pdf", "What is the total due?"), ("receipt.png", "What is the total?"),
                                 ("radiology-report.txt", "What is the impression?"), ("chest-xray.dcm", nil)] {
            let path = Self.samples.appending(path: name).path
            let submitted = try docket.run(["submit", path, "--report"] + (question.map { ["--question", $0] } ?? []))
            #expect(submitted.status == 0, "\(submitted.stderr)")
        }
        let damaged = try scratch.write("damaged.pdf", Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8))
        #expect(try docket.run(["submit", damaged]).status == 0)
        let worker = try docket.run(["worker", "--drain", "--concurrency", "2"], environment: ["OMP_THREAD_LIMIT": "1"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(try docket.run(["submit", try scratch.write("held.txt", Array("A worker holds this\n".utf8))]).status == 0)
        let store = try StoreLocation(docket.database).open()
        let held = try #require(try store.claimJob(worker: "elsewhere", lease: 3_600, leaseToken: "held-token"))
        #expect(held.id == 6)
        #expect(try docket.run(["submit", try scratch.write("queued.txt", Array("Still queued\n".utf8))]).status == 0)
        return docket
    }

    /// Everything `docket export` writes, in every format.
    private func exports(_ docket: DocketProcess) throws -> [String] {
        try ["documents", "fields", "answers"].flatMap { table in
            try ["json", "csv", "jsonl"].map { format in
                let result = try docket.run(["export", table, "--format", format])
                #expect(result.status == 0, "\(result.stderr)")
                return result.stdout
            }
        }
    }

    /// What the commands that read show of jobs, studies and pages, for comparing two stores.
    private func views(_ docket: DocketProcess) throws -> [String] {
        try [["jobs"], ["studies"], ["show", "1", "--format", "json"], ["show", "2", "--format", "hocr"], ["report", "3", "--format", "json"],
             ["search", "total"]].map { command in
            let result = try docket.run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            return result.stdout
        }
    }

    private func copy(_ from: DocketProcess, _ to: DocketProcess, _ extra: [String] = []) throws -> DocketProcess.Result {
        try from.run(["copy", "--from", from.database, "--to", to.database] + extra, namingDatabase: false)
    }

    /// The table lines of the copy's report, as "name source-rows source-checksum".
    private func sourceSums(_ output: String) -> [String] {
        var sums: [String] = []
        for line in output.split(separator: "\n") {
            let cells = line.split(separator: " ").map(String.init)
            guard cells.count == 6, cells[5] == "same" || cells[5] == "DIFFERENT" else { continue }
            sums.append(cells[0] + " " + cells[1] + " " + cells[3])
        }
        return sums
    }

    @Test func aStoreGoesRoundAllFourDirectionsAndExportsTheSame() throws {
        let original = try readStore()
        let key = try original.run(["keys", "create", "--name", "erp", "--scope", "submit"])
        #expect(key.status == 0, "\(key.stderr)")
        let expectedKeys = try original.rows("SELECT id, name, scope, secret_sha256 FROM api_keys")
        let expectedExports = try exports(original)
        let postgres = DocketProcess(database: try ThrowawayPostgres.newDatabase())
        let otherPostgres = DocketProcess(database: try ThrowawayPostgres.newDatabase())
        let backToSQLite = DocketProcess(), sqliteAgain = DocketProcess()

        var sums: [[String]] = []
        for (from, to) in [(original, postgres), (postgres, otherPostgres), (otherPostgres, backToSQLite), (backToSQLite, sqliteAgain)] {
            let result = try copy(from, to)
            #expect(result.status == 0, "\(from.database) -> \(to.database): \(result.stderr)\(result.stdout)")
            #expect(result.stdout.contains("documents copied: 7"), "\(result.stdout)")
            #expect(!result.stdout.contains("DIFFERENT"))
            sums.append(sourceSums(result.stdout))
            #expect(try exports(to) == expectedExports, "docket export differs after \(from.database) -> \(to.database)")
        }
        #expect(sums.allSatisfy { $0 == sums[0] })
        #expect(sums[0].contains { $0.hasPrefix("words ") && !$0.hasPrefix("words 0 ") })
        #expect(sums[0].contains { $0.hasPrefix("study_documents 2 ") })

        // Each answer keeps the answerer that decided it.
        let answerers = "SELECT question, answer, answered_by FROM answers ORDER BY question, answer, answered_by"
        let expectedAnswerers = try original.rows(answerers)
        #expect(expectedAnswerers.contains { $0[2] == "label" || $0[2] == "receipt_field" }, "\(expectedAnswerers)")
        for store in [postgres, otherPostgres, sqliteAgain] {
            #expect(try store.rows(answerers) == expectedAnswerers, "\(store.database)")
        }

        let expectedViews = try views(original).map { $0.replacingOccurrences(of: "elsewhere", with: "") }
        for store in [postgres, sqliteAgain] {
            let shown = try views(store)
            #expect(shown[1...4] == expectedViews[1...4])
            #expect(try store.rows("SELECT state, lease_token, worker FROM jobs WHERE id = 6") == [["queued", "", ""]])
            #expect(try store.rows("SELECT state FROM jobs WHERE id = 5") == [["failed"]])
            #expect(try store.rows("SELECT count(*) FROM job_attempts") == original.rows("SELECT count(*) FROM job_attempts"))
        }
        #expect(try original.rows("SELECT state FROM jobs WHERE id = 6") == [["running"]])
        // API keys came along with their ids, which the key's text names, and new keys do not collide with them.
        for store in [postgres, sqliteAgain] {
            #expect(try store.rows("SELECT id, name, scope, secret_sha256 FROM api_keys") == expectedKeys)
            let another = try store.run(["keys", "create", "--name", "analysts", "--scope", "read"])
            #expect(another.status == 0, "\(another.stderr)")
        }
        // The secret that keys study names came along: the same accession number makes the same key.
        #expect(try sqliteAgain.rows("SELECT hex(value) FROM secrets") == original.rows("SELECT hex(value) FROM secrets"))

        let again = try copy(postgres, otherPostgres)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("documents copied: 0 (0 pages), jobs copied: 0, documents already there: 7"), "\(again.stdout)")
        #expect(try exports(otherPostgres) == expectedExports)
    }

    @Test func aSourceWithWebhookEventsStillToDeliverIsRefusedUntilTheyAre() throws {
        let source = DocketProcess()
        let scratch = try Scratch()
        let file = try scratch.write("called-back.txt", Array("Total: 3.00 EUR\n".utf8))
        #expect(try source.run(["submit", file, "--callback-url", "http://127.0.0.1:9/hooks"]).status == 0)
        let worker = try source.run(["worker", "--drain", "--in-process", "--quiet"], environment: ["OMP_THREAD_LIMIT": "1"])
        #expect(worker.status == 0, "\(worker.stderr)")
        let destination = DocketProcess()
        #expect(try destination.run(["migrate"]).status == 0)
        let refused = try copy(source, destination)
        #expect(refused.status == 66, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("webhook event") && refused.stderr.contains("docket webhooks list --state pending"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try destination.rows("SELECT count(*) FROM documents") == [["0"]])
    }

    @Test func aCopyKilledPartWayFinishesWhenRunAgainWithNoDuplicates() throws {
        let source = DocketProcess()
        let store = try StoreLocation(source.database).open()
        let documents = 300
        for batch in stride(from: 0, to: documents, by: 50) {
            try store.insertReadDocuments((batch..<(batch + 50)).map { number in
                let pages = (1...3).map { page in
                    gridPage((0..<5).map { line in (0..<8).map { "word\(number)-\(page)-\(line)-\($0)" }.joined(separator: " ") },
                             number: page, confidence: 90)
                }
                return ReadDocument(content: Array("document \(number)".utf8), sha256: "sha-\(number)", mediaType: .plainText,
                                    originalName: "document-\(number).txt", submittedAt: Double(1_770_000_000 + number), pages: pages,
                                    type: .other, fields: [])
            })
        }
        let destination = DocketProcess(database: try ThrowawayPostgres.newDatabase())

        let copying = try source.start(["copy", "--from", source.database, "--to", destination.database], namingDatabase: false)
        try waitFor("the copy to commit some documents") {
            let copied = try? destination.rows("SELECT count(*) FROM documents").first?.first.flatMap { Int($0) }
            return (copied ?? 0) >= 20 || !copying.isRunning
        }
        kill(copying.processIdentifier, SIGKILL)
        copying.waitUntilExit()
        #expect(copying.terminationReason == .uncaughtSignal, "the copy ended before it was killed")
        let partial = try #require(Int(try destination.rows("SELECT count(*) FROM documents").first?.first ?? ""))
        #expect(partial < documents)

        let finished = try copy(source, destination)
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("documents copied: \(documents - partial) (\((documents - partial) * 3) pages)"), "\(finished.stdout)")
        #expect(try destination.rows("SELECT count(*), count(DISTINCT sha256) FROM documents") == [["\(documents)", "\(documents)"]])
        #expect(try destination.rows("SELECT count(*) FROM pages") == [["\(documents * 3)"]])
        #expect(try destination.rows("SELECT count(*) FROM words") == [["\(documents * 3 * 40)"]])
        #expect(try exports(destination) == exports(source))
        // Ids go on from the copied ones: a new submit does not collide with them.
        let scratch = try Scratch()
        let submitted = try destination.run(["submit", try scratch.write("new.txt", Array("new\n".utf8))])
        #expect(submitted.status == 0, "\(submitted.stderr)")
    }

    @Test func aDestinationWithDocumentsOfItsOwnIsRefusedUnlessMerging() throws {
        let scratch = try Scratch()
        let source = DocketProcess(), destination = DocketProcess(database: try ThrowawayPostgres.newDatabase())
        for name in ["one", "two"] {
            #expect(try source.run(["submit", try scratch.write("\(name).txt", Array("document \(name)\n".utf8))]).status == 0)
        }
        #expect(try destination.run(["submit", try scratch.write("own.txt", Array("the destination's own\n".utf8))]).status == 0)
        #expect(try destination.run(["submit", try scratch.write("two.txt", Array("document two\n".utf8))]).status == 0)
        let before = try exports(destination)

        let refused = try copy(source, destination)
        #expect(refused.status == 73)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("is not empty: it holds 1 document this source does not have") && refused.stderr.contains("--merge"),
                "\(refused.stderr)")
        #expect(try exports(destination) == before)

        let merged = try copy(source, destination, ["--merge"])
        #expect(merged.status == 0, "\(merged.stderr)\(merged.stdout)")
        #expect(merged.stdout.contains("documents copied: 1 (0 pages), jobs copied: 2, documents already there: 1"), "\(merged.stdout)")
        #expect(try destination.rows("SELECT original_name FROM documents ORDER BY id") == [["own.txt"], ["two.txt"], ["one.txt"]])
        // The document both had keeps its one job: the source's was made at another time, so it is added.
        #expect(try destination.rows("SELECT count(*) FROM jobs") == [["4"]])
        let mergedAgain = try copy(source, destination, ["--merge"])
        #expect(mergedAgain.status == 0, "\(mergedAgain.stderr)")
        #expect(mergedAgain.stdout.contains("documents copied: 0 (0 pages), jobs copied: 0, documents already there: 2"), "\(mergedAgain.stdout)")
        #expect(try destination.rows("SELECT count(*) FROM jobs") == [["4"]])
    }

    @Test func aBadSourceOrDestinationIsOneLineAndAnExitCodeWithNothingWritten() throws {
        let scratch = try Scratch()
        let source = DocketProcess()
        #expect(try source.run(["submit", try scratch.write("one.txt", Array("one\n".utf8))]).status == 0)
        let missing = scratch.folder.appending(path: "missing.sqlite").path
        let target = scratch.folder.appending(path: "target.sqlite").path

        func expectRefusal(_ from: String, _ to: String, status: Int32, saying: String) throws {
            let result = try source.run(["copy", "--from", from, "--to", to], namingDatabase: false)
            #expect(result.status == status, "\(from) -> \(to): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(saying), "\(result.stderr)")
        }
        try expectRefusal(missing, target, status: 66, saying: "There is no Docket database at \(missing)")
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: missing))
        try expectRefusal(source.database, "mysql://db/docket", status: 64, saying: "--to: Cannot use mysql://db/docket")
        try expectRefusal(source.database, source.database, status: 64, saying: "give two different stores")
        try expectRefusal(source.database, "postgres://docket@127.0.0.1:1/docket?sslmode=disable", status: 73,
                          saying: "cannot connect to 127.0.0.1:1")
        let notDocket = try scratch.write("notes.txt", Array("not a database".utf8))
        try expectRefusal(notDocket, target, status: 66, saying: "The source")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
