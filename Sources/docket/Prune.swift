import ArgumentParser
import DocketQueue
import DocketStore

struct Prune: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete finished jobs, and delivered webhook events, older than an age. Documents and their results stay.",
        discussion: "EXAMPLES\n  docket prune --older-than 30d\n  docket prune --older-than 12h")

    @OptionGroup var store: StoreOptions
    @Option(help: "Age: a number with s, m, h or d, e.g. 30d.", transform: Duration.parse) var olderThan: Double

    func run() throws {
        let queue = try store.openQueue()
        let removed = try queue.prune(finishedBefore: queue.store.clock.now() - olderThan)
        let events = try withExitCodes { try queue.store.pruneWebhookEvents(deliveredBefore: queue.store.clock.now() - olderThan) }
        print("removed \(removed) finished job\(removed == 1 ? "" : "s") and \(events) delivered webhook event\(events == 1 ? "" : "s")")
    }
}

enum Duration {
    /// "90s", "15m", "12h", "30d" -> seconds.
    static func parse(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = Double(text.dropLast()), amount >= 0 else {
            throw ValidationError("'\(text)' is not an age; write a number and a unit: 90s, 15m, 12h, 30d.")
        }
        return amount * unit
    }
}
