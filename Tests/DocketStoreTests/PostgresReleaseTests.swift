@testable import DocketStore
import DocketTestDatabases
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization
import Testing

/// The API server runs its tasks on NIO's event loops, so the last reference to a store can go
/// there, where NIO forbids waiting on a future.
@Suite struct PostgresReleaseTests {
    @Test func aStoreReleasedOnAnEventLoopClosesItsConnectionsWithoutWaitingThere() async throws {
        let held = Mutex<PostgresStore?>(try PostgresStore(address: PostgresAddress(url: ThrowawayPostgres.newDatabase())))
        // A query leaves a connection idle in the pool, for the release to close.
        #expect(try held.withLock { try $0?.appliedMigrations() }?.isEmpty == false)
        try await MultiThreadedEventLoopGroup.singleton.any().submit {
            held.withLock { $0 = nil }
        }.get()
    }
}
