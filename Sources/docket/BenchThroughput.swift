import ArgumentParser
import Synchronization
import Foundation

struct BenchThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "throughput",
        abstract: "Time Docket's worker against the plain tools' reading of the same PDFs, in one run.",
        discussion: """
            Each PDF is put in one of two groups by whether `pdftotext` finds text in it. For the \
            scanned group, the limit is the plain reading a user could script: `pdftoppm -r 300 \
            -gray` of each page, then `tesseract PAGE out tsv`, --concurrency pages at a time with \
            OMP_THREAD_LIMIT=1. For the born-digital group it is `pdftotext -bbox-layout`, a \
            process per file, --concurrency at a time. Then each group is submitted to a new \
            temporary database and read by `docket worker --drain --concurrency N`; its time runs \
            from the worker's start to its exit. Prints pages/s of both and Docket's time over the \
            limit's. Files that pdfinfo cannot open (damaged, encrypted) are named on stderr and \
            left out. Needs poppler-utils and tesseract-ocr (deploy/install-packages.sh).

            EXAMPLE
              docket bench throughput ../shared/corpus/pdfs/scanned ../shared/corpus/pdfs/born_digital
            """)

    @Argument(help: "PDF files, or folders of them.") var paths: [String]
    @Option(help: "Pages or files read at once, by the plain tools and by the worker.") var concurrency: Int = 2
    @Option(help: BenchFormat.help) var format: BenchFormat = .text

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Give at least one PDF or folder.") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1.") }
    }

    struct Group: Encodable {
        var group: String
        var limit: String
        var files: Int
        var pages: Int
        var limitSeconds: Double
        var docketSeconds: Double
        var limitPagesPerSecond: Double { limitSeconds > 0 ? Double(pages) / limitSeconds : 0 }
        var docketPagesPerSecond: Double { docketSeconds > 0 ? Double(pages) / docketSeconds : 0 }
        /// Docket's time over the limit's: 1.0 is as fast as the plain tools.
        var ratio: Double { limitSeconds > 0 ? docketSeconds / limitSeconds : 0 }

        enum CodingKeys: String, CodingKey {
            case group, limit, files, pages, ratio
            case limitSeconds = "limit_seconds", docketSeconds = "docket_seconds"
            case limitPagesPerSecond = "limit_pages_per_second", docketPagesPerSecond = "docket_pages_per_second"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            try container.encode(limit, forKey: .limit)
            try container.encode(files, forKey: .files)
            try container.encode(pages, forKey: .pages)
            try container.encode(limitSeconds, forKey: .limitSeconds)
            try container.encode(limitPagesPerSecond, forKey: .limitPagesPerSecond)
            try container.encode(docketSeconds, forKey: .docketSeconds)
            try container.encode(docketPagesPerSecond, forKey: .docketPagesPerSecond)
            try container.encode(ratio, forKey: .ratio)
        }
    }

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "docket-bench-throughput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        var scanned: [(file: String, pages: Int)] = []
        var bornDigital: [(file: String, pages: Int)] = []
        for file in try pdfFiles(in: paths) {
            guard let pages = try Self.pageCount(file) else {
                Output.error("\(file): pdfinfo cannot open it (damaged or encrypted), left out.")
                continue
            }
            if try Self.hasText(file) { bornDigital.append((file, pages)) } else { scanned.append((file, pages)) }
        }
        var groups: [Group] = []
        if !scanned.isEmpty {
            let limit = try timed {
                try Self.runAll(try scanned.enumerated().flatMap { index, entry in
                    try Self.plainOCRCommands(entry.file, pages: entry.pages, folder: scratch.appending(path: "scan-\(index)"))
                }, width: concurrency)
            }
            let docket = try docketSeconds(scanned.map(\.file), database: scratch.appending(path: "scanned.sqlite").path)
            groups.append(Group(group: "scanned", limit: "pdftoppm -r 300 -gray, tesseract tsv", files: scanned.count,
                                pages: scanned.reduce(0) { $0 + $1.pages }, limitSeconds: limit, docketSeconds: docket))
        }
        if !bornDigital.isEmpty {
            let limit = try timed {
                try Self.runAll(bornDigital.enumerated().map { index, entry in
                    [["pdftotext", "-bbox-layout", entry.file, scratch.appending(path: "text-\(index).html").path]]
                }, width: concurrency)
            }
            let docket = try docketSeconds(bornDigital.map(\.file), database: scratch.appending(path: "born-digital.sqlite").path)
            groups.append(Group(group: "born-digital", limit: "pdftotext -bbox-layout", files: bornDigital.count,
                                pages: bornDigital.reduce(0) { $0 + $1.pages }, limitSeconds: limit, docketSeconds: docket))
        }
        switch format {
        case .json: try Output.json(groups)
        case .text:
            print("GROUP          FILES  PAGES   LIMIT s  LIMIT p/s   DOCKET s  DOCKET p/s  DOCKET/LIMIT  LIMIT")
            for group in groups {
                print(group.group.padding(toLength: 13, withPad: " ", startingAt: 0)
                      + String(format: "  %5d  %5d  %8.2f  %9.2f  %9.2f  %10.2f  %12.2f  ", group.files, group.pages, group.limitSeconds,
                               group.limitPagesPerSecond, group.docketSeconds, group.docketPagesPerSecond, group.ratio)
                      + group.limit)
            }
        }
    }


    /// Submits `files` to a new database and times `docket worker --drain` over them.
    private func docketSeconds(_ files: [String], database: String) throws -> Double {
        let submitted = try Self.run(["/proc/self/exe", "submit", "--db", database] + files)
        guard submitted.status == 0 else {
            throw ValidationError("docket submit failed (exit \(submitted.status)): \(submitted.stderr)")
        }
        return try timed {
            let worker = try Self.run(["/proc/self/exe", "worker", "--db", database, "--drain", "--quiet",
                                       "--concurrency", String(concurrency)])
            guard worker.status == 0 else { throw ValidationError("docket worker failed (exit \(worker.status)): \(worker.stderr)") }
        }
    }

    private func timed(_ body: () throws -> Void) throws -> Double {
        let started = ContinuousClock.now
        try body()
        return (ContinuousClock.now - started).inSeconds
    }

    /// For each page: render it, then read it, in that order.
    private static func plainOCRCommands(_ file: String, pages: Int, folder: URL) throws -> [[[String]]] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (1...max(1, pages)).map { page in
            let prefix = folder.appending(path: "page-\(page)").path
            return [
                ["pdftoppm", "-r", "300", "-gray", "-f", String(page), "-l", String(page), "-singlefile", file, prefix],
                ["tesseract", prefix + ".pgm", prefix, "tsv"],
            ]
        }
    }

    private static func pageCount(_ file: String) throws -> Int? {
        let info = try run(["pdfinfo", file])
        guard info.status == 0 else { return nil }
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        return line.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }

    /// Whether `pdftotext` finds words in the file: a text layer, not only scanned pictures.
    private static func hasText(_ file: String) throws -> Bool {
        let text = try run(["pdftotext", "-l", "3", file, "-"])
        return text.stdout.split(whereSeparator: { $0.isWhitespace }).count >= 10
    }

    /// Runs each task's commands in order, `width` tasks at a time; throws if any command fails.
    private static func runAll(_ tasks: [[[String]]], width: Int) throws {
        let next = Mutex(0)
        let failure = Mutex<String?>(nil)
        DispatchQueue.concurrentPerform(iterations: width) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < tasks.count, failure.withLock({ $0 == nil }) else { return }
                for command in tasks[index] {
                    do {
                        let result = try run(command)
                        if result.status != 0 {
                            failure.withLock { $0 = "\(command.joined(separator: " ")) exited \(result.status): \(result.stderr)" }
                            return
                        }
                    } catch {
                        failure.withLock { $0 = "\(command[0]) could not be started: \(error). Install poppler-utils and tesseract-ocr." }
                        return
                    }
                }
            }
        }
        if let message = failure.withLock({ $0 }) { throw ValidationError(message) }
    }

    private struct Finished {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `command` (its first element looked up on PATH unless it is a path) with OMP_THREAD_LIMIT=1.
    private static func run(_ command: [String]) throws -> Finished {
        let process = Process()
        if command[0].hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let errorData = Mutex(Data())
        let errorsRead = DispatchGroup()
        DispatchQueue.global().async(group: errorsRead) {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorsRead.wait()
        return Finished(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                        stderr: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
    }
}

/// The files among `paths` and the PDFs (by name) in the folders among them, each folder's in name order.
func pdfFiles(in paths: [String]) throws -> [String] {
    try paths.flatMap { path -> [String] in
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw ValidationError("\(path) does not exist.") }
        guard isFolder.boolValue else { return [path] }
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            .filter { $0.lowercased().hasSuffix(".pdf") }
            .map { (path as NSString).appendingPathComponent($0) }
    }
}
