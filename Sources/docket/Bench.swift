import ArgumentParser
import DocketJSON
import DocketQueue
import DocketStore
import DocketWorker
import Foundation
import Synchronization

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Docket on this machine.",
        subcommands: [BenchQueue.self, BenchWake.self, BenchWebhook.self, BenchSearch.self, BenchLayout.self, BenchPipeline.self,
                      BenchAPI.self, BenchCopy.self, BenchOCR.self, BenchThroughput.self, BenchSoak.self, BenchEncoder.self, BenchQueueDrain.self])
}

/// What the bench commands that print a summary print: a table for a person, or JSON.
enum BenchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    static let help = ArgumentHelp("Output format: text, json.")
}

struct BenchQueue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Push no-op jobs through the real submit, claim and complete path and report jobs per second.",
        discussion: """
            Enqueue is measured in submits of 100 jobs each (one transaction, synchronous=FULL) and, \
            separately, one job per submit. Claim+complete is measured with each number of worker \
            processes given by --workers: each process runs --slots threads that claim and complete jobs as \
            a worker's in-process slots do (the first idle slot claims for every idle slot; completions that \
            arrive while another commits are committed together; no documents are read, no child \
            processes) until the queue is empty.

            EXAMPLE
              docket bench queue --jobs 20000 --workers 1 --workers 2
            """)

    @Option(help: "Jobs per measurement.") var jobs: Int = 20_000
    @Option(help: "Worker processes to measure claim+complete with; repeatable.") var workers: [Int] = [1, 2]
    @Option(help: "Jobs submitted one per transaction, for the single-submit figure.") var singleSubmits: Int = 1_000
    @Option(help: "Slots per worker process: jobs claimed at once and completed in parallel.") var slots: Int = 10
    @Option(help: "Database to use; a new temporary one by default.") var db: String?

    func run() throws {
        let path = db ?? FileManager.default.temporaryDirectory.appending(path: "docket-bench-\(UUID().uuidString)/bench.sqlite").path
        let queue = JobQueue(store: try withExitCodes { try StoreLocation(path).open(durability: .full, webhookBodies: WebhookBodyJSON()) })
        print("database: \(path)")

        var run = 0
        func enqueue(_ count: Int, perSubmit: Int) throws -> Double {
            run += 1
            let started = Date()
            var submitted = 0
            while submitted < count {
                let batch = (submitted..<min(count, submitted + perSubmit)).map { index in
                    SubmittedFile(name: "job-\(run)-\(index).txt", bytes: Array("bench \(run) \(index)\n".utf8))
                }
                _ = try queue.submit(batch)
                submitted += batch.count
            }
            return Double(count) / Date().timeIntervalSince(started)
        }

        let batched = try enqueue(jobs, perSubmit: 100)
        print(String(format: "enqueue, 100 jobs per submit:   %8.0f jobs/s", batched))
        let single = try enqueue(singleSubmits, perSubmit: 1)
        print(String(format: "enqueue, 1 job per submit:      %8.0f jobs/s", single))
        _ = try drain(path: path, processes: 1)

        for processes in workers {
            _ = try enqueue(jobs, perSubmit: 100)
            let (seconds, completed) = try drain(path: path, processes: processes)
            print(String(format: "claim+complete, %d process%@:  %8.0f jobs/s (%d jobs in %.2f s)",
                         processes, processes == 1 ? "  " : "es", Double(completed) / seconds, completed, seconds))
        }
    }

    /// Runs `processes` copies of `docket bench queue-drain` at once; returns the wall time and jobs completed.
    private func drain(path: String, processes: Int) throws -> (Double, Int) {
        let started = Date()
        let children = try (0..<processes).map { _ in
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = ["bench", "queue-drain", "--db", path, "--slots", String(slots)]
            let output = Pipe()
            child.standardOutput = output
            try child.run()
            return (child, output)
        }
        var completed = 0
        for (child, output) in children {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            completed += Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        return (Date().timeIntervalSince(started), completed)
    }
}

/// One worker process of the queue benchmark: `slots` threads claim and complete jobs as a
/// worker's slots do (the first idle slot claims for every idle slot, through the worker's own
/// dispatcher; completions that arrive while another commits are committed together) until none is
/// left, then prints how many it completed.
struct BenchQueueDrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue-drain", abstract: "Internal: claim and complete jobs until the queue is empty.", shouldDisplay: false)

    @OptionGroup var store: StoreOptions
    @Option(help: "Slots: jobs claimed at once and completed in parallel.") var slots: Int = 10

    func run() throws {
        let queue = try store.openQueue()
        let worker = "bench:\(getpid())"
        let dispatcher = SlotDispatcher()
        let completed = Atomic<Int>(0)
        let firstError = Mutex<(any Error)?>(nil)
        let finished = DispatchGroup()
        for _ in 0..<max(1, slots) {
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                do {
                    while true {
                        // nil: the claim this slot waited on left it nothing, which is not yet an empty queue.
                        guard let job = try dispatcher.nextJob(claim: { try queue.claim(worker: worker, lease: 60, limit: $0) }) else {
                            if try queue.secondsUntilNextRunnable() == nil { return }
                            continue
                        }
                        if try queue.complete(job, writeResults: { _ in }) { completed.add(1, ordering: .relaxed) }
                    }
                } catch {
                    firstError.withLock { $0 = $0 ?? error }
                }
            }
            thread.start()
        }
        finished.wait()
        if let error = firstError.withLock({ $0 }) { throw error }
        print(completed.load(ordering: .relaxed))
    }
}
