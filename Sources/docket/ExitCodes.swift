import ArgumentParser
import DocketQueue
import DocketStore

/// The exit codes listed in `docket --help`.
enum DocketExit {
    static let notFound = ExitCode(2)
    /// Cancel or retry asked of a job whose state does not allow it.
    static let wrongState = ExitCode(2)
    static let answerNotFound = ExitCode(3)
    /// `docket sql` was given a statement that would write or calls a function it does not allow,
    /// or the query was stopped at one of its limits.
    static let queryRefused = ExitCode(4)
    /// `submit --wait`: a job failed, is dead or was cancelled.
    static let jobsUnsuccessful = ExitCode(5)
    static let inputRefused = ExitCode(65)
    static let inputUnreadable = ExitCode(66)
    /// --out or --to names a file that cannot be created (sysexits.h EX_CANTCREAT).
    static let cannotCreateOutput = ExitCode(73)
    /// Writing --out or --to failed part way, e.g. the disk is full (sysexits.h EX_IOERR).
    static let outputWriteFailed = ExitCode(74)
}

/// Runs `body`, turning Docket's own errors into their message on stderr and their exit code.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as SubmitError {
        Output.error(error.description)
        throw DocketExit.inputRefused
    } catch let error as StoreError {
        Output.error(error.description)
        switch error {
        case .documentNotFound, .jobNotFound, .webhookEventNotFound, .notProcessed: throw DocketExit.notFound
        case .migratedByNewerDocket, .cannotOpen, .noDatabase, .notDocketDatabase, .needsMigration, .noWebhookBodyEncoder: throw ExitCode.failure
        case .emptySearch, .badSearch, .badLocation: throw ExitCode.validationFailure
        }
    } catch let error as OutputFileError {
        Output.error(error.description)
        throw error.exitCode
    } catch let error as QueueError {
        Output.error(error.description)
        throw DocketExit.wrongState
    } catch let error where StoreTrouble.isDatabaseError(error) {
        Output.error("The database failed: \(StoreTrouble.describe(error)). Nothing more was changed; try again once it is reachable.")
        throw ExitCode.failure
    }
}
