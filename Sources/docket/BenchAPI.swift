import ArgumentParser
import DocketQueue
import DocketServer
import DocketStore
import Foundation

struct BenchAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Measure the HTTP API: requests per second and latency of job status and answers, and memory while a large upload streams.",
        discussion: """
            Starts `docket serve` on a new database on a free loopback port, submits and reads one text \
            document with a question, then loads GET /v1/jobs/{id} and GET /v1/documents/{id}/answers \
            with wrk (deploy/install-packages.sh installs it) for --seconds each over --connections connections, while the \
            server's --workers wait for jobs. Then uploads a document of --upload-mib MiB with curl and \
            reports how long it took and the server's resident memory before it and its peak during it.

            EXAMPLE
              docket bench api --seconds 10 --connections 32 --upload-mib 200
            """)

    @Option(help: "Seconds of load per route.") var seconds = 10
    @Option(help: "Connections wrk keeps open.") var connections = 32
    @Option(help: "wrk threads.") var threads = 2
    @Option(help: "Size of the upload whose memory is measured, in MiB (0 skips it).") var uploadMib = 200
    @Option(help: "The server's --log-level; its log is written and thrown away (/dev/null).") var logLevel = "info"
    @Option(help: "Workers the server runs (its --workers), polling the queue during the load.") var workers = 1

    func run() throws {
        for tool in ["/usr/bin/wrk", "/usr/bin/curl"] where !FileManager.default.isExecutableFile(atPath: tool) {
            Output.error("\(tool) is needed: run deploy/install-packages.sh (or apt-get install \((tool as NSString).lastPathComponent)).")
            throw ExitCode.failure
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-bench-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "bench.sqlite").path
        let store = try withExitCodes { try StoreLocation(database).open(durability: .full) }
        let key = try APIKeys.create(in: store, name: "bench", scope: .submit).key
        let receipt = try JobQueue(store: store).submit(
            [SubmittedFile(name: "bench.txt", bytes: Array("Invoice number: INV-1001\nTotal due: 1,234.00 EUR\n".utf8))],
            options: SubmitOptions(questions: ["What is the total due?"]))[0]
        try runToEnd(["worker", "--drain", "--quiet", "--db", database])

        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        server.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", database, "--max-upload-bytes", String(max(1, uploadMib) << 20 + 1),
                            "--log-level", logLevel, "--workers", String(workers)]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            kill(server.processIdentifier, SIGTERM)
            server.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let start = line.range(of: "http://") else { throw ValidationError("docket serve did not start: \(line)") }
        let base = String(line[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        print("server: \(base) (pid \(server.processIdentifier)), \(workers) workers, \(connections) connections, \(threads) wrk threads, \(seconds) s per route")

        for (label, path) in [("GET /v1/jobs/{id}", "/v1/jobs/\(receipt.jobID)"),
                              ("GET /v1/documents/{id}/answers", "/v1/documents/\(receipt.documentID)/answers")] {
            let report = try standardOutput(of: "/usr/bin/wrk", [
                "-t", String(threads), "-c", String(connections), "-d", "\(seconds)s", "--latency",
                "-H", "Authorization: Bearer \(key)", base + path,
            ])
            let rate = Self.field(report, after: "Requests/sec:") ?? "?"
            let p50 = Self.field(report, after: "50%") ?? "?"
            let p99 = Self.field(report, after: "99%") ?? "?"
            let errors = report.contains("Non-2xx") ? " (" + (Self.line(report, containing: "Non-2xx") ?? "") + ")" : ""
            print("\(label): \(rate) requests/s, p50 \(p50), p99 \(p99)\(errors)")
        }

        guard uploadMib > 0 else { return }
        let upload = folder.appending(path: "upload.txt")
        try writeText(mebibytes: uploadMib, to: upload)
        let before = Self.memory(of: server.processIdentifier)
        let uploadStarted = Date()
        try runToEnd(["/usr/bin/curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(key)",
                      "-H", "Content-Type: text/plain", "--data-binary", "@\(upload.path)", base + "/v1/documents?job=false"], external: true)
        let after = Self.memory(of: server.processIdentifier)
        let uploadSeconds = String(format: "%.1f", Date().timeIntervalSince(uploadStarted))
        print("upload of \(uploadMib) MiB in \(uploadSeconds) s: resident \(before.resident) MiB before, peak \(after.peak) MiB during (+\(after.peak - before.resident) MiB)")
    }

    private func runToEnd(_ arguments: [String], external: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: external ? arguments[0] : "/proc/self/exe")
        process.arguments = external ? Array(arguments.dropFirst()) : arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    }

    private func standardOutput(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// Lines of text: the upload is a valid document, so the server takes all of it.
    private func writeText(mebibytes: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let line = Data("The quick brown fox jumps over the lazy dog; invoice 0000 total 1,234.00 EUR.\n".utf8)
        let chunk = Data((0..<(1 << 20) / line.count + 1).map { _ in line }.joined().prefix(1 << 20))
        for _ in 0..<mebibytes { try handle.write(contentsOf: chunk) }
    }

    /// VmRSS and VmHWM (peak) of `pid`, in whole MiB.
    private static func memory(of pid: Int32) -> (resident: Int, peak: Int) {
        let status = ProcessStatus(of: pid)
        return (status.kibibytes("VmRSS") / 1024, status.kibibytes("VmHWM") / 1024)
    }

    private static func line(_ text: String, containing marker: String) -> String? {
        // "Thread Stats" lines end in percentages too ("72.50%"): the latency table's rows start with theirs.
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.first { $0.hasPrefix(marker) } ?? lines.first { $0.contains(marker) }
    }

    private static func field(_ text: String, after marker: String) -> String? {
        guard let line = line(text, containing: marker), let range = line.range(of: marker) else { return nil }
        return line[range.upperBound...].split(separator: " ").first.map(String.init)
    }
}
