import DocketModel
import Foundation
import PostgresNIO

extension PostgresStore {
    public func enqueue(_ documents: [DocumentToQueue], options: SubmitOptions) throws -> [SubmitReceipt] {
        throw Self.unimplemented(#function)
    }

    public func claimJob(worker: String, lease: Double, leaseToken: String) throws -> ClaimedJob? {
        throw Self.unimplemented(#function)
    }

    public func claimedJob(_ id: Int64, leaseToken: String) throws -> ClaimedJob? {
        throw Self.unimplemented(#function)
    }

    public func renewLease(_ job: ClaimedJob, lease: Double) throws -> JobProgress? {
        throw Self.unimplemented(#function)
    }

    public func openLeaseConnection(lockWait: Double) throws -> any LeaseConnection {
        throw Self.unimplemented(#function)
    }

    public func recordProgress(_ job: ClaimedJob, pagesDone: Int, pagesTotal: Int) throws -> ProgressVerdict {
        throw Self.unimplemented(#function)
    }

    public func progress(ofJob id: Int64) throws -> JobProgress? {
        throw Self.unimplemented(#function)
    }

    public func completeJob(_ job: ClaimedJob, writeResults: (any ResultWriter) throws -> Void) throws -> Bool {
        throw Self.unimplemented(#function)
    }

    public func endFailedAttempt(_ job: ClaimedJob, error message: String, leaving next: JobState, retryDelay: Double, outcome: String?) throws -> JobState? {
        throw Self.unimplemented(#function)
    }

    public func addToExpiredAttempt(_ job: ClaimedJob, reason: String) throws {
        throw Self.unimplemented(#function)
    }

    public func recordedOutcome(of job: ClaimedJob) throws -> String? {
        throw Self.unimplemented(#function)
    }

    public func releaseJob(_ job: ClaimedJob) throws -> Bool {
        throw Self.unimplemented(#function)
    }

    public func endCancelledJob(_ job: ClaimedJob) throws -> Bool {
        throw Self.unimplemented(#function)
    }

    public func cancelJob(_ id: Int64) throws -> JobState {
        throw Self.unimplemented(#function)
    }

    public func retryJob(_ id: Int64) throws {
        throw Self.unimplemented(#function)
    }

    public func pruneJobs(finishedBefore cutoff: Double) throws -> Int {
        throw Self.unimplemented(#function)
    }

    public func job(_ id: Int64) throws -> JobRecord {
        throw Self.unimplemented(#function)
    }

    public func jobs(state: JobState?, limit: Int) throws -> [JobRecord] {
        throw Self.unimplemented(#function)
    }

    public func lastJobError(ofDocument id: Int64) throws -> String? {
        throw Self.unimplemented(#function)
    }

    public func jobCounts() throws -> [JobState: Int] {
        throw Self.unimplemented(#function)
    }

    public func hasNoUnfinishedJobs() throws -> Bool {
        throw Self.unimplemented(#function)
    }

    public func secondsUntilNextRunnableJob() throws -> Double? {
        throw Self.unimplemented(#function)
    }

    public func queueStats(now: Double) throws -> QueueStats {
        throw Self.unimplemented(#function)
    }

    public func waitForSubmit(seconds: Double) -> Bool {
        submitListener.wait(seconds: seconds)
    }
}
