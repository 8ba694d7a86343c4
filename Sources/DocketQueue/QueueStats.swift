import DocketStore
import GRDB

/// How the queue is doing: jobs by state, throughput, and how long jobs wait from submit to done.
public struct QueueStats: Codable, Sendable, Equatable {
    public var counts: [String: Int]
    public var finishedLastMinute: Int
    public var finishedLastHour: Int
    /// Seconds from submit to success of the jobs that succeeded in the last hour.
    public var latencyMedian: Double?
    public var latency95: Double?
}

extension JobQueue {
    public func stats(now: Double = Store.now()) throws -> QueueStats {
        try store.database.read { db in
            var counts: [String: Int] = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM jobs GROUP BY state") {
                counts[row["state"]] = row["n"]
            }
            let finishedLastMinute = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE finished_at >= ?", arguments: [now - 60]) ?? 0
            let finishedLastHour = try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE finished_at >= ?", arguments: [now - 3600]) ?? 0
            let latencies = try Double.fetchAll(db, sql: """
                SELECT finished_at - created_at AS latency FROM jobs
                WHERE state = 'succeeded' AND finished_at >= ? ORDER BY latency
                """, arguments: [now - 3600])
            return QueueStats(counts: counts, finishedLastMinute: finishedLastMinute, finishedLastHour: finishedLastHour,
                              latencyMedian: Self.percentile(0.5, of: latencies), latency95: Self.percentile(0.95, of: latencies))
        }
    }

    /// The nearest-rank percentile of sorted `values`.
    public static func percentile(_ fraction: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let rank = Int((fraction * Double(values.count)).rounded(.up))
        return values[min(values.count, max(1, rank)) - 1]
    }
}
