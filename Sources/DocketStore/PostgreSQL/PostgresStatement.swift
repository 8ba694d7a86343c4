import DocketModel
import PostgresNIO

/// SQL built a piece at a time, each value bound as a parameter: for queries whose conditions
/// depend on what the caller asked for.
struct PostgresStatement {
    var sql: String
    private(set) var binds = PostgresBindings()

    init(_ sql: String = "") {
        self.sql = sql
    }

    /// Binds `value` and returns its placeholder.
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

extension DocumentFilter {
    /// Appends SQL conditions on the documents table under `alias`, each starting with AND.
    func appendConditions(on alias: String, to statement: inout PostgresStatement) {
        let conditions = self.conditions(on: alias, bindingTo: &statement)
        statement.sql += conditions
    }

    /// SQL conditions on the documents table under `alias`, each starting with AND, their values bound to `statement`.
    func conditions(on alias: String, bindingTo statement: inout PostgresStatement) -> String {
        var sql = ""
        if let document { sql += " AND \(alias).id = \(statement.bind(document))" }
        if let type { sql += " AND \(alias).document_type = \(statement.bind(type.rawValue))" }
        if let since { sql += " AND \(alias).created_at >= \(statement.bind(since))" }
        if let until { sql += " AND \(alias).created_at < \(statement.bind(until))" }
        return sql
    }
}

/// A document's bytes bound as `bytea`, read from their file straight into the message that
/// carries them, so the process holds them once rather than as an array and then a buffer.
struct ByteaContent: PostgresEncodable {
    static var psqlType: PostgresDataType { .bytea }
    static var psqlFormat: PostgresFormat { .binary }

    let content: DocumentContent

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) throws {
        byteBuffer.reserveCapacity(minimumWritableBytes: content.count)
        try content.forEachChunk { byteBuffer.writeBytes($0) }
    }
}
