import ArgumentParser
import DocketJSON
import DocketQueue
import DocketStore
import DocketTestReceiver
import Foundation

/// How long a job's webhook takes to arrive: from the submit to the receiver reading the request.
struct BenchWebhook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Measure the time from submit to webhook received, on SQLite and on PostgreSQL.",
        discussion: """
            Starts a receiver on 127.0.0.1 and one idle worker process, then submits one small text job \
            at a time with --callback-url pointing at the receiver, waiting for each webhook before the \
            next submit, and reports the time from submit to the request's arrival: median, 90th \
            percentile and the longest. Runs on a new temporary SQLite database, and with --postgres \
            also on that PostgreSQL database.

            EXAMPLE
              docket bench webhook --jobs 50 --postgres postgres://docket@localhost/bench
            """)

    @Option(help: "Jobs to submit, one at a time.") var jobs: Int = 30
    @Option(help: ArgumentHelp("A PostgreSQL database to measure as well.", valueName: "url")) var postgres: String?

    func run() throws {
        let sqlite = FileManager.default.temporaryDirectory.appending(path: "docket-bench-\(UUID().uuidString)/bench.sqlite").path
        try measure(database: sqlite, label: "SQLite")
        if let postgres { try measure(database: postgres, label: "PostgreSQL") }
    }

    private func measure(database: String, label: String) throws {
        let location = try withExitCodes { try StoreLocation(database) }
        let queue = JobQueue(store: try withExitCodes { try location.open(durability: .full, webhookBodies: WebhookBodyJSON()) })
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        worker.arguments = ["worker", "--in-process", "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKET_DB"] = database
        worker.environment = environment
        worker.standardOutput = FileHandle.nullDevice
        try worker.run()
        defer {
            worker.terminate()
            worker.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 2)   // until the worker is idle

        var latencies: [Double] = []
        var afterEnd: [Double] = []
        let run = UUID().uuidString.prefix(8)
        for index in 0..<jobs {
            let before = receiver.requests.count
            let submitted = Date().timeIntervalSince1970
            let receipt = try queue.submit(
                [SubmittedFile(name: "webhook-\(run)-\(index).txt", bytes: Array("webhook \(run) \(index)\n".utf8))],
                options: SubmitOptions(callbackURL: receiver.url))[0]
            let requests = receiver.waitForRequests(before + 1, limit: 60)
            guard requests.count > before else { throw ValidationError("no webhook arrived within 60 s of submit \(index + 1)") }
            latencies.append(requests[before].receivedAt - submitted)
            if let finished = try queue.store.job(receipt.jobID).finishedAt { afterEnd.append(requests[before].receivedAt - finished) }
        }
        func percentile(_ share: Double, of values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * share).rounded(.up)) - 1))]
        }
        print(String(format: "%@: submit to webhook received, %d jobs one at a time, 1 worker: median %.0f ms, p90 %.0f ms, longest %.0f ms",
                     label, latencies.count, percentile(0.5, of: latencies) * 1000, percentile(0.9, of: latencies) * 1000,
                     latencies.max()! * 1000))
        if !afterEnd.isEmpty {
            print(String(format: "%@: of which job end to webhook received: median %.1f ms, p90 %.1f ms, longest %.1f ms",
                         label, percentile(0.5, of: afterEnd) * 1000, percentile(0.9, of: afterEnd) * 1000, afterEnd.max()! * 1000))
        }
    }
}
