import ArgumentParser
import DocketJSON
import DocketQueue
import DocketStore
import Foundation

/// How long a job waits between its submit and its claim by an idle worker.
struct BenchWake: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wake",
        abstract: "Measure how soon idle workers claim a submitted job.",
        discussion: """
            Starts idle worker processes, then submits one small text job at a time, waiting for each \
            to be claimed before the next, and reports the time from submit to claim (the job's \
            created_at to its started_at): median, 99th percentile and the longest. On PostgreSQL a \
            submit's NOTIFY wakes the workers; on SQLite they find the job at their next poll.

            EXAMPLE
              docket bench wake --db postgres://docket@db.internal/bench --jobs 100
            """)

    @Option(help: "Jobs to submit, one at a time.") var jobs: Int = 50
    @Option(help: "Idle worker processes.") var workers: Int = 2
    @Option(help: "Seconds between one job's claim and the next submit.") var interval: Double = 0.3
    @Option(help: "Database to use; a new temporary one by default.") var db: String?

    func run() throws {
        let argument = db ?? FileManager.default.temporaryDirectory.appending(path: "docket-bench-\(UUID().uuidString)/bench.sqlite").path
        let location = try withExitCodes { try StoreLocation(argument) }
        let queue = JobQueue(store: try withExitCodes { try location.open(durability: .full, webhookBodies: WebhookBodyJSON()) })
        print("database: \(location)")
        let children = try (0..<workers).map { _ in
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = ["worker", "--in-process", "--quiet"]
            var environment = ProcessInfo.processInfo.environment
            environment["DOCKET_DB"] = argument
            child.environment = environment
            child.standardOutput = FileHandle.nullDevice
            try child.run()
            return child
        }
        defer {
            for child in children {
                child.terminate()
                child.waitUntilExit()
            }
        }
        Thread.sleep(forTimeInterval: 2)   // until every worker is idle and listening

        var waits: [Double] = []
        let run = UUID().uuidString.prefix(8)
        for index in 0..<jobs {
            let receipt = try queue.submit([SubmittedFile(name: "wake-\(run)-\(index).txt", bytes: Array("wake \(run) \(index)\n".utf8))])[0]
            let deadline = Date().addingTimeInterval(30)
            var record = try queue.store.job(receipt.jobID)
            while record.startedAt == nil, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.002)
                record = try queue.store.job(receipt.jobID)
            }
            guard let started = record.startedAt else { throw ValidationError("job \(receipt.jobID) was not claimed within 30 s") }
            waits.append(started - record.createdAt)
            Thread.sleep(forTimeInterval: interval)
        }
        waits.sort()
        func percentile(_ share: Double) -> Double { waits[min(waits.count - 1, Int((Double(waits.count) * share).rounded(.up)) - 1)] }
        print(String(format: "submit to claim, %d jobs, %d idle workers: median %.1f ms, p99 %.1f ms, longest %.1f ms",
                     waits.count, workers, percentile(0.5) * 1000, percentile(0.99) * 1000, waits.last! * 1000))
    }
}
