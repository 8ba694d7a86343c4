import DocketQueue
import DocketStore
import Foundation

/// Runs one job as `docket run-job` in a child process and watches it: renews the lease, kills
/// the child when it runs past its time, grows past its memory limit, or outlives the worker's
/// shutdown grace, and records a crash with the signal and the page it happened on.
struct ChildSupervision {
    let worker: Worker
    let job: ClaimedJob
    let settings: ChildProcessSettings

    /// Why the worker killed its child.
    private enum Kill {
        case timedOut(seconds: Double)
        case memory(residentMiB: Int)
        case shutdown
        case leaseLost
    }

    private static let watchInterval = 0.05

    func run() throws -> JobOutcome {
        let queue = worker.queue
        let started = Date()
        let child = Process()
        child.executableURL = settings.executable
        child.arguments = [
            "run-job", String(job.id), "--lease-token", job.leaseToken, "--db", settings.databasePath,
            "--memory-limit", String(settings.memoryLimitMiB), "--parent", String(getpid()),
            "--retry-base", String(settings.retryBaseDelay),
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        child.environment = environment
        child.standardInput = FileHandle.nullDevice
        do {
            try child.run()
        } catch {
            let message = "could not start \(settings.executable.path) run-job: \(error)"
            return outcome(try queue.fail(job, error: message, permanent: false), message, started)
        }

        var kill: Kill?
        var lastHeartbeat = Date()
        var pagesTotal: Int?
        while child.isRunning {
            Thread.sleep(forTimeInterval: Self.watchInterval)
            guard child.isRunning, kill == nil else { continue }
            if Date().timeIntervalSince(lastHeartbeat) >= worker.configuration.lease / 3 {
                lastHeartbeat = Date()
                if let progress = try queue.heartbeat(job, lease: worker.configuration.lease) {
                    pagesTotal = progress.pagesTotal
                } else {
                    kill = .leaseLost
                }
            }
            let timeout = max(settings.timeout, settings.timeoutPerPage * Double(pagesTotal ?? 0))
            if kill == nil, Date().timeIntervalSince(started) > timeout { kill = .timedOut(seconds: timeout) }
            if kill == nil, let resident = Self.residentMiB(of: child.processIdentifier), resident > settings.memoryLimitMiB {
                kill = .memory(residentMiB: resident)
            }
            if kill == nil, worker.isPastGrace { kill = .shutdown }
            if kill != nil { Foundation.kill(child.processIdentifier, SIGKILL) }
        }
        child.waitUntilExit()

        let progress = try queue.progress(of: job.id)
        let place = Self.place(progress)
        switch kill {
        case .timedOut(let seconds):
            let message = "timed out after \(Int(seconds)) s \(place)"
            return outcome(try queue.fail(job, error: message, permanent: false), message, started)
        case .memory(let resident):
            let message = "stopped \(place): it used \(resident) MiB, more than its memory limit of \(settings.memoryLimitMiB) MiB"
            return outcome(try queue.fail(job, error: message, permanent: false), message, started)
        case .shutdown:
            let released = try queue.release(job)
            return outcome(released ? .queued : nil, "released at shutdown \(place)", started)
        case .leaseLost:
            return outcome(nil, "lease lost; the child was stopped and its results discarded", started)
        case nil:
            break
        }
        switch (child.terminationReason, child.terminationStatus) {
        case (.exit, ChildJob.recordedExitCode):
            let record = try queue.job(job.id)
            return outcome(record.state, record.state == .succeeded ? "succeeded" : record.lastError ?? record.state.rawValue, started)
        case (.exit, ChildJob.leaseLostExitCode):
            return outcome(nil, "lease lost; results discarded", started)
        case (.uncaughtSignal, let signal):
            let message = "crashed with \(Self.signalName(signal)) \(place)"
            return outcome(try queue.fail(job, error: message, permanent: false), message, started)
        case (_, let status):
            let message = "run-job exited with status \(status) \(place); see the worker's log"
            return outcome(try queue.fail(job, error: message, permanent: false), message, started)
        }
    }

    private func outcome(_ state: JobState?, _ message: String, _ started: Date) -> JobOutcome {
        JobOutcome(job, state, message, startedAt: started)
    }

    /// "while reading page 3 of 5", or "while opening the document" before any page.
    private static func place(_ progress: JobProgress?) -> String {
        guard let progress, let total = progress.pagesTotal else { return "while opening the document" }
        return progress.pagesDone >= total ? "after reading all \(total) pages" : "while reading page \(progress.pagesDone + 1) of \(total)"
    }

    /// Resident memory from /proc/PID/statm (its second field, in pages).
    private static func residentMiB(of pid: pid_t) -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .ascii) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGILL: "SIGILL",
            SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGTRAP: "SIGTRAP", SIGXCPU: "SIGXCPU",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
