/// How the queue is doing: jobs by state, throughput, and how long jobs wait from submit to done.
public struct QueueStats: Codable, Sendable, Equatable {
    public var counts: [String: Int]
    public var finishedLastMinute: Int
    public var finishedLastHour: Int
    /// Seconds from submit to success of the jobs that succeeded in the last hour.
    public var latencyMedian: Double?
    public var latency95: Double?
}

extension QueueStats {
    /// The nearest-rank percentile of sorted `values`.
    public static func percentile(_ fraction: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let rank = Int((fraction * Double(values.count)).rounded(.up))
        return values[min(values.count, max(1, rank)) - 1]
    }
}
