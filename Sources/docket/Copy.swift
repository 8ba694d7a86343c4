import ArgumentParser
import DocketStore
import Foundation

struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy every document, job and result from one store to another (SQLite or PostgreSQL, either way).",
        discussion: """
            Copies documents with their bytes, jobs with their state, attempts and errors, pages, lines, \
            words, layout, answers, fields, reports, image metadata, studies and the database's secret, \
            one transaction per document. A job a worker holds on the source is copied as queued. \
            Documents already in the destination (the same sha256) are skipped, so a copy that was \
            stopped finishes when run again. At the end it prints each table's rows and a checksum of \
            their content for both stores.

            The destination must be empty, or hold an earlier copy of this source; --merge adds to one \
            that has documents of its own (the copied rows get new ids there, and a document it already \
            has only gets the jobs it lacks).

            EXAMPLES
              docket copy --from var/docket.sqlite --to postgres://docket@db.internal/docket
              docket copy --from postgres://docket@db.internal/docket --to backup.sqlite
              docket copy --from other.sqlite --to var/docket.sqlite --merge

            EXIT CODES
              0   copied; both stores hold the same rows
              1   the destination's rows differ from the source's (the tables are
                  named), or the copy failed part way: run it again to finish it
              64  --from or --to is not a path or postgres:// URL, or both name one store
              66  the source does not exist, is not a Docket database, or needs
                  `docket migrate`; nothing written
              73  the destination cannot be opened or created, or is not empty
                  (give --merge); nothing copied
            """)

    @Option(help: ArgumentHelp("The store to copy from: a file path (SQLite) or a postgres:// URL.", valueName: "path-or-url"))
    var from: String
    @Option(help: ArgumentHelp("The store to copy to; created if it does not exist.", valueName: "path-or-url"))
    var to: String
    @Flag(help: "Add to a destination that already has documents of its own.")
    var merge = false

    static let sourceUnusable = ExitCode(66)
    static let destinationUnusable = ExitCode(73)

    func run() throws {
        let sourceLocation = try location(from, option: "--from")
        let destinationLocation = try location(to, option: "--to")
        if sourceLocation == destinationLocation {
            Output.error(CopyError.sameStore(sourceLocation.description).description)
            throw ExitCode.validationFailure
        }
        let source = try open(sourceLocation, access: .readOnly, failure: Self.sourceUnusable, role: "source")
        let destination = try open(destinationLocation, access: .readWrite, failure: Self.destinationUnusable, role: "destination")

        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
        let report: CopyReport
        do {
            report = try StoreCopier(source: source, destination: destination, merge: merge).run { progress in
                bar.show("\(progress.documentsDone) of \(progress.documentsTotal) documents", done: progress.documentsDone,
                         of: progress.documentsTotal)
            }
            bar.finish()
        } catch let error as CopyError {
            bar.finish()
            Output.error(error.description)
            switch error {
            case .destinationNotEmpty, .missingColumns: throw Self.destinationUnusable
            case .unknownTables, .webhooksPending: throw Self.sourceUnusable
            case .sameStore: throw ExitCode.validationFailure
            }
        } catch {
            bar.finish()
            let reason = StoreTrouble.isDatabaseError(error) ? StoreTrouble.describe(error) : "\(error)"
            Output.error("The copy stopped: \(reason). What was copied is kept; run the same command again to finish it.")
            throw ExitCode.failure
        }
        printReport(report, source: sourceLocation, destination: destinationLocation)
        let differing = report.differingTables
        guard differing.isEmpty else {
            Output.error("""
                The destination's rows differ from the source's in \(differing.joined(separator: ", ")). \
                \(merge ? "With --merge, a document the destination already had keeps its own results; " : "")\
                Run the copy again, and compare the tables with docket sql if they still differ.
                """)
            throw ExitCode.failure
        }
    }

    private func location(_ text: String, option: String) throws -> StoreLocation {
        do {
            return try StoreLocation(text)
        } catch let error as StoreError {
            Output.error("\(option): \(error.description)")
            throw ExitCode.validationFailure
        }
    }

    private func open(_ location: StoreLocation, access: StoreAccess, failure: ExitCode, role: String) throws -> any CopyableStore {
        do {
            guard let store = try location.open(access: access) as? any CopyableStore else {
                Output.error("The \(role) \(location) cannot be copied.")
                throw failure
            }
            return store
        } catch let error as StoreError {
            Output.error("The \(role): \(error.description)")
            throw failure
        } catch let error where StoreTrouble.isDatabaseError(error) {
            Output.error("The \(role) \(location) cannot be opened: \(StoreTrouble.describe(error)).")
            throw failure
        }
    }

    private func printReport(_ report: CopyReport, source: StoreLocation, destination: StoreLocation) {
        let progress = report.progress
        print("""
            documents copied: \(progress.documentsCopied) (\(progress.pagesCopied) pages), jobs copied: \(progress.jobsCopied), \
            documents already there: \(progress.documentsAlreadyThere)
            """)
        let rows = report.tableNames.map { name -> [String] in
            let from = report.source.tables[name] ?? .init(), to = report.destination.tables[name] ?? .init()
            return [name, String(from.rows), String(to.rows), from.checksum, to.checksum, from == to ? "same" : "DIFFERENT"]
        }
        Output.table(["TABLE", "SOURCE ROWS", "DESTINATION ROWS", "SOURCE CHECKSUM", "DESTINATION CHECKSUM", ""], rows, width: nil)
        print("source:      \(source)\ndestination: \(destination)")
    }
}
