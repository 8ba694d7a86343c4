import DocketStore
import Foundation

/// A `docket run-jobs` child process that runs the jobs one worker slot hands it, one at a time,
/// with its store connection, Tesseract engine and Poppler loaded once.
///
/// The slot and its child talk over a Unix socket that is the child's standard input: the slot
/// writes `JOB_ID LEASE_TOKEN\n`, the child runs the job and answers `done STATUS`
/// (`ChildJob.recordedExitCode` or `ChildJob.leaseLostExitCode`); in between it may ask to
/// borrow an idle engine for a page (`borrow`, answered `granted` or `refused`), give it back
/// (`give-back`), and say which pages it is reading (`reading N`, `read N`). A child that crashes, hangs or
/// grows past its memory limit is killed with the job it was on; the slot starts a new one for
/// its next job.
final class JobChild {
    let process: Process
    /// The slot's end of the socket.
    private let socket: Int32
    private var received: [UInt8] = []
    private(set) var jobsServed = 0

    private init(process: Process, socket: Int32) {
        self.process = process
        self.socket = socket
    }

    deinit { close(socket) }

    var processIdentifier: pid_t { process.processIdentifier }

    static func start(_ settings: ChildProcessSettings) throws -> JobChild {
        var ends: [Int32] = [0, 0]
        // Close-on-exec: a child started by another slot must not inherit this slot's end, or this
        // child would never see the end of its input when the worker goes.
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw JobChildError.couldNotStart(String(cString: strerror(errno)))
        }
        let childEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let process = Process()
        process.executableURL = settings.executable
        process.arguments = [
            "run-jobs", "--memory-limit", String(settings.memoryLimitMiB), "--parent", String(getpid()),
            "--retry-base", String(settings.retryBaseDelay),
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        // In the environment rather than the arguments: a PostgreSQL URL may hold a password,
        // and any user on the machine can read a process's arguments.
        environment["DOCKET_DB"] = settings.databasePath
        process.environment = environment
        process.standardInput = childEnd
        do {
            try process.run()
        } catch {
            close(ends[0])
            throw JobChildError.couldNotStart("\(settings.executable.path) run-jobs: \(error)")
        }
        try? childEnd.close()
        return JobChild(process: process, socket: ends[0])
    }

    /// Hands the child its next job; false when the child is gone.
    func send(_ job: ClaimedJob) -> Bool {
        jobsServed += 1
        return Self.write(Array("\(job.id) \(job.leaseToken)\n".utf8), to: socket)
    }

    enum Message: Equatable {
        /// The job ended in the child, which waits for the next one.
        case done(status: Int32)
        /// The child would read another page at once with an idle engine.
        case borrow
        /// The child has read the page it borrowed an engine for.
        case giveBack
        /// The child began reading this page.
        case reading(page: Int)
        /// The child finished reading this page.
        case read(page: Int)
        /// The child ended (crashed or was killed) without saying the job was done.
        case exited
    }

    /// The child's next message, waiting up to `timeout` seconds for it; nil while it is working.
    func message(within timeout: Double) -> Message? {
        if let line = takeLine() { return Self.parse(line) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else {
            if count < 0, errno == EINTR || errno == EAGAIN { return nil }
            return .exited
        }
        received += buffer[0..<count]
        return takeLine().map(Self.parse)
    }

    /// Stops the child at once and waits until it has exited.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Asks an idle child to exit by ending its input; kills it if it has not within `patience` seconds.
    func retire(patience: Double = 5) {
        shutdown(socket, Int32(SHUT_WR))
        let deadline = Date().addingTimeInterval(patience)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill()
    }

    private func takeLine() -> String? {
        guard let newline = received.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = String(decoding: received[..<newline], as: UTF8.self)
        received.removeSubrange(...newline)
        return line
    }

    private static func parse(_ line: String) -> Message {
        switch line {
        case "borrow": return .borrow
        case "give-back": return .giveBack
        default:
            if line.hasPrefix("reading "), let page = Int(line.dropFirst("reading ".count)) { return .reading(page: page) }
            if line.hasPrefix("read "), let page = Int(line.dropFirst("read ".count)) { return .read(page: page) }
            guard line.hasPrefix("done "), let status = Int32(line.dropFirst("done ".count)) else { return .exited }
            return .done(status: status)
        }
    }

    /// Answers a child's `borrow`; false when the child is gone.
    func answerBorrow(granted: Bool) -> Bool {
        Self.write(Array((granted ? "granted\n" : "refused\n").utf8), to: socket)
    }

    /// Writes all of `bytes`; false when the other end is gone. MSG_NOSIGNAL: a peer that has
    /// exited must not end this process with SIGPIPE.
    static func write(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

enum JobChildError: Error, CustomStringConvertible {
    case couldNotStart(String)

    var description: String {
        switch self {
        case .couldNotStart(let reason): "could not start a job child: \(reason)"
        }
    }
}

/// The job child of one worker slot: started for the slot's first job, kept for the next ones,
/// and replaced after it ended with a job (crashed or was killed), after `jobsPerChild` jobs, or
/// when between jobs it holds more than `recycleMemoryMiB` of memory.
final class SlotChild {
    let settings: ChildProcessSettings
    private let logProblem: @Sendable (String) -> Void
    private var current: JobChild?

    init(settings: ChildProcessSettings, logProblem: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.logProblem = logProblem
    }

    /// The running child, started now if there is none.
    func child() throws -> JobChild {
        if let current, current.process.isRunning { return current }
        current?.kill()
        let started = try JobChild.start(settings)
        current = started
        return started
    }

    /// Forgets a child that has exited or been killed with its job.
    func discard() {
        current?.kill()
        current = nil
    }

    /// After a job the child answered: retires it when it has served its number of jobs or holds too much memory.
    func jobEnded() {
        guard let current else { return }
        let resident = ProcessMemory.mebibytes(of: current.processIdentifier)
        let reason: String
        if current.jobsServed >= settings.jobsPerChild {
            reason = "it has run \(current.jobsServed) jobs"
        } else if let resident, resident > settings.recycleMemoryMiB {
            reason = "it holds \(resident) MiB between jobs, more than \(settings.recycleMemoryMiB) MiB"
        } else {
            return
        }
        logProblem("replacing job child \(current.processIdentifier): \(reason)")
        current.retire()
        self.current = nil
    }

    /// Lets the child exit at the slot's end.
    func close() {
        current?.retire()
        current = nil
    }
}

enum ProcessMemory {
    /// Resident memory from /proc/PID/statm (its second field, in pages).
    static func mebibytes(of pid: pid_t) -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .ascii) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }
}
