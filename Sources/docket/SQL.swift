import ArgumentParser
import DocketStore

struct SQL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run your own read-only SQL query on the results.",
        discussion: """
            The query runs on a read-only connection that refuses anything but reading: INSERT,
            UPDATE, DELETE, CREATE, DROP, ALTER, ATTACH, VACUUM and pragmas that set something are
            refused with a message, and nothing changes; the database file is not written, so a
            read-only copy can be queried. One statement per call. Functions are SQLite's core,
            aggregate, window, date and time, math, JSON and full-text search ones; others (such as
            load_extension and fts3_tokenizer) are refused. A job's PDF password reads as NULL.

            A query is stopped, with exit code 4 and a message naming the limit, when it runs longer
            than --timeout, returns more rows than --max-rows, or needs more memory than
            --memory-limit.

            Query the views, which keep their columns from one version of Docket to the next:
              docket_documents  id, name, type, media_type, bytes, sha256, pages, words,
                                submitted_at, read_at, read_seconds
              docket_pages      document_id, page, width, height, source, confidence, words, text
              docket_fields     document_id, document_name, document_type, name, text, value,
                                value_kind, value_unit, confidence, page, x0, y0, x1, y1, submitted_at
              docket_answers    document_id, document_name, question, answer, value, value_kind,
                                value_unit, confidence, page, x0, y0, x1, y1, job_id, answered_at,
                                answered_by
              docket_jobs       id, document_id, state, priority, attempts, max_attempts, last_error,
                                pages_done, pages_total, created_at, started_at, finished_at
            Times are ISO 8601 UTC; boxes are PDF points from the page's top-left corner.

            EXAMPLES
              docket sql "SELECT document_name, value FROM docket_fields WHERE name = 'total' ORDER BY value + 0 DESC"
              docket sql "SELECT type, count(*) FROM docket_documents GROUP BY type" --format csv
              docket sql "SELECT substr(submitted_at, 1, 7) AS month, sum(value) FROM docket_fields WHERE name = 'total' GROUP BY month"
              docket sql "SELECT * FROM docket_pages" --max-rows 1000000 --timeout 300
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "One SQL statement that reads, e.g. \"SELECT * FROM docket_documents\".") var query: String
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions
    @Option(help: ArgumentHelp("Stop the query after this many seconds.", valueName: "seconds")) var timeout: Double = 30
    @Option(help: ArgumentHelp("Stop the query when it returns more rows than this.", valueName: "rows")) var maxRows: Int = 100_000
    @Option(help: ArgumentHelp("Stop the query when it needs more memory than this many MiB.", valueName: "MiB")) var memoryLimit: Int = 512

    func validate() throws {
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout is a number of seconds above 0 and at most 86400, e.g. --timeout 120.") }
        guard maxRows > 0 else { throw ValidationError("--max-rows is a number of rows above 0, e.g. --max-rows 1000000.") }
        guard memoryLimit > 0, memoryLimit <= 1 << 30 else { throw ValidationError("--memory-limit is a number of MiB above 0, e.g. --memory-limit 2048.") }
    }

    func run() throws {
        // Refuses, with one line each, a missing, foreign or out-of-date database before the query runs.
        _ = try store.openForReading()
        let location = try store.location
        let result: QueryResult
        do {
            result = try location.runReadOnlyQuery(
                query, limits: QueryLimits(seconds: timeout, rows: maxRows, memoryBytes: Int64(memoryLimit) << 20))
        } catch let error as QueryError {
            Output.error(error.description)
            switch error {
            case .refused, .functionNotAllowed, .limitReached: throw DocketExit.queryRefused
            case .invalid, .multipleStatements: throw ExitCode.validationFailure
            case .cannotOpen: throw ExitCode.failure
            }
        }
        let objects = result.rows.map { row in
            Dictionary(zip(result.columns, row).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
        try Output.emit(format, csvOptions, json: objects, header: result.columns, rows: result.rows.map { $0.map(\.display) })
    }
}
