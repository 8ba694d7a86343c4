import Foundation

/// Time spent in each `PipelineStage` while it is bound as `StageTimings.current`.
///
/// Code marks a stage with `StageTimings.measure(.firstReading) { ... }`. With no recorder bound
/// (a worker, the server) that costs one task-local read. A stage inside another is charged to
/// the outer one and not counted: while a stage runs, the code inside it sees no recorder. So the
/// stages never overlap and their times add up to no more than the time they were bound for.
public final class StageTimings: @unchecked Sendable {
    /// The recorder that `measure` adds to; nil, the default, measures nothing.
    @TaskLocal public static var current: StageTimings?

    public struct Total: Sendable, Equatable {
        public var seconds: Double = 0
        /// Times the stage was entered (outside any other stage).
        public var calls: Int = 0
    }

    private let lock = NSLock()
    private var totals: [PipelineStage: Total] = [:]

    public init() {}

    /// Runs `body` as `stage`: timed and counted when a recorder is bound.
    public static func measure<T>(_ stage: PipelineStage, _ body: () throws -> T) rethrows -> T {
        guard let timings = current else { return try body() }
        let started = ContinuousClock.now
        defer { timings.add(stage, seconds: (ContinuousClock.now - started).inSeconds) }
        return try $current.withValue(nil) { try body() }
    }

    /// Runs `body` with this recorder bound, on the calling thread.
    public func recording<T>(_ body: () throws -> T) rethrows -> T {
        try Self.$current.withValue(self) { try body() }
    }

    /// What each stage took so far; stages never entered are absent.
    public var stages: [PipelineStage: Total] {
        lock.withLock { totals }
    }

    /// Adds `other`'s stages to this recorder's.
    public func add(_ other: StageTimings) {
        for (stage, total) in other.stages {
            lock.withLock {
                totals[stage, default: Total()].seconds += total.seconds
                totals[stage, default: Total()].calls += total.calls
            }
        }
    }

    private func add(_ stage: PipelineStage, seconds: Double) {
        lock.withLock {
            totals[stage, default: Total()].seconds += seconds
            totals[stage, default: Total()].calls += 1
        }
    }
}
