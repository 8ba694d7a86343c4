import ArgumentParser
import DocketStore

struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run your own read-only SQL query on the results.",
        discussion: """
            The query runs on a read-only connection that refuses anything but reading: INSERT,
            UPDATE, DELETE, CREATE, DROP, ALTER, ATTACH, VACUUM and pragmas that set something are
            refused with a message, and nothing changes. One statement per call.

            Query the views, which keep their columns from one version of Docket to the next:
              docket_documents  id, name, type, media_type, bytes, sha256, pages, words,
                                submitted_at, read_at, read_seconds
              docket_pages      document_id, page, width, height, source, confidence, words, text
              docket_fields     document_id, document_name, document_type, name, text, value,
                                value_kind, value_unit, confidence, page, x0, y0, x1, y1, submitted_at
              docket_answers    document_id, document_name, question, answer, value, value_kind,
                                value_unit, confidence, page, x0, y0, x1, y1, job_id, answered_at
              docket_jobs       id, document_id, state, priority, attempts, max_attempts, last_error,
                                pages_done, pages_total, created_at, started_at, finished_at
            Times are ISO 8601 UTC; boxes are PDF points from the page's top-left corner.

            EXAMPLES
              docket sql "SELECT document_name, value FROM docket_fields WHERE name = 'total' ORDER BY value + 0 DESC"
              docket sql "SELECT type, count(*) FROM docket_documents GROUP BY type" --format csv
              docket sql "SELECT substr(submitted_at, 1, 7) AS month, sum(value) FROM docket_fields WHERE name = 'total' GROUP BY month"
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "One SQL statement that reads, e.g. \"SELECT * FROM docket_documents\".") var query: String
    @Option(help: OutputFormat.help) var format: OutputFormat = .text

    func run() throws {
        let path = store.path
        _ = try store.openForReading()
        let result: QueryResult
        do {
            result = try ReadOnlyQuery.run(query, databasePath: path)
        } catch let error as QueryError {
            Output.error(error.description)
            switch error {
            case .refused: throw DocketExit.queryRefused
            case .invalid, .multipleStatements: throw ExitCode.validationFailure
            case .cannotOpen: throw ExitCode.failure
            }
        }
        let objects = result.rows.map { row in
            Dictionary(zip(result.columns, row).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
        try Output.emit(format, json: objects, header: result.columns, rows: result.rows.map { $0.map(\.display) })
    }
}
