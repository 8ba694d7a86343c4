import DocketStore
import Foundation

/// Group commit for the completions of one process's slots. A slot that completes a job while no
/// completion is being committed commits its own at once, with every completion that arrived
/// while the previous commit ran; the others wait for that commit and take their outcomes from it.
/// Nothing waits for a batch to fill: a lone completion commits as soon as it arrives.
final class CompletionGroup: @unchecked Sendable {
    private final class Waiting {
        /// Cleared, with the store's hold on it, before `outcome` is set: the slot's closure must
        /// not outlive the slot's call.
        var completion: JobCompletion?
        var outcome: Result<Bool, any Error>?

        init(_ completion: JobCompletion) { self.completion = completion }
    }

    // Every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var waiting: [Waiting] = []
    private var committing = false

    func complete(
        _ job: ClaimedJob, writeResults: (any ResultWriter) throws -> Void, in store: any Store
    ) throws -> Bool {
        try withoutActuallyEscaping(writeResults) { writeResults in
            let mine = Waiting(JobCompletion(job: job, writeResults: writeResults))
            condition.lock()
            defer { condition.unlock() }
            waiting.append(mine)
            while mine.outcome == nil {
                if committing {
                    condition.wait()
                    continue
                }
                committing = true
                let batch = waiting
                waiting.removeAll()
                condition.unlock()
                let outcomes = Self.commit(batch, in: store)
                condition.lock()
                for (waiter, outcome) in zip(batch, outcomes) { waiter.outcome = outcome }
                committing = false
                condition.broadcast()
            }
            return try mine.outcome!.get()
        }
    }

    private static func commit(_ batch: [Waiting], in store: any Store) -> [Result<Bool, any Error>] {
        let outcomes = store.completeJobs(batch.map { $0.completion! })
        for waiter in batch { waiter.completion = nil }
        return outcomes
    }
}
