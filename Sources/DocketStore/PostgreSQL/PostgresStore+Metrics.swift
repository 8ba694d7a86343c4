import PostgresNIO

extension PostgresStore {
    public func metrics(now: Double) throws -> StoreMetrics {
        try pool.withTransaction(synchronousCommit: false) { connection in
            // One snapshot for every figure.
            try connection.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            func counts(_ sql: String) throws -> [String: Int] {
                Dictionary(try connection.run(PostgresQuery(unsafeSQL: sql)).map { try $0.decode((String, Int).self) }, uniquingKeysWith: +)
            }
            func histogram(_ sql: String, bounds: [Double]) throws -> Histogram {
                let cells = try connection.run(PostgresQuery(unsafeSQL: sql)).first!.makeRandomAccess()
                return Histogram(bounds: bounds, cumulativeCounts: try bounds.indices.map { try cells[$0 + 2].decode(Int.self) },
                                 count: try cells[0].decode(Int.self), sum: try cells[1].decode(Double.self))
            }
            var jobsByState: [JobState: Int] = [:]
            for (state, count) in try counts(StoreMetricsSQL.jobsByState) {
                if let state = JobState(rawValue: state) { jobsByState[state] = count }
            }
            return StoreMetrics(
                jobsByState: jobsByState,
                runnableJobs: try connection.run("SELECT count(*) FROM jobs WHERE state = 'queued' AND run_at <= \(now)").first?.decode(Int.self) ?? 0,
                attemptsByOutcome: try counts(StoreMetricsSQL.attemptsByOutcome),
                jobSeconds: try histogram(StoreMetricsSQL.jobSeconds, bounds: StoreMetrics.jobSecondsBounds),
                pageSeconds: try histogram(StoreMetricsSQL.pageSeconds, bounds: StoreMetrics.pageSecondsBounds),
                pagesBySource: try counts(StoreMetricsSQL.pagesBySource),
                webhookDeliveriesByOutcome: try counts(StoreMetricsSQL.webhookDeliveriesByOutcome))
        }
    }
}
