import DocketFixtures
import Foundation
import Testing

private let invoice = FixturePage(text: ["Northwind Office Supply", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"], fontSize: 14)

@Suite struct SubmitAndReadTests {
    @Test func submitThenAChildWorkerReadsTheDocumentsAndTheCLIShowsThem() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pdf = try scratch.write("invoice.pdf", Fixtures.textPDF([invoice]))
        let scan = try scratch.write("scan.tiff", Fixtures.multipageTIFF([invoice, invoice]))

        let submitted = try docket.run(["submit", pdf, scan, "--question", "What is the total due?"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.contains("invoice.pdf: document 1, job 1, application/pdf"))
        #expect(submitted.stdout.contains("scan.tiff: document 2, job 2, image/tiff"))

        let worker = try docket.run(["worker", "--drain", "--concurrency", "2"])
        #expect(worker.status == 0, "\(worker.stderr)")
        #expect(worker.stderr.contains("job 1 (document 1) succeeded"))
        #expect(worker.stderr.contains("job 2 (document 2) succeeded"))

        let shown = try #require(try docket.json(["show", "1"]) as? [String: Any])
        let pages = try #require(shown["pages"] as? [[String: Any]])
        let words = try #require(pages.first?["words"] as? [[String: Any]])
        #expect(words.compactMap { $0["text"] as? String } == ["Northwind", "Office", "Supply", "Invoice", "date:", "2026-03-14", "Total", "due:", "1,237.60", "EUR"])
        #expect(pages.first?["source"] as? String == "text-layer")

        let text = try docket.run(["show", "2"])
        #expect(text.stdout.contains("--- page 2 (ocr"))
        #expect(text.stdout.contains("1,237.60"))

        let hocr = try docket.run(["show", "1", "--format", "hocr"])
        #expect(hocr.stdout.contains("class=\"ocrx_word\""))
        #expect(hocr.stdout.contains(">1,237.60</span>"))

        let answer = try docket.run(["ask", "1", "What is the total due?"])
        #expect(answer.status == 0)
        #expect(answer.stdout.contains("1,237.60 EUR"))
        #expect(answer.stdout.contains("page 1"))

        let stored = try #require(try docket.json(["answers"]) as? [[String: Any]])
        #expect(stored.count == 2)

        let jobs = try #require(try docket.json(["jobs", "--state", "succeeded"]) as? [[String: Any]])
        #expect(jobs.count == 2)
        let status = try docket.run(["status", "2"])
        #expect(status.stdout.contains("job 2: succeeded"))
        #expect(status.stdout.contains("progress:  2/2 pages"))

        let documents = try docket.run(["documents"])
        #expect(documents.stdout.contains("invoice.pdf"))
        #expect(documents.stdout.contains("text-layer"))
    }

    @Test func anAnswerThatIsNotThereExitsThree() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("a.pdf", Fixtures.textPDF([invoice]))])
        try docket.run(["worker", "--drain"])
        let result = try docket.run(["ask", "1", "Who is the patient?"])
        #expect(result.status == 3)
        #expect(result.stdout.contains("not found"))
    }

    @Test func readCommandsNameAMissingDocumentOrJob() throws {
        let docket = DocketProcess()
        // Commands that read do not create the database.
        #expect(try docket.run(["migrate"]).status == 0)
        let show = try docket.run(["show", "42"])
        #expect(show.status == 2)
        #expect(show.stderr.contains("There is no document 42"))
        let status = try docket.run(["status", "7"])
        #expect(status.status == 2)
        #expect(status.stderr.contains("There is no job 7"))
    }

    @Test func migrateReportsTheAppliedMigrations() throws {
        let result = try DocketProcess().run(["migrate"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("applied 0001_initial"))
    }
}

@Suite struct BadInputTests {
    @Test func anUnsupportedFileIsRefusedAndNothingIsStored() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let good = try scratch.write("good.pdf", Fixtures.textPDF([invoice]))
        let zip = try scratch.write("archive.zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])
        let result = try docket.run(["submit", good, zip])
        #expect(result.status == 65)
        #expect(result.stderr.contains("archive.zip: not a type Docket reads"))
        #expect(result.stderr.contains("Nothing was stored"))
        let documents = try #require(try docket.json(["documents"]) as? [Any])
        #expect(documents.isEmpty)
    }

    @Test func anEmptyFileIsRefused() throws {
        let scratch = try Scratch()
        let result = try DocketProcess().run(["submit", try scratch.write("empty.pdf", [])])
        #expect(result.status == 65)
        #expect(result.stderr.contains("empty"))
    }

