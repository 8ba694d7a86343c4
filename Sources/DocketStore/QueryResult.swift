import Foundation

/// One cell of a query's result, as SQLite typed it.
public enum SQLCell: Sendable, Equatable, Encodable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// A blob is shown by its size, not its bytes.
    case blob(bytes: Int)

    public var display: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .blob(let bytes): "<\(bytes) bytes>"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .blob(let bytes): try container.encode("<\(bytes) bytes>")
        }
    }
}

public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[SQLCell]]
}

/// How far one query may go before it is stopped.
public struct QueryLimits: Sendable, Equatable {
    /// Seconds the query may run.
    public var seconds: Double
    /// Rows it may return.
    public var rows: Int
    /// Bytes of memory SQLite may hold while it runs, and the result may take.
    public var memoryBytes: Int64

    public init(seconds: Double = 30, rows: Int = 100_000, memoryBytes: Int64 = 512 << 20) {
        self.seconds = seconds
        self.rows = rows
        self.memoryBytes = memoryBytes
    }
}

/// The limit that stopped a query.
public enum QueryLimit: Sendable, Equatable {
    case time(seconds: Double)
    case rows(Int)
    case memory(bytes: Int64)
}

public enum QueryError: Error, Equatable, CustomStringConvertible {
    /// The statement would change something, or reach outside the database.
    case refused(statement: String, reason: String)
    /// The statement calls a function that is not on the list of those that only compute.
    case functionNotAllowed(String)
    case limitReached(QueryLimit)
    case invalid(String)
    case multipleStatements
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .refused(let statement, let reason):
            "docket sql only reads: \(statement) was refused (\(reason)). Nothing was changed. Query the docket_* views with SELECT; change data with docket's own commands."
        case .functionNotAllowed(let name):
            "docket sql does not allow the function \(name)(); nothing was run. It allows SQLite's core, aggregate, window, date and time, math, JSON and full-text search functions."
        case .limitReached(.time(let seconds)):
            "The query was stopped after \(Self.number(seconds)) s, its time limit; nothing was changed. Narrow it (a WHERE, a LIMIT, an end to a recursive CTE), or raise the limit with --timeout SECONDS."
        case .limitReached(.rows(let rows)):
            "The query returns more than \(rows) rows, its row limit; it was stopped and nothing was printed. Add a WHERE or a LIMIT, or raise the limit with --max-rows N."
        case .limitReached(.memory(let bytes)):
            "The query needs more than \(Self.number(Double(bytes) / 1_048_576)) MiB of memory, its memory limit; it was stopped and nothing was printed. Ask for fewer or shorter values, or raise the limit with --memory-limit MIB."
        case .invalid(let message):
            "The query is not valid SQL: \(message). `docket sql \"SELECT name FROM sqlite_schema WHERE type = 'view'\"` lists the views."
        case .multipleStatements:
            "Give one statement at a time; nothing was run."
        case .cannotOpen(let path, let reason):
            "Cannot open the database at \(path) for reading: \(reason). Check the path and its permissions, or set --db / DOCKET_DB."
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }
}
