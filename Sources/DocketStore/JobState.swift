/// Where a job is in its life. See Migrations/0001_initial.sql for the transitions.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case queued, running, succeeded, failed, dead, cancelled

    public var isFinished: Bool { self == .succeeded || self == .failed || self == .dead || self == .cancelled }
}
