import DocketExtract
import DocketModel
import DocketQueue
import DocketStore
import Foundation

/// Runs one claimed job to its end on the calling thread: reads the document, answers its
/// questions and completes the job with its results in one fenced transaction, or records why not.
/// The same code runs in a worker's own thread and in the child processes of `docket run-jobs`.
public enum JobExecution {
    /// `beforePage(number, total)` runs before each page is read; `shouldYield` is asked after
    /// each page whether to give the job back to the queue (a shutdown past its grace period).
    static func run(
        _ job: ClaimedJob, queue: JobQueue, processor: DocumentProcessor, lender: EngineLender? = nil,
        beforePage: @escaping (Int, Int) throws -> Void = { _, _ in }, shouldYield: () -> Bool = { false }
    ) throws -> JobOutcome {
        let started = Date()
        func outcome(_ state: JobState?, _ message: String) -> JobOutcome {
            JobOutcome(job, state, message, startedAt: started)
        }
        do {
            let result = try processor.process(job, lender: lender, beforePage: beforePage) { done, total in
                switch try queue.reportProgress(job, pagesDone: done, pagesTotal: total) {
                case .goOn: if shouldYield() { throw JobInterruption.shuttingDown }
                case .cancelRequested: throw JobInterruption.cancelled
                case .leaseLost: throw JobInterruption.leaseLost
                }
            }
            // A large document's pages are staged before the completing transaction, which then
            // holds the database's write lock only to copy them: seconds, where binding a large
            // text's millions of words took minutes and kept every other process waiting.
            let staged = try result.newPages.flatMap { pages in
                StagedPages.isWorthStaging(pages) ? try StageTimings.measure(.store) { try queue.store.stage(pages) } : nil
            }
            defer { if let staged { try? queue.store.discard(staged) } }
            let completed = try StageTimings.measure(.store) {
                try queue.complete(job) { results in
                    if let pages = result.newPages {
                        if let staged {
                            try results.replacePages(of: job.documentID, withStaged: staged)
                        } else {
                            try results.replacePages(of: job.documentID, with: pages)
                        }
                        try results.recordRun(of: job.documentID, job: job.id, seconds: result.seconds)
                    }
                    try results.insertAnswers(result.answers, of: job.documentID, job: job.id)
                    try results.replaceFields(of: job.documentID, job: job.id, type: result.type, fields: result.fields)
                    if let metadata = result.imageMetadata { try results.replaceImageMetadata(of: job.documentID, with: metadata) }
                    if let report = result.report { try results.replaceReport(of: job.documentID, job: job.id, json: report) }
                    try results.pairByAccessionNumber(job.documentID)
                }
            }
            return outcome(completed ? .succeeded : nil, completed ? "succeeded" : "lease lost; results discarded")
        } catch JobInterruption.leaseLost {
            return outcome(nil, "lease lost while reading; results discarded")
        } catch JobInterruption.cancelled {
            let acknowledged = try queue.acknowledgeCancel(job)
            return outcome(acknowledged ? .cancelled : nil, "cancelled")
        } catch JobInterruption.shuttingDown {
            let released = try queue.release(job)
            return outcome(released ? .queued : nil, "released at shutdown")
        } catch let error as ExtractError {
            return outcome(try queue.fail(job, error: error.description, permanent: error.isPermanent), error.description)
        } catch let error as StoreError {
            return outcome(try queue.fail(job, error: error.description, permanent: true), error.description)
        } catch {
            let message = "\(error)"
            return outcome(try queue.fail(job, error: message, permanent: false), message)
        }
    }
}
