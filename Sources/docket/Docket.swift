import ArgumentParser

struct Docket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "Read documents, answer questions about them with evidence, and query the results.",
        discussion: """
            A worker daemon takes jobs from a durable queue in a SQLite database, reads each document \
            (PDF text layer with Poppler, OCR with Tesseract), answers the questions asked of it, and \
            stores pages, lines, words and answers as rows that the other commands read.

            The database is ./var/docket.sqlite unless --db or DOCKET_DB names another. Commands that \
            write (submit, worker, cancel, retry, prune, migrate) create it and bring its schema up to \
            date; commands that read open it read-only and never change the file.

            EXAMPLES
              docket submit invoice.pdf --question "What is the total?"
              docket worker --drain
              docket documents
              docket ask 1 "What is the invoice date?"

            EXIT CODES
              0   success
              1   unexpected failure (the message says what failed)
              2   no such document or job, the document is not read yet,
                  or cancel/retry does not apply to the job's state
              3   ask: the answer was not found in the document
              4   sql: the statement would change something or calls a function
                  that is not allowed, so it was refused; or it was stopped at
                  --timeout, --max-rows or --memory-limit
              5   submit --wait: a job failed, is dead or was cancelled
              64  usage error: a bad option or argument
              65  submit refused the input (unsupported type, encrypted
                  without the right --password, empty); nothing stored;
                  serve: --tls-cert/--tls-key hold no usable certificate or key
              66  submit could not read a file (missing, unreadable, or not a
                  regular file: a pipe or a device); nothing stored;
                  serve: --tls-cert/--tls-key cannot be read
              73  --out/--to cannot be created (its folder is missing, it is a
                  folder, or permission is denied); nothing written
              74  writing --out/--to failed part way (e.g. the disk is full)
            """,
        subcommands: [Submit.self, WorkerCommand.self, Status.self, Jobs.self, Documents.self, Show.self,
                      Ask.self, Answers.self, Search.self, Index.self, Fields.self, SQL.self, Export.self, Report.self, Studies.self, Eval.self, Train.self,
                      Cancel.self, Retry.self, Webhooks.self, Prune.self, Stats.self, Migrate.self, Copy.self, Bench.self,
                      Keys.self, Serve.self, ProbePDF.self, RunJobs.self, RenderPages.self])
}
