import DocketModel
import DocketQueue

/// How one attempt at a job ended, for the worker's log.
public struct JobOutcome: Sendable {
    public var jobID: Int64
    public var documentID: Int64
    public var state: JobState?
    public var message: String
    public var seconds: Double
}
