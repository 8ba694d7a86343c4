import Foundation
import PostgresNIO

/// `docket sql` on PostgreSQL.
enum PostgresReadOnlyQuery {
    static func run(_ sql: String, address: PostgresAddress, limits: QueryLimits) throws -> QueryResult {
        throw PostgresStore.unimplemented(#function)
    }
}
