import DocketQueue
import Dispatch

/// Renews a job's lease every third of the lease while the job runs, so that only a worker that
/// stopped (crashed, killed, hung past its lease) lets the job become claimable again.
final class Heartbeat {
    private let timer: any DispatchSourceTimer

    init(queue: JobQueue, job: ClaimedJob, lease: Double) {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "docket.heartbeat.\(job.id)"))
        let interval = lease / 3
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler {
            // A failed renewal is not fatal here: the completion is fenced by the lease token, so a
            // worker that lost its lease finds out when it tries to write and writes nothing.
            _ = try? queue.extendLease(job, by: lease)
        }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        timer.cancel()
    }
}
