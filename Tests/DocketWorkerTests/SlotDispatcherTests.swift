@testable import DocketStore
@testable import DocketWorker
import Foundation
import Synchronization
import Testing

private func fakeJob(_ id: Int64) -> ClaimedJob {
    ClaimedJob(id: id, documentID: id, leaseToken: "token-\(id)", worker: "w", claimedAt: 0, attempt: 1, maxAttempts: 3, password: nil,
               questions: [])
}

@Suite struct SlotDispatcherTests {
    @Test func jobsOneClaimTookForSeveralSlotsGoToTheNextSlotsWithoutAnotherClaim() throws {
        let dispatcher = SlotDispatcher()
        let claims = Mutex<[Int]>([])
        func claim(_ wanted: Int) -> [ClaimedJob] {
            claims.withLock { $0.append(wanted) }
            return [fakeJob(1), fakeJob(2), fakeJob(3)]
        }
        #expect(try dispatcher.nextJob(claim: claim)?.id == 1)
        #expect(try dispatcher.nextJob(claim: claim)?.id == 2)
        #expect(try dispatcher.nextJob(claim: claim)?.id == 3)
        #expect(claims.withLock { $0 } == [1])
        #expect(dispatcher.takeUnclaimed().isEmpty)
    }

    @Test func jobsNoSlotTookAreHandedBackForTheWorkerToRelease() throws {
        let dispatcher = SlotDispatcher()
        _ = try dispatcher.nextJob { _ in [fakeJob(1), fakeJob(2), fakeJob(3)] }
        #expect(dispatcher.takeUnclaimed().map(\.id) == [2, 3])
        #expect(try dispatcher.nextJob { _ in [] } == nil)
    }

    @Test func aFailedClaimReachesTheSlotThatMadeItAndTheNextSlotClaimsAgain() throws {
        struct Refused: Error {}
        let dispatcher = SlotDispatcher()
        #expect(throws: Refused.self) { try dispatcher.nextJob { _ in throw Refused() } }
        #expect(try dispatcher.nextJob { _ in [fakeJob(7)] }?.id == 7)
    }

    @Test func slotsClaimingAtOnceGetEveryJobExactlyOnce() throws {
        let dispatcher = SlotDispatcher()
        let remaining = Mutex<[Int64]>(Array(1...500))
        let handed = Mutex<[Int64]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            while let job = try? dispatcher.nextJob(claim: { wanted in
                remaining.withLock { ids in
                    let taken = Array(ids.prefix(wanted))
                    ids.removeFirst(taken.count)
                    return taken.map(fakeJob)
                }
            }) {
                handed.withLock { $0.append(job.id) }
            }
        }
        let leftovers = dispatcher.takeUnclaimed().map(\.id)
        #expect((handed.withLock { $0 } + leftovers).sorted() == Array(1...500))
    }
}
