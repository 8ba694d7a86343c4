import ArgumentParser
import DocketExtract
import DocketQueue
import DocketWorker
import Foundation

/// The child process of a `docket worker` slot: runs the jobs the worker hands it and records their outcomes.
struct RunJobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-jobs", abstract: "Internal: run the jobs a worker slot hands over, in a process of its own.",
        shouldDisplay: false)

    @OptionGroup var store: StoreOptions
    @Option var memoryLimit: Int
    @Option var parent: Int32
    @Option var retryBase: Double

    func run() throws {
        let queue = JobQueue(store: try store.open(), retryPolicy: RetryPolicy(baseDelay: retryBase))
        let fault = InjectedFault(ProcessInfo.processInfo.environment["DOCKET_INJECT_FAULT"])
        let status = try ChildJob.serve(
            queue: queue, limits: .fromEnvironment(), memoryLimitMiB: memoryLimit, parent: parent,
            beforePage: { page, _ in fault?.trigger(onPage: page) })
        throw ExitCode(status)
    }
}
/// Failures the tests inject into a job's child process, named by DOCKET_INJECT_FAULT as
/// `KIND-on-page:N` with KIND one of segv, hang, allocate. Never set in production.
struct InjectedFault {
    enum Kind: String { case segv, hang, allocate }
    let kind: Kind
    let page: Int

    init?(_ specification: String?) {
        guard let specification, let separator = specification.firstIndex(of: ":"),
              let kind = Kind(rawValue: String(specification[..<separator]).replacingOccurrences(of: "-on-page", with: "")),
              let page = Int(specification[specification.index(after: separator)...])
        else { return nil }
        self.kind = kind
        self.page = page
    }

    func trigger(onPage current: Int) {
        guard current == page else { return }
        switch kind {
        case .segv:
            raise(SIGSEGV)
        case .hang:
            while true { sleep(60) }
        case .allocate:
            var blocks: [UnsafeMutableRawPointer] = []
            while true {
                guard let block = malloc(16 << 20) else { continue }
                memset(block, 1, 16 << 20)
                blocks.append(block)
                usleep(10_000)
            }
        }
    }
}
