import ArgumentParser
import DocketJSON
import DocketModel
import DocketQueue
import DocketStore
import Foundation

struct BenchSoak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Run many documents through one worker and watch its speed and memory.",
        discussion: """
            Submits --documents documents to a new temporary database, taking the given PDF and \
            plain-text files in turn (each copy made distinct by a comment after a PDF's end or a \
            line after a text's, so that none is a duplicate the worker would not read again), and \
            runs one `docket worker --concurrency N` until all have ended, then stops it with \
            SIGTERM. Every --every documents it prints the documents and pages done, documents/s \
            and pages/s since the line before, and the resident memory of the worker and of its \
            job children at that moment; at the end, how much the worker's memory grew from the \
            first line to the last.

            EXAMPLE
              docket bench soak ../shared/corpus/pdfs/scanned ../shared/corpus/pdfs/born_digital --documents 1000
              docket bench soak Samples/invoice.pdf Samples/radiology-report.txt --documents 2000 --every 500
            """)

    @Argument(help: "PDF and plain-text files, or folders of PDFs.") var paths: [String]
    @Option(help: "Documents to run.") var documents: Int = 1000
    @Option(help: "Print a line every this many documents.") var every: Int = 100
    @Option(help: "Jobs the worker runs at once.") var concurrency: Int = 2
    @Option(help: BenchFormat.help) var format: BenchFormat = .text

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one PDF or folder.") }
        guard documents >= 1, every >= 1, concurrency >= 1 else {
            throw ValidationError("--documents, --every and --concurrency must be at least 1.")
        }
    }

    struct Checkpoint: Encodable {
        var documents: Int
        var pages: Int
        var seconds: Double
        var documentsPerSecond: Double
        var pagesPerSecond: Double
        var workerResidentMiB: Double
        var childrenResidentMiB: Double

        enum CodingKeys: String, CodingKey {
            case documents, pages, seconds
            case documentsPerSecond = "documents_per_second", pagesPerSecond = "pages_per_second", workerResidentMiB = "worker_resident_mib", childrenResidentMiB = "children_resident_mib"
        }
    }

    struct Summary: Encodable {
        var checkpoints: [Checkpoint]
        var failed: Int
        /// The worker's resident memory at the last checkpoint over the first's, less one.
        var workerGrowth: Double?

        enum CodingKeys: String, CodingKey {
            case checkpoints, failed
            case workerGrowth = "worker_growth"
        }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-bench-soak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "soak.sqlite").path
        let files = try pdfFiles(in: paths)
        guard !files.isEmpty else { throw ValidationError("No PDF among \(paths.joined(separator: ", ")).") }
        let contents = try files.map { file in
            let bytes = try RegularFile.contents(of: file).get()
            let type = MediaType.detect(bytes)
            if file.lowercased().hasSuffix(".pdf"), type != .pdf { throw ValidationError("\(file) is not a PDF; leave it out of the soak.") }
            guard !bytes.isEmpty, type == .pdf || type == .plainText else {
                throw ValidationError("\(file) is neither a PDF nor plain text; leave it out of the soak.")
            }
            return (bytes: bytes, type: type)
        }

        let store = try withExitCodes { try StoreLocation(database).open(webhookBodies: WebhookBodyJSON()) }
        let queue = JobQueue(store: store)
        for start in stride(from: 0, to: documents, by: 50) {
            let batch = (start..<min(documents, start + 50)).map { index in
                let source = index % files.count
                // A PDF reader skips a comment after the end of the file; a text gains a line.
                let mark = contents[source].type == .pdf ? "\n%docket soak copy \(index)\n" : "\ndocket soak copy \(index)\n"
                return SubmittedFile(name: "soak-\(index)-" + URL(fileURLWithPath: files[source]).lastPathComponent,
                                     bytes: contents[source].bytes + Array(mark.utf8))
            }
            do {
                _ = try queue.submit(batch, options: SubmitOptions(maxAttempts: 1))
            } catch let error as SubmitError {
                throw ValidationError("\(error.description) Leave that file out of the soak.")
            }
        }

        let worker = Process()
        worker.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        // Not --drain: the worker is measured after the last document too, then asked to stop.
        worker.arguments = ["worker", "--db", database, "--quiet", "--concurrency", String(concurrency)]
        worker.standardOutput = FileHandle.nullDevice
        try worker.run()
        let started = ContinuousClock.now
        func elapsed() -> Double { (ContinuousClock.now - started).inSeconds }

        var checkpoints: [Checkpoint] = []
        var nextMark = min(every, documents)
        var ended = 0, failed = 0
        while ended < documents {
            Thread.sleep(forTimeInterval: 0.2)
            let metrics = try store.metrics(now: store.clock.now())
            failed = (metrics.jobsByState[.failed] ?? 0) + (metrics.jobsByState[.dead] ?? 0)
            ended = (metrics.jobsByState[.succeeded] ?? 0) + failed + (metrics.jobsByState[.cancelled] ?? 0)
            if ended >= nextMark {
                let pages = metrics.pagesBySource.values.reduce(0, +)
                let seconds = elapsed()
                let previous = checkpoints.last
                let interval = max(0.001, seconds - (previous?.seconds ?? 0))
                let rate = Double(pages - (previous?.pages ?? 0)) / interval
                let memory = ResidentMemory(of: worker.processIdentifier)
                let checkpoint = Checkpoint(documents: ended, pages: pages, seconds: seconds,
                                            documentsPerSecond: Double(ended - (previous?.documents ?? 0)) / interval, pagesPerSecond: rate,
                                            workerResidentMiB: memory.process, childrenResidentMiB: memory.children)
                checkpoints.append(checkpoint)
                if format == .text {
                    print(String(format: "%6d documents  %6d pages  %8.1f s  %7.2f documents/s  %7.2f pages/s  worker %7.1f MiB  children %7.1f MiB",
                                 checkpoint.documents, checkpoint.pages, checkpoint.seconds, checkpoint.documentsPerSecond, checkpoint.pagesPerSecond,
                                 checkpoint.workerResidentMiB, checkpoint.childrenResidentMiB))
                }
                if ended >= documents { break }
                nextMark = min(documents, (ended / every + 1) * every)
            }
            if !worker.isRunning, ended < documents {
                throw ValidationError("The worker exited (status \(worker.terminationStatus)) with \(documents - ended) documents not ended.")
            }
        }
        worker.terminate()
        worker.waitUntilExit()
        let growth = checkpoints.count >= 2 && checkpoints[0].workerResidentMiB > 0
            ? checkpoints[checkpoints.count - 1].workerResidentMiB / checkpoints[0].workerResidentMiB - 1 : nil
        let summary = Summary(checkpoints: checkpoints, failed: failed, workerGrowth: growth)
        switch format {
        case .json: try Output.json(summary)
        case .text:
            if failed > 0 {
                // The database goes with the run, so the reasons are printed here.
                let reasons = try (queue.jobs(state: .failed, limit: 3) + queue.jobs(state: .dead, limit: 3)).prefix(3)
                print("\(failed) documents failed; " + reasons.map { "\($0.documentName): \($0.lastError ?? "no error recorded")" }
                    .joined(separator: "; "))
            }
            if let growth, let first = checkpoints.first, let last = checkpoints.last {
                print(String(format: "worker resident memory: %.1f MiB at document %d, %.1f MiB at document %d (%+.1f%%)",
                             first.workerResidentMiB, first.documents, last.workerResidentMiB, last.documents, growth * 100))
            }
        }
    }

}

/// Resident memory (VmRSS) of a process and, added up, of its child processes, in MiB; 0 for a
/// process that has ended.
struct ResidentMemory {
    var process: Double
    var children: Double

    init(of pid: Int32) {
        process = Self.residentMiB(pid)
        children = Self.children(of: pid).reduce(0) { $0 + Self.residentMiB($1) }
    }

    private static func residentMiB(_ pid: Int32) -> Double {
        Double(ProcessStatus(of: pid).kibibytes("VmRSS")) / 1024
    }

    private static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let list = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return list.split(separator: " ").compactMap { Int32($0) }
        }
    }
}
