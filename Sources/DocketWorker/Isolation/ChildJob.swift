import DocketExtract
import DocketQueue
import Foundation

/// The child-process side of a worker slot: `docket run-jobs` calls `serve`, in a process of its
/// own that the worker watches and kills when a job hangs, crashes or grows past its memory limit.
public enum ChildJob {
    /// The child recorded the job's outcome (success, failure or cancel) in the database.
    public static let recordedExitCode: Int32 = 0
    /// The child no longer holds the job's lease: it wrote nothing.
    public static let leaseLostExitCode: Int32 = 75
    /// The worker sent a line that is not `JOB_ID LEASE_TOKEN`.
    public static let badRequestExitCode: Int32 = 64

    /// Runs the jobs the worker writes to standard input (a Unix socket), one per line as
    /// `JOB_ID LEASE_TOKEN`, answering each on the same socket with `done STATUS`. While a job
    /// runs, the child asks for an idle engine with `borrow` (answered `granted` or `refused`)
    /// and gives it back with `give-back`. Returns when the worker ends the input; throws, ending
    /// the child, when the database fails it.
    public static func serve(
        queue: JobQueue, limits: ExtractLimits, memoryLimitMiB: Int, parent: pid_t,
        beforePage: @escaping (Int, Int) throws -> Void = { _, _ in }
    ) throws -> Int32 {
        // The worker decides when this process stops: a Ctrl-C in its terminal reaches the whole
        // process group, and must let the worker wait for this job, not kill it.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        ChildMemoryCap.apply(memoryLimitMiB: memoryLimitMiB)
        exitWhenOrphaned(parent: parent)

        let processor = DocumentProcessor(store: queue.store, limits: limits)
        let worker = WorkerChannel(socket: STDIN_FILENO)
        while let line = worker.nextLine() {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let jobID = Int64(fields[0]) else {
                FileHandle.standardError.write(Data("run-jobs: expected JOB_ID LEASE_TOKEN from the worker, got \(line.debugDescription)\n".utf8))
                return badRequestExitCode
            }
            let status = try run(jobID, leaseToken: String(fields[1]), queue: queue, processor: processor, lender: worker, beforePage: beforePage)
            guard worker.send("done \(status)") else { return leaseLostExitCode }
        }
        return recordedExitCode
    }

    private static func run(
        _ jobID: Int64, leaseToken: String, queue: JobQueue, processor: DocumentProcessor, lender: EngineLender,
        beforePage: @escaping (Int, Int) throws -> Void
    ) throws -> Int32 {
        guard let job = try queue.claimedJob(jobID, leaseToken: leaseToken) else { return leaseLostExitCode }
        let outcome = try JobExecution.run(job, queue: queue, processor: processor, lender: lender, beforePage: beforePage)
        return outcome.state == nil ? leaseLostExitCode : recordedExitCode
    }

    /// A child whose worker died (kill -9) must not go on holding a job nobody watches.
    private static func exitWhenOrphaned(parent: pid_t) {
        let watcher = Thread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 0.2) }
            _exit(leaseLostExitCode)
        }
        watcher.start()
    }
}

/// The cap a child process puts on its own address space: twice the memory limit its parent
/// watches, plus 1 GiB, for allocations too quick to be watched.
public enum ChildMemoryCap {
    public static func apply(memoryLimitMiB: Int) {
        let bytes = rlim_t((UInt64(memoryLimitMiB) * 2 + 1024) << 20)
        var addressSpace = rlimit(rlim_cur: bytes, rlim_max: bytes)
        setrlimit(Int32(RLIMIT_AS.rawValue), &addressSpace)
    }
}

/// Lines read from a file descriptor, without buffering past what `read` returned.
struct LineReader {
    let fileDescriptor: Int32
    private var pending: [UInt8] = []

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The next line without its newline; nil at the end of the input.
    mutating func next() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let count = read(fileDescriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            pending += buffer[0..<count]
        }
    }
}

/// The child's end of the socket to its worker slot. Lines are read by the job's own thread only;
/// any thread may send.
final class WorkerChannel: EngineLender, @unchecked Sendable {
    private let socket: Int32
    private var lines: LineReader
    private let sending = NSLock()

    init(socket: Int32) {
        self.socket = socket
        lines = LineReader(fileDescriptor: socket)
    }

    func nextLine() -> String? { lines.next() }

    /// False when the worker is gone.
    func send(_ line: String) -> Bool {
        sending.withLock { JobChild.write(Array("\(line)\n".utf8), to: socket) }
    }

    func borrow() -> Bool {
        send("borrow") && lines.next() == "granted"
    }

    func giveBack() {
        _ = send("give-back")
    }

    func reading(page number: Int) {
        _ = send("reading \(number)")
    }

    func read(page number: Int) {
        _ = send("read \(number)")
    }
}
