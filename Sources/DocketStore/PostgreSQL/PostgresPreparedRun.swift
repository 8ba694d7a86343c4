import NIOCore
import PostgresNIO

extension PostgresConnection {
    /// Runs a named prepared statement and waits for all its rows. The server parses and plans the
    /// statement once per connection instead of on every call, which matters for the statements
    /// the queue runs for every job.
    ///
    /// PostgresNIO runs prepared statements only from `async` code. The task doing so prefers this
    /// connection's event loop as its executor, so that the wait below never needs a thread of
    /// Swift's cooperative pool: those threads may all be blocked in synchronous store calls.
    func run<Statement: PostgresPreparedStatement>(_ statement: Statement) throws -> [Statement.Row] where Statement.Row: Sendable {
        let promise = eventLoop.makePromise(of: [Statement.Row].self)
        let executor = EventLoopTaskExecutor(eventLoop)
        Task(executorPreference: executor) {
            do {
                var rows: [Statement.Row] = []
                for try await row in try await self.execute(statement, logger: PostgresConnectionPool.logger) {
                    rows.append(row)
                }
                promise.succeed(rows)
            } catch {
                promise.fail(error)
            }
            withExtendedLifetime(executor) {}
        }
        return try promise.futureResult.wait()
    }
}

/// Runs a task's jobs on a NIO event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
