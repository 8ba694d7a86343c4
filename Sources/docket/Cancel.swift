import ArgumentParser
import DocketQueue

struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cancel a job: a queued one at once, a running one when it finishes its current page.",
        discussion: "EXAMPLE\n  docket cancel 12")

    @OptionGroup var store: StoreOptions
    @Argument(help: "Job id.") var job: Int64

    func run() throws {
        let queue = try store.openQueue()
        let state = try withExitCodes { try queue.cancel(job) }
        print(state == .cancelled ? "job \(job) cancelled" : "job \(job) is running; it stops at its next page")
    }
}

struct Retry: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Queue a failed, dead or cancelled job again, with its attempts reset.",
        discussion: "EXAMPLE\n  docket jobs --state dead\n  docket retry 12")

    @OptionGroup var store: StoreOptions
    @Argument(help: "Job id.") var job: Int64

    func run() throws {
        let queue = try store.openQueue()
        try withExitCodes { try queue.retry(job) }
        print("job \(job) queued")
    }
}
