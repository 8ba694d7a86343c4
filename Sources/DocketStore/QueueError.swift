/// Operator actions the queue refuses, with what to do instead.
public enum QueueError: Error, Equatable, Sendable {
    case alreadyFinished(job: Int64, state: JobState)
    case notRetryable(job: Int64, state: JobState)
}

extension QueueError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .alreadyFinished(let job, let state):
            "Job \(job) has already finished (\(state.rawValue)); there is nothing to cancel."
        case .notRetryable(let job, let state):
            "Job \(job) is \(state.rawValue); only failed, dead or cancelled jobs can be retried."
        }
    }
}
