import DocketFixtures
import Foundation
import Testing

/// Environment for workers in these tests: quick retries, and no crash backtraces from the
/// children that are made to crash.
private let quiet = ["SWIFT_BACKTRACE": "enable=no"]

private func threePages() -> [UInt8] {
    Fixtures.textPDF((1...3).map { FixturePage(text: ["Page \($0) of three", "Total due: \($0)00.00"]) })
}

@Suite(.serialized) struct ChildProcessTests {
    @Test func aCrashCostsThatAttemptAndNamesTheSignalAndPageThenTheWorkerGoesOn() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        #expect(try docket.run(["submit", try scratch.write("three.pdf", threePages()), "--max-attempts", "2"]).status == 0)
        #expect(try docket.run(["submit", try scratch.write("one.pdf", Fixtures.textPDF([FixturePage(text: ["fine"])]))]).status == 0)
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "segv-on-page:2"
        let worker = try docket.run(["worker", "--drain", "--retry-base", "0.1"], environment: environment)
        #expect(worker.status == 0)
        #expect(try jobField(docket, 1, "state") as? String == "dead")
        #expect(try jobField(docket, 1, "last_error") as? String == "crashed with SIGSEGV while reading page 2 of 3")
        #expect(try docket.rows("SELECT attempt, outcome FROM job_attempts WHERE job_id = 1 ORDER BY attempt") == [["1", "retry"], ["2", "dead"]])
        #expect(try jobField(docket, 2, "state") as? String == "succeeded")
    }

    @Test func aHangingJobIsKilledAtItsTimeout() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("one.pdf", Fixtures.textPDF([FixturePage(text: ["hangs"])])), "--max-attempts", "1"])
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "hang-on-page:1"
        let started = Date()
        let worker = try docket.run(["worker", "--drain", "--timeout", "1", "--timeout-per-page", "0.5"], environment: environment)
        #expect(worker.status == 0)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(try jobField(docket, 1, "state") as? String == "dead")
        #expect(try jobField(docket, 1, "last_error") as? String == "timed out after 1 s while reading page 1 of 1")
    }

    @Test func aJobPastItsMemoryLimitIsStopped() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("one.pdf", Fixtures.textPDF([FixturePage(text: ["grows"])])), "--max-attempts", "1"])
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "allocate-on-page:1"
        let worker = try docket.run(["worker", "--drain", "--memory-limit", "128", "--timeout", "30"], environment: environment)
        #expect(worker.status == 0)
        #expect(try jobField(docket, 1, "state") as? String == "dead")
        let error = try #require(try jobField(docket, 1, "last_error") as? String)
        #expect(error.hasPrefix("stopped while reading page 1 of 1: it used "))
        #expect(error.hasSuffix("MiB, more than its memory limit of 128 MiB"))
    }

    @Test func aSlotsChildRunsJobAfterJobAndIsReplacedAfterChildJobs() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        for index in 1...5 {
            try docket.run(["submit", try scratch.write("note-\(index).txt", Array("Total: \(index).00 EUR\n".utf8)), "--question", "What is the total?"])
        }
        let worker = try docket.run(["worker", "--drain", "--child-jobs", "2"], environment: quiet)
        #expect(worker.status == 0)
        let replacements = worker.stderr.split(separator: "\n").filter { $0.contains("replacing job child") }
        #expect(replacements.count == 2, "one child ran jobs 1 and 2, the next 3 and 4, the last 5: \(worker.stderr)")
        #expect(replacements.allSatisfy { $0.hasSuffix("it has run 2 jobs") })
        #expect(try docket.rows("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == [["5"]])
        #expect(try docket.rows("SELECT answer FROM answers ORDER BY document_id") == (1...5).map { ["\($0).00 EUR"] })
    }

    @Test func aChildHoldingMoreThanChildMemoryBetweenJobsIsReplaced() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        for index in 1...3 { try docket.run(["submit", try scratch.write("note-\(index).txt", Array("Note \(index)\n".utf8))]) }
        let worker = try docket.run(["worker", "--drain", "--child-memory", "1"], environment: quiet)
        #expect(worker.status == 0)
        let replacements = worker.stderr.split(separator: "\n").filter { $0.contains("replacing job child") }
        #expect(replacements.count == 3, "\(worker.stderr)")
        #expect(replacements.allSatisfy { $0.hasSuffix("between jobs, more than 1 MiB") })
        #expect(try docket.rows("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == [["3"]])
    }

    @Test func anIdleEngineReadsTheNextPageWhileAPageHangsAndTheTimeoutNamesTheHangingPage() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("three.pdf", threePages()), "--max-attempts", "1"])
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "hang-on-page:2"
        let worker = try docket.start(["worker", "--drain", "--concurrency", "2", "--timeout", "4", "--timeout-per-page", "1"],
                                      environment: environment)
        // Read one after another, the job would stop at page 2; the second engine reads page 2 while
        // the job's own thread goes on to page 3.
        try waitFor("pages 1 and 3 to be read while page 2 hangs", timeout: 30) {
            try jobField(docket, 1, "progress", "pages_done") as? Int == 2
        }
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        #expect(try jobField(docket, 1, "state") as? String == "dead")
        #expect(try jobField(docket, 1, "last_error") as? String == "timed out after 4 s while reading page 2 of 3")
    }

    @Test func pagesReadAtOnceComeBackInOrder() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pages = (1...5).map { FixturePage(text: ["Page \($0) of five", "Total due: \($0)00.00"]) }
        try docket.run(["submit", try scratch.write("five.png.pdf", Fixtures.scannedPDF(pages, dpi: 100))])
        #expect(try docket.run(["worker", "--drain", "--concurrency", "2"], environment: quiet).status == 0)
        let shown = try #require(try docket.json(["show", "1"]) as? [String: Any])
        let read = try #require(shown["pages"] as? [[String: Any]])
        #expect(read.map { $0["number"] as? Int } == [1, 2, 3, 4, 5])
        for (index, page) in read.enumerated() {
            #expect((page["text"] as? String)?.contains("Page \(index + 1) of five") == true, "\(page["text"] ?? "")")
        }
    }

    @Test func sigtermPastTheGraceGivesTheJobBackWithoutUsingAnAttempt() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("one.pdf", Fixtures.textPDF([FixturePage(text: ["slow"])]))])
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "hang-on-page:1"
        let worker = try docket.start(["worker", "--grace", "0.5"], environment: environment)
        try waitFor("the job to run") { try jobField(docket, 1, "state") as? String == "running" }
        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        #expect(worker.terminationReason == .exit && worker.terminationStatus == 0)
        #expect(try jobField(docket, 1, "state") as? String == "queued")
        #expect(try jobField(docket, 1, "attempts") as? Int == 0)
        #expect(try docket.rows("SELECT outcome FROM job_attempts WHERE job_id = 1") == [["released"]])
        // Nothing is lost: the next worker reads it.
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        #expect(try jobField(docket, 1, "state") as? String == "succeeded")
    }

    @Test func cancelStopsARunningJobAtItsNextPageAndAQueuedOneAtOnce() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pages = (1...8).map { FixturePage(text: ["Scanned page \($0) of eight"], fontSize: 14) }
        try docket.run(["submit", try scratch.write("long.pdf", Fixtures.scannedPDF(pages))])
        try docket.run(["submit", try scratch.write("later.txt", Array("later".utf8)), "--priority=-1"])
        let worker = try docket.start(["worker", "--drain"])
        try waitFor("a page to be read") { (try jobField(docket, 1, "progress", "pages_done") as? Int ?? 0) >= 1 }
        let cancelQueued = try docket.run(["cancel", "2"])
        #expect(cancelQueued.stdout.contains("job 2 cancelled"))
        let cancelRunning = try docket.run(["cancel", "1"])
        #expect(cancelRunning.stdout.contains("it stops at its next page"))
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        #expect(try jobField(docket, 1, "state") as? String == "cancelled")
        #expect((try jobField(docket, 1, "progress", "pages_done") as? Int ?? 8) < 8)
        #expect(try docket.rows("SELECT count(*) FROM pages") == [["0"]])

        let again = try docket.run(["cancel", "1"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already finished"))
        #expect(try docket.run(["retry", "2"]).stdout.contains("job 2 queued"))
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        #expect(try jobField(docket, 2, "state") as? String == "succeeded")
    }

    @Test func damagedInputsEndWithAMessageAndTheSameWorkerThenReadsAGoodFile() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/malformed")
        var files = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted().map { fixtures.appending(path: $0).path }
        let good = Fixtures.textPDF([FixturePage(text: ["Total due: 1,237.60 EUR"])])
        files.append(try scratch.write("truncated.pdf", Array(good.prefix(good.count / 2))))
        files.append(try scratch.write("garbage.pdf", Array("%PDF-1.4\n".utf8) + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        files.append(try scratch.write("truncated.png", Array(Fixtures.png(FixturePage(text: ["x"])).prefix(500))))
        var queued = 0
        for file in files {
            let submit = try docket.run(["submit", file, "--max-attempts", "2"])
            #expect(submit.status == 0 || submit.status == 65, "\(file): \(submit.stderr)")
            if submit.status == 65 { #expect(submit.stderr.contains("Nothing was stored")) } else { queued += 1 }
        }
        try docket.run(["submit", try scratch.write("good.pdf", good)])
        let worker = try docket.run(["worker", "--drain", "--retry-base", "0.1"], environment: quiet)
        #expect(worker.status == 0)
        let jobs = try docket.rows("SELECT jobs.state, coalesce(jobs.last_error, ''), documents.original_name FROM jobs JOIN documents ON documents.id = jobs.document_id ORDER BY jobs.id")
        #expect(jobs.count == queued + 1)
        for job in jobs.dropLast() {
            #expect(["succeeded", "failed", "dead"].contains(job[0]), "\(job)")
            if job[0] != "succeeded" { #expect(!job[1].isEmpty, "\(job[2]) ended \(job[0]) without a message") }
        }
        #expect(jobs.filter { $0[2].hasPrefix("truncated") || $0[2] == "garbage.pdf" }.allSatisfy { $0[0] != "succeeded" || $0[2] == "truncated.pdf" })
        #expect(jobs.last?[0] == "succeeded")
    }
}

@Suite(.serialized) struct SharedQueueTests {
    @Test(arguments: StoreBackend.allCases)
    func fourWorkerProcessesShare1000JobsAndNoJobIsHeldByTwoAtOnce(backend: StoreBackend) throws {
        let docket = try backend.docket()
        let scratch = try Scratch()
        let paths = try (1...1_000).map { try scratch.write("note-\($0).txt", Array("note number \($0)\n".utf8)) }
        #expect(try docket.run(["submit"] + paths).status == 0)
        let workers = try (0..<4).map { _ in try docket.start(["worker", "--drain", "--in-process", "--concurrency", "2"]) }
        for worker in workers {
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0)
        }
        #expect(try docket.rows("SELECT state, count(*) FROM jobs GROUP BY state") == [["succeeded", "1000"]])
        #expect(try docket.rows("SELECT count(*) FROM job_attempts WHERE outcome = 'succeeded'") == [["1000"]])
        #expect(try Int(docket.rows("SELECT count(DISTINCT worker) FROM job_attempts")[0][0]) ?? 0 >= 2)
        let overlapping = try docket.rows("""
            SELECT count(*) FROM job_attempts a JOIN job_attempts b
              ON a.job_id = b.job_id AND a.lease_token < b.lease_token
             AND a.started_at < b.ended_at AND b.started_at < a.ended_at
            """)
        #expect(overlapping == [["0"]])
    }

    @Test(arguments: StoreBackend.allCases)
    func killedWorkersAndChildrenLoseNothingAndWriteNothingTwice(backend: StoreBackend) throws {
        let docket = try backend.docket()
        let scratch = try Scratch()
        let paths = try (1...50).map { index in
            try scratch.write("doc-\(index).pdf", Fixtures.textPDF([
                FixturePage(text: ["Document \(index)", "Total due: \(index).00 EUR"]),
                FixturePage(text: ["Second page of document \(index)"]),
            ]))
        }
        #expect(try docket.run(["submit"] + paths + ["--question", "Total due", "--max-attempts", "20"]).status == 0)
        let arguments = ["worker", "--concurrency", "2", "--lease", "1", "--retry-base", "0.05"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<8 {
            let worker = try docket.start(arguments, environment: quiet)
            Thread.sleep(forTimeInterval: Double.random(in: 0.3...1.2, using: &generator))
            if round.isMultiple(of: 2) {
                kill(worker.processIdentifier, SIGKILL)
            } else {
                for child in children(of: worker.processIdentifier) { kill(child, SIGKILL) }
                Thread.sleep(forTimeInterval: 0.2)
                kill(worker.processIdentifier, SIGKILL)
            }
            worker.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 1.1)   // let the last leases pass
        #expect(try docket.run(arguments + ["--drain"], environment: quiet).status == 0)

        #expect(try docket.rows("SELECT state, count(*) FROM jobs GROUP BY state") == [["succeeded", "50"]])
        #expect(try docket.rows("SELECT count(*) FROM job_attempts WHERE outcome = 'succeeded'") == [["50"]])
        #expect(try docket.rows("SELECT count(*) FROM (SELECT document_id FROM pages GROUP BY document_id HAVING count(*) = 2) AS complete") == [["50"]])
        #expect(try docket.rows("SELECT count(*) FROM pages") == [["100"]])
        #expect(try docket.rows("SELECT count(*) FROM answers") == [["50"]])
        #expect(try docket.rows("SELECT count(*) FROM (SELECT page_id FROM words GROUP BY page_id, number HAVING count(*) > 1) AS doubled") == [["0"]])
        let answers = try docket.rows("SELECT documents.original_name, answers.answer FROM answers JOIN documents ON documents.id = answers.document_id")
        for row in answers {
            let index = row[0].dropFirst("doc-".count).dropLast(".pdf".count)
            #expect(row[1] == "\(index).00 EUR")
        }
    }
}

@Suite(.serialized) struct InterruptTests {
    @Test func aSecondSigintStopsAtOnceAndTheJobRunsAgainLater() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try docket.run(["submit", try scratch.write("one.pdf", Fixtures.textPDF([FixturePage(text: ["interrupted"])]))])
        var environment = quiet
        environment["DOCKET_INJECT_FAULT"] = "hang-on-page:1"
        let worker = try docket.start(["worker", "--grace", "600", "--lease", "1"], environment: environment)
        try waitFor("the job to run") { try jobField(docket, 1, "state") as? String == "running" }
        let child = try #require(children(of: worker.processIdentifier).first)
        kill(worker.processIdentifier, SIGINT)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(worker.isRunning, "the first SIGINT waits for the running job")
        kill(worker.processIdentifier, SIGINT)
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 130)
        try waitFor("the orphaned child to exit", timeout: 5) { kill(child, 0) != 0 }
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try docket.run(["worker", "--drain"]).status == 0)
        #expect(try jobField(docket, 1, "state") as? String == "succeeded")
        #expect(try docket.rows("SELECT outcome FROM job_attempts WHERE job_id = 1 ORDER BY attempt") == [["lease-expired"], ["succeeded"]])
    }
}
