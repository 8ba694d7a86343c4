import DocketStore
import Foundation

/// Hands claimed jobs to the worker's slots. The first idle slot to ask claims for every slot idle
/// at that moment, in one claim; the others take their jobs from it instead of each claiming alone.
public final class SlotDispatcher: @unchecked Sendable {
    // Every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var idleSlots = 0
    private var claiming = false
    /// How many claims have ended: a slot that waited through one that left it nothing stops waiting
    /// when that claim found fewer jobs than it asked for, and claims again when it did not.
    private var claimsEnded = 0
    private var lastClaimCameBackShort = false
    private var unclaimed: [ClaimedJob] = []

    public init() {}

    /// A job for the calling slot, claimed with `claim(n)` for the `n` slots idle now, or taken from
    /// another slot's claim; nil when the claim this slot waited on, or made, found fewer jobs than it asked for.
    public func nextJob(claim: (Int) throws -> [ClaimedJob]) throws -> ClaimedJob? {
        condition.lock()
        defer { condition.unlock() }
        idleSlots += 1
        defer { idleSlots -= 1 }
        var claimsEndedBefore = claimsEnded
        while true {
            if !unclaimed.isEmpty { return unclaimed.removeFirst() }
            if claimsEnded != claimsEndedBefore {
                // A slot that became idle during a claim was not counted in it; the queue may hold more.
                if lastClaimCameBackShort { return nil }
                claimsEndedBefore = claimsEnded
                continue
            }
            if claiming {
                condition.wait()
                continue
            }
            claiming = true
            let wanted = idleSlots
            condition.unlock()
            let result = Result { try claim(wanted) }
            condition.lock()
            claiming = false
            claimsEnded += 1
            lastClaimCameBackShort = (try? result.get().count < wanted) ?? true
            condition.broadcast()
            let jobs = try result.get()
            unclaimed += jobs.dropFirst()
            return jobs.first
        }
    }

    /// Jobs claimed for slots that stopped before taking them: the worker gives them back.
    public func takeUnclaimed() -> [ClaimedJob] {
        condition.lock()
        defer { condition.unlock() }
        defer { unclaimed.removeAll() }
        return unclaimed
    }
}
