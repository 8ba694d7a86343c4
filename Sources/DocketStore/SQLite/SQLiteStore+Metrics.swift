import GRDB

extension SQLiteStore {
    public func metrics(now: Double) throws -> StoreMetrics {
        try database.read { db in
            func counts(_ sql: String) throws -> [String: Int] {
                Dictionary(try Row.fetchAll(db, sql: sql).map { row in (row[0] as String, row[1] as Int) }, uniquingKeysWith: +)
            }
            func histogram(_ sql: String, bounds: [Double]) throws -> Histogram {
                let row = try Row.fetchOne(db, sql: sql)!
                return Histogram(bounds: bounds, cumulativeCounts: bounds.indices.map { row[$0 + 2] as Int }, count: row[0], sum: row[1])
            }
            var jobsByState: [JobState: Int] = [:]
            for (state, count) in try counts(StoreMetricsSQL.jobsByState) {
                if let state = JobState(rawValue: state) { jobsByState[state] = count }
            }
            return StoreMetrics(
                jobsByState: jobsByState,
                runnableJobs: try Int.fetchOne(db, sql: "SELECT count(*) FROM jobs WHERE state = 'queued' AND run_at <= ?", arguments: [now]) ?? 0,
                attemptsByOutcome: try counts(StoreMetricsSQL.attemptsByOutcome),
                jobSeconds: try histogram(StoreMetricsSQL.jobSeconds, bounds: StoreMetrics.jobSecondsBounds),
                pageSeconds: try histogram(StoreMetricsSQL.pageSeconds, bounds: StoreMetrics.pageSecondsBounds),
                pagesBySource: try counts(StoreMetricsSQL.pagesBySource),
                webhookDeliveriesByOutcome: try counts(StoreMetricsSQL.webhookDeliveriesByOutcome))
        }
    }
}
