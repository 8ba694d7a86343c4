/// What `GET /metrics` reports from the store: counts of what is stored now, read at each scrape.
/// Pruning jobs or events lowers them.
public struct StoreMetrics: Sendable, Equatable {
    public var jobsByState: [JobState: Int]
    /// Queued jobs whose time has come: what idle workers would claim now.
    public var runnableJobs: Int
    /// Job attempts by how they ended ('succeeded', 'retry', 'failed', 'dead', 'cancelled', 'released', 'lease-expired').
    public var attemptsByOutcome: [String: Int]
    /// Seconds from submit to success, of the succeeded jobs stored.
    public var jobSeconds: Histogram
    /// Seconds of reading per page: each read document's time shared among its pages.
    public var pageSeconds: Histogram
    /// Stored pages by where their words came from ('text-layer', 'ocr', 'plain-text').
    public var pagesBySource: [String: Int]
    /// Webhook delivery attempts by outcome: 'delivered' (2xx), 'gone' (410), 'refused' (any other
    /// status), 'unreachable' (no response).
    public var webhookDeliveriesByOutcome: [String: Int]

    /// Upper bounds of the job latency histogram's buckets, in seconds.
    public static let jobSecondsBounds: [Double] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]
    /// Upper bounds of the page latency histogram's buckets, in seconds.
    public static let pageSecondsBounds: [Double] = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60]
}

/// A Prometheus histogram: how many observations fell at or below each bound, their count and sum.
public struct Histogram: Sendable, Equatable {
    public var bounds: [Double]
    /// For each bound, how many observations were at most it (cumulative, as Prometheus counts).
    public var cumulativeCounts: [Int]
    public var count: Int
    public var sum: Double

    public init(bounds: [Double], cumulativeCounts: [Int], count: Int, sum: Double) {
        self.bounds = bounds
        self.cumulativeCounts = cumulativeCounts
        self.count = count
        self.sum = sum
    }
}

/// The metrics queries, in SQL that SQLite and PostgreSQL both read the same way.
enum StoreMetricsSQL {
    /// count, sum, then one cumulative count per bound, of `value` over `source` (weighted by
    /// `weight`, an integer expression, 1 for plain counts).
    static func histogram(of value: String, weight: String = "1", from source: String, bounds: [Double]) -> String {
        let buckets = bounds.map { bound in
            "CAST(coalesce(sum(CASE WHEN \(value) <= \(bound) THEN \(weight) ELSE 0 END), 0) AS bigint)"
        }
        return """
            SELECT CAST(coalesce(sum(\(weight)), 0) AS bigint), coalesce(sum(\(value) * \(weight)), 0.0), \(buckets.joined(separator: ", "))
            FROM \(source)
            """
    }

    static let jobSeconds = histogram(
        of: "finished_at - created_at", from: "jobs WHERE state = 'succeeded' AND finished_at IS NOT NULL", bounds: StoreMetrics.jobSecondsBounds)

    static let pageSeconds = histogram(
        of: "document_runs.seconds / page_counts.pages", weight: "page_counts.pages",
        from: """
            document_runs JOIN (SELECT document_id, count(*) AS pages FROM pages GROUP BY document_id) AS page_counts
            ON page_counts.document_id = document_runs.document_id
            """,
        bounds: StoreMetrics.pageSecondsBounds)

    static let attemptsByOutcome = "SELECT outcome, count(*) FROM job_attempts GROUP BY outcome"
    static let pagesBySource = "SELECT source, count(*) FROM pages GROUP BY source"
    static let webhookDeliveriesByOutcome = """
        SELECT CASE WHEN status_code BETWEEN 200 AND 299 THEN 'delivered' WHEN status_code = 410 THEN 'gone'
                    WHEN status_code IS NOT NULL THEN 'refused' ELSE 'unreachable' END AS outcome, count(*)
        FROM webhook_deliveries GROUP BY 1
        """
    static let jobsByState = "SELECT state, count(*) FROM jobs GROUP BY state"
}
