import DocketQueue
import DocketStore
import Foundation

/// Runs one job as `docket run-job` in a child process and watches it: renews the lease, kills
/// the child when it runs past its time, grows past its memory limit, outlives the worker's
/// shutdown grace or loses its lease, and records a crash with the signal and the page it
/// happened on. It does not throw: the child has always ended before it returns, and the
/// attempt's end is recorded unless the database refused it for longer than the lease (then the
/// job's lease expires and the next claim records it).
struct ChildSupervision {
    let worker: Worker
    let job: ClaimedJob
    let settings: ChildProcessSettings
    let renewer: LeaseRenewer

    /// Why the worker killed its child.
    private enum Kill {
        case timedOut(seconds: Double)
        case memory(residentMiB: Int)
        case shutdown
        case leaseLost(reason: String)
    }

    private static let watchInterval = 0.05

    private var lease: Double { worker.configuration.lease }

    func run() -> JobOutcome {
        let started = Date()
        let child = Process()
        child.executableURL = settings.executable
        child.arguments = [
            "run-job", String(job.id), "--lease-token", job.leaseToken,
            "--memory-limit", String(settings.memoryLimitMiB), "--parent", String(getpid()),
            "--retry-base", String(settings.retryBaseDelay),
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        // In the environment rather than the arguments: a PostgreSQL URL may hold a password,
        // and any user on the machine can read a process's arguments.
        environment["DOCKET_DB"] = settings.databasePath
        child.environment = environment
        child.standardInput = FileHandle.nullDevice
        do {
            try child.run()
        } catch {
            let message = "could not start \(settings.executable.path) run-job: \(error)"
            return record(message, started) { try $0.fail(job, error: message, permanent: false) }
        }

        let heartbeat = Heartbeat(renewer: renewer, job: job, lease: lease, log: worker.logProblem)
        let kill = watch(child, heartbeat: heartbeat, started: started)
        heartbeat.stop()
        return recordEnd(of: child, kill: kill, started: started)
    }

    /// Returns once the child has exited, having killed it when it had to stop.
    private func watch(_ child: Process, heartbeat: Heartbeat, started: Date) -> Kill? {
        var kill: Kill?
        while child.isRunning {
            Thread.sleep(forTimeInterval: Self.watchInterval)
            guard child.isRunning, kill == nil else { continue }
            kill = reasonToStop(child, heartbeat: heartbeat, started: started)
            if let kill {
                Foundation.kill(child.processIdentifier, SIGKILL)
                if case .leaseLost(let reason) = kill { worker.logProblem("job \(job.id) lost its lease (\(reason)); its child was stopped") }
            }
        }
        child.waitUntilExit()
        return kill
    }

    private func reasonToStop(_ child: Process, heartbeat: Heartbeat, started: Date) -> Kill? {
        var pagesTotal: Int?
        switch heartbeat.status {
        case .lost(let reason):
            // A child that recorded its attempt's end gave up the lease itself, and is exiting.
            if let outcome = try? worker.queue.recordedOutcome(of: job), outcome != "lease-expired" { return nil }
            return .leaseLost(reason: reason)
        case .held(let total):
            pagesTotal = total
        }
        let timeout = max(settings.timeout, settings.timeoutPerPage * Double(pagesTotal ?? 0))
        if Date().timeIntervalSince(started) > timeout { return .timedOut(seconds: timeout) }
        if let resident = Self.residentMiB(of: child.processIdentifier), resident > settings.memoryLimitMiB {
            return .memory(residentMiB: resident)
        }
        return worker.isPastGrace ? .shutdown : nil
    }

    private func recordEnd(of child: Process, kill: Kill?, started: Date) -> JobOutcome {
        let place = Self.place(try? worker.queue.progress(of: job.id))
        switch kill {
        case .timedOut(let seconds):
            let message = "timed out after \(Int(seconds)) s \(place)"
            return record(message, started) { try $0.fail(job, error: message, permanent: false) }
        case .memory(let resident):
            let message = "stopped \(place): it used \(resident) MiB, more than its memory limit of \(settings.memoryLimitMiB) MiB"
            return record(message, started) { try $0.fail(job, error: message, permanent: false) }
        case .shutdown:
            return record("released at shutdown \(place)", started) { queue in try queue.release(job) ? .queued : nil }
        case .leaseLost(let reason):
            let message = "lost its lease \(place): \(reason); the child was stopped and its results discarded"
            return record(message, started) { try $0.recordLostLease(job, reason: message) }
        case nil:
            break
        }
        switch (child.terminationReason, child.terminationStatus) {
        case (.exit, ChildJob.recordedExitCode):
            switch persistently(patience: patience, { try worker.queue.job(job.id) }) {
            case .success(let record):
                return outcome(record.state, record.state == .succeeded ? "succeeded" : record.lastError ?? record.state.rawValue, started)
            case .failure(let error):
                return outcome(nil, "the child recorded the job's end, which could not be read back: \(StoreTrouble.describe(error))", started)
            }
        case (.exit, ChildJob.leaseLostExitCode):
            return outcome(nil, "lease lost; results discarded", started)
        case (.uncaughtSignal, let signal):
            let message = "crashed with \(Self.signalName(signal)) \(place)"
            return record(message, started) { try $0.fail(job, error: message, permanent: false) }
        case (_, let status):
            let message = "run-job exited with status \(status) \(place); see the worker's log"
            return record(message, started) { try $0.fail(job, error: message, permanent: false) }
        }
    }

    /// How long the attempt's end is tried to be recorded before the job is left to its lease.
    private var patience: Double { max(lease, 60) }

    /// Records the attempt's end with `write`, trying again while the database is locked.
    private func record(_ message: String, _ started: Date, _ write: (JobQueue) throws -> JobState?) -> JobOutcome {
        switch persistently(patience: patience, { try write(worker.queue) }) {
        case .success(let state):
            return outcome(state, message, started)
        case .failure(let error):
            return outcome(nil, "\(message); this could not be recorded (\(StoreTrouble.describe(error))), so the job runs again once its lease expires", started)
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
