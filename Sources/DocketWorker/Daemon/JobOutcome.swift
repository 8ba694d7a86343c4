import DocketQueue
import Foundation

/// How one attempt at a job ended, for the worker's log.
public struct JobOutcome: Sendable {
    public var jobID: Int64
    public var documentID: Int64
    public var state: JobState?
    public var message: String
    public var seconds: Double
}

extension JobOutcome {
    init(_ job: ClaimedJob, _ state: JobState?, _ message: String, startedAt started: Date) {
        self.init(jobID: job.id, documentID: job.documentID, state: state, message: message,
                  seconds: Date().timeIntervalSince(started))
    }
}
