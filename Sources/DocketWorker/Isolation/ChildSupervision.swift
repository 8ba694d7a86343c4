import DocketQueue
import DocketStore
import Foundation

/// Runs one job in its slot's `docket run-jobs` child and watches it: renews the lease, kills
/// the child when it runs past its time, grows past its memory limit, outlives the worker's
/// shutdown grace or loses its lease, and records a crash with the signal and the page it
/// happened on. It does not throw: the job has always ended (or its child been killed) before it
/// returns, and the attempt's end is recorded unless the database refused it for longer than the
/// lease (then the job's lease expires and the next claim records it).
struct ChildSupervision {
    let worker: Worker
    let job: ClaimedJob
    let slot: SlotChild
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
    private var settings: ChildProcessSettings { slot.settings }

    func run() -> JobOutcome {
        let started = Date()
        let child: JobChild
        switch handOver(job) {
        case .success(let taken): child = taken
        case .failure(let failure):
            let message = failure.message
            return record(message, started) { try $0.fail(job, error: message, permanent: false) }
        }
        let heartbeat = Heartbeat(renewer: renewer, job: job, lease: lease, log: worker.logProblem)
        let (ending, kill, pagesInHand) = watch(child, heartbeat: heartbeat, started: started)
        heartbeat.stop()
        if kill != nil || ending == .exited { slot.discard() }
        let outcome = recordEnd(of: child, ending: ending, kill: kill, pagesInHand: pagesInHand, started: started)
        if kill == nil, ending != .exited { slot.jobEnded() }
        return outcome
    }

    private struct HandOverFailure: Error { let message: String }

    /// The slot's child, having taken the job. A child that exited while idle is replaced once:
    /// that is no fault of this job's.
    private func handOver(_ job: ClaimedJob) -> Result<JobChild, HandOverFailure> {
        var lastExit = ""
        for _ in 1...2 {
            let child: JobChild
            do {
                child = try slot.child()
            } catch {
                return .failure(HandOverFailure(message: "\(error)"))
            }
            if child.send(job) { return .success(child) }
            slot.discard()
            lastExit = Self.exitDescription(child.process)
        }
        return .failure(HandOverFailure(message: "its job child exited before it took the job (\(lastExit)); see the worker's log"))
    }

    /// Returns once the child has said the job is done or has exited, having killed it when it had
    /// to stop, with the pages it was reading then; lends it the worker's idle engines meanwhile,
    /// and takes back any it still holds.
    private func watch(_ child: JobChild, heartbeat: Heartbeat, started: Date) -> (JobChild.Message, Kill?, pagesInHand: Set<Int>) {
        var kill: Kill?
        var lent = 0
        var pagesInHand = Set<Int>()
        defer { worker.engines.giveBack(lent) }
        while true {
            switch child.message(within: Self.watchInterval) {
            case .reading(let page)?:
                pagesInHand.insert(page)
                continue
            case .read(let page)?:
                pagesInHand.remove(page)
                continue
            case .borrow?:
                let granted = kill == nil && worker.engines.tryTake()
                if granted { lent += 1 }
                _ = child.answerBorrow(granted: granted)
                continue
            case .giveBack?:
                if lent > 0 {
                    lent -= 1
                    worker.engines.giveBack(1)
                }
                continue
            case let ending?:
                return (ending, kill, pagesInHand)
            case nil:
                break
            }
            guard kill == nil else { continue }
            kill = reasonToStop(child.process, heartbeat: heartbeat, started: started)
            if let kill {
                child.kill()
                if case .leaseLost(let reason) = kill { worker.logProblem("job \(job.id) lost its lease (\(reason)); its child was stopped") }
            }
        }
    }

    private func reasonToStop(_ child: Process, heartbeat: Heartbeat, started: Date) -> Kill? {
        var pagesTotal: Int?
        switch heartbeat.status {
        case .lost(let reason):
            // A child that recorded its attempt's end gave up the lease itself, and is answering.
            if let outcome = try? worker.queue.recordedOutcome(of: job), outcome != "lease-expired" { return nil }
            return .leaseLost(reason: reason)
        case .held(let total):
            pagesTotal = total
        }
        let timeout = max(settings.timeout, settings.timeoutPerPage * Double(pagesTotal ?? 0))
        if Date().timeIntervalSince(started) > timeout { return .timedOut(seconds: timeout) }
        if let resident = ProcessMemory.mebibytes(of: child.processIdentifier), resident > settings.memoryLimitMiB {
            return .memory(residentMiB: resident)
        }
        return worker.isPastGrace ? .shutdown : nil
    }

    private func recordEnd(of child: JobChild, ending: JobChild.Message, kill: Kill?, pagesInHand: Set<Int>, started: Date) -> JobOutcome {
        let place = Self.place(pagesInHand.sorted(), try? worker.queue.progress(of: job.id))
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
        switch ending {
        case .done(ChildJob.recordedExitCode):
            switch persistently(patience: patience, { try worker.queue.job(job.id) }) {
            case .success(let record):
                return outcome(record.state, record.state == .succeeded ? "succeeded" : record.lastError ?? record.state.rawValue, started)
            case .failure(let error):
                return outcome(nil, "the child recorded the job's end, which could not be read back: \(StoreTrouble.describe(error))", started)
            }
        case .done, .borrow, .giveBack, .reading, .read:
            return outcome(nil, "lease lost; results discarded", started)
        case .exited:
            child.process.waitUntilExit()
            if child.process.terminationReason == .uncaughtSignal {
                let message = "crashed with \(SignalName.of(child.process.terminationStatus)) \(place)"
                return record(message, started) { try $0.fail(job, error: message, permanent: false) }
            }
            let message = "run-jobs exited with status \(child.process.terminationStatus) \(place); see the worker's log"
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

    /// "while reading page 3 of 5" (or "pages 3 and 4 of 5", read at once), or "while opening the
    /// document" before any page.
    private static func place(_ pagesInHand: [Int], _ progress: JobProgress?) -> String {
        guard let progress, let total = progress.pagesTotal else { return "while opening the document" }
        if let last = pagesInHand.last {
            guard pagesInHand.count > 1 else { return "while reading page \(last) of \(total)" }
            return "while reading pages \(pagesInHand.dropLast().map(String.init).joined(separator: ", ")) and \(last) of \(total)"
        }
        return progress.pagesDone >= total ? "after reading all \(total) pages" : "while reading page \(progress.pagesDone + 1) of \(total)"
    }

    private static func exitDescription(_ process: Process) -> String {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? "killed by \(SignalName.of(process.terminationStatus))" : "status \(process.terminationStatus)"
    }
}
