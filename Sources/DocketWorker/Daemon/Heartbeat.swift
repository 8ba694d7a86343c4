import DocketQueue
import DocketStore
import Dispatch
import Foundation
import Synchronization

/// Renews a job's lease every third of the lease while the job runs, so that only a worker that
/// stopped (crashed, killed, hung past its lease) lets the job become claimable again.
///
/// Renewals go over the worker thread's own connection and wait at most a sixth of the lease for
/// the write lock; one that did not get it (another process is writing a large result) is tried
/// again every twelfth of the lease. The lease counts as lost when another worker holds the job,
/// or when it could not be renewed for a whole lease: another worker may claim the job by then.
final class Heartbeat {
    enum Status: Sendable, Equatable {
        /// The lease is held; the job's page count once it reported one.
        case held(pagesTotal: Int?)
        case lost(reason: String)
    }

    private struct Renewal {
        var status = Status.held(pagesTotal: nil)
        /// Uptime at the start of the last renewal that succeeded (the lease runs from then).
        var renewedAt: Double
        var nextAttemptAt: Double

        var isLost: Bool {
            if case .lost = status { true } else { false }
        }
    }

    /// The renewal's state, shared with the timer's handler.
    private final class Shared: Sendable {
        let renewal: Mutex<Renewal>
        init(_ renewal: Renewal) { self.renewal = Mutex(renewal) }
    }

    private let shared: Shared
    private let timer: any DispatchSourceTimer

    init(renewer: LeaseRenewer, job: ClaimedJob, lease: Double, log: @escaping @Sendable (String) -> Void) {
        let now = Self.uptime()
        let shared = Shared(Renewal(renewedAt: now, nextAttemptAt: now + lease / 3))
        self.shared = shared
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "docket.heartbeat.\(job.id)"))
        timer.schedule(deadline: .now() + lease / 12, repeating: lease / 12)
        timer.setEventHandler {
            let started = Self.uptime()
            guard shared.renewal.withLock({ !$0.isLost && started >= $0.nextAttemptAt }) else { return }
            do {
                if let progress = try renewer.renew(job, lease: lease) {
                    shared.renewal.withLock { $0 = Renewal(status: .held(pagesTotal: progress.pagesTotal), renewedAt: started,
                                                    nextAttemptAt: started + lease / 3) }
                } else {
                    shared.renewal.withLock { $0.status = .lost(reason: "another worker holds the job now") }
                }
            } catch {
                let unrenewedFor = Self.uptime() - shared.renewal.withLock { $0.renewedAt }
                if unrenewedFor >= lease {
                    shared.renewal.withLock {
                        $0.status = .lost(reason: "it could not be renewed for \(Int(unrenewedFor)) s (\(StoreTrouble.describe(error)))")
                    }
                } else {
                    log("job \(job.id): could not renew its lease (\(StoreTrouble.describe(error))); trying again, \(Int(lease - unrenewedFor)) s before it runs out")
                    shared.renewal.withLock { $0.nextAttemptAt = Self.uptime() }
                }
            }
        }
        timer.resume()
    }

    var status: Status { shared.renewal.withLock { $0.status } }

    func stop() {
        timer.cancel()
    }

    private static func uptime() -> Double { ProcessInfo.processInfo.systemUptime }
}