    @Test func aMissingFileIsRefused() throws {
        let result = try DocketProcess().run(["submit", "/nonexistent/invoice.pdf"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/invoice.pdf does not exist"))
    }

    @Test func anEncryptedPDFNeedsItsPasswordAtSubmit() throws {
        let docket = DocketProcess()
        // A refused submit stores nothing, and `documents` below reads; neither creates the database.
        #expect(try docket.run(["migrate"]).status == 0)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/encrypted-aes256-password-foo.pdf").path
        let withoutPassword = try docket.run(["submit", path])
        #expect(withoutPassword.status == 65)
        #expect(withoutPassword.stderr.contains("Submit it again with --password"))
        // Poppler 22.12 crashes on this file with a wrong password; the check must survive that.
        let wrongPassword = try docket.run(["submit", path, "--password", "bar"])
        #expect(wrongPassword.status == 65)
        #expect(wrongPassword.stderr.contains("does not open it"))
        #expect((try docket.json(["documents"]) as? [Any])?.isEmpty == true)

        #expect(try docket.run(["submit", path, "--password", "foo"]).status == 0)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        #expect(try docket.run(["show", "1"]).stdout.contains("Secret!"))
    }

    @Test func aDamagedPDFFailsItsJobWithAMessageAndTheWorkerExitsCleanly() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let damaged = try scratch.write("damaged.pdf", Array("%PDF-1.5\n1 0 obj << /Type /Catalog".utf8))
        let good = try scratch.write("good.pdf", Fixtures.textPDF([invoice]))
        #expect(try docket.run(["submit", damaged, good]).status == 0)
        let worker = try docket.run(["worker", "--drain"])
        #expect(worker.status == 0)
        let status = try docket.run(["status", "1"])
        #expect(status.stdout.contains("job 1: failed"))
        #expect(status.stdout.contains("damaged or is not a PDF"))
        #expect(try docket.run(["status", "2"]).stdout.contains("job 2: succeeded"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let result = try DocketProcess().run(["worker", "--concurrency", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--concurrency must be at least 1"))
    }
}

@Suite struct SignalTests {
    @Test func sigtermStopsAnIdleWorkerWithExitZero() throws {
        let docket = DocketProcess()
        #expect(try docket.run(["migrate"]).status == 0)
        let worker = try docket.start(["worker"])
        try waitFor("the worker to hold SIGTERM back", timeout: 30) { holdsBackSigterm(worker.processIdentifier) || !worker.isRunning }
        Thread.sleep(forTimeInterval: 0.5)
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit)
        #expect(worker.terminationStatus == 0)
    }

    @Test func sigtermDuringAJobLetsItFinishThenExitsZero() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pages = (1...4).map { FixturePage(text: ["Scanned page \($0) with some words"], fontSize: 14) }
        try docket.run(["submit", try scratch.write("long.pdf", Fixtures.scannedPDF(pages))])
        let worker = try docket.start(["worker"])
        var state = ""
        let deadline = Date().addingTimeInterval(30)
        while state != "running" && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            state = (try docket.json(["status", "1"]) as? [String: Any])?["state"] as? String ?? ""
        }
        #expect(state == "running")
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        let job = try #require(try docket.json(["status", "1"]) as? [String: Any])
        #expect(job["state"] as? String == "succeeded")
        #expect((job["progress"] as? [String: Any])?["pages_done"] as? Int == 4)
    }
}

@Suite struct InstalledBinaryTests {
    @Test func aCopyOfTheBinaryAwayFromTheBuildFolderCarriesItsSchema() throws {
        let scratch = try Scratch()
        let installed = scratch.folder.appending(path: "bin/docket")
        try FileManager.default.createDirectory(at: installed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: DocketProcess.binary, to: installed)
        let report = try scratch.write("report.txt", Array("IMPRESSION: Normal chest.\n".utf8))
        let database = scratch.folder.appending(path: "var/docket.sqlite").path

        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = installed
            process.arguments = arguments + ["--db", database]
            process.currentDirectoryURL = scratch.folder
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(try run(["migrate"]).1.contains("applied 0001_initial"))
        #expect(try run(["submit", report, "--question", "Impression"]).0 == 0)
        #expect(try run(["worker", "--drain"]).0 == 0)
        let answer = try run(["ask", "1", "Impression"])
        #expect(answer.0 == 0)
        #expect(answer.1.contains("Normal chest."))
    }
}
