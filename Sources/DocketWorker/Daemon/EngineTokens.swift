import Foundation

/// The worker's OCR engines, counted: `--concurrency` of them, each held by a slot running a job
/// or lent to a job child for a page.
final class EngineTokens: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: Int
    private var slotsWaiting = 0

    init(count: Int) {
        free = count
    }

    /// Waits for an engine; false, holding none, once `stopping` says so.
    func take(unless stopping: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        slotsWaiting += 1
        defer { slotsWaiting -= 1 }
        while free == 0 {
            if stopping() { return false }
            _ = condition.wait(until: Date().addingTimeInterval(0.1))
        }
        if stopping() { return false }
        free -= 1
        return true
    }

    /// An engine to lend, if one is free now and no slot waits for one: a slot's next job comes
    /// before another page of a job already running.
    func tryTake() -> Bool {
        condition.withLock {
            guard free > 0, slotsWaiting == 0 else { return false }
            free -= 1
            return true
        }
    }

    func giveBack(_ count: Int) {
        guard count > 0 else { return }
        condition.withLock {
            free += count
            condition.broadcast()
        }
    }
}
