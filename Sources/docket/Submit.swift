import ArgumentParser
import DocketModel
import DocketQueue
import Foundation

struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store documents and queue a job to read each one.",
        discussion: """
            The file type is detected from its bytes: PDF, PNG, JPEG, TIFF (multi-page) or UTF-8 text. \
            The bytes are stored in the database, so the file may be moved or deleted afterwards. \
            Submitting the same bytes again reuses the stored document. All files of one submit are \
            stored and queued in one transaction: if any is refused, nothing is stored.

            EXAMPLES
              docket submit invoice.pdf --question "What is the total?" --question "Invoice date"
              docket submit scans/*.tiff --priority 10
              docket submit secret.pdf --password hunter2
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Files to submit.") var files: [String]
    @Option(name: .customLong("question"), help: "A question to answer from each document; repeatable.")
    var questions: [String] = []
    @Option(help: "Higher runs first.") var priority: Int = 0
    @Option(help: "The password of an encrypted PDF.") var password: String?
    @Option(name: .customLong("key"), help: "An idempotency key: submitting again with it returns the first job.")
    var idempotencyKey: String?
    @Option(help: ArgumentHelp("Do not run before this time.", discussion: "An ISO 8601 time (2026-12-01T08:00:00Z) or a delay from now (90s, 15m, 12h, 2d).", valueName: "time"))
    var notBefore: String?
    @Option(help: "Attempts before the job is dead.") var maxAttempts: Int = 3
    @Option(help: OutputFormat.help) var format: OutputFormat = .text

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one file to submit.") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1.") }
        _ = try runAt()
        if idempotencyKey != nil && files.count > 1 {
            throw ValidationError("--key names one job; submit one file with it.")
        }
    }

    /// --not-before as seconds since 1970.
    private func runAt() throws -> Double? {
        guard let notBefore else { return nil }
        if let date = ISO8601DateFormatter().date(from: notBefore) { return date.timeIntervalSince1970 }
        if let delay = try? Duration.parse(notBefore) { return Date().timeIntervalSince1970 + delay }
        throw ValidationError("--not-before '\(notBefore)' is neither an ISO 8601 time (2026-12-01T08:00:00Z) nor a delay (15m, 12h).")
    }

    func run() throws {
        var submitted: [SubmittedFile] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (check its permissions)" : "does not exist"
                Output.error("\(path) \(reason). Nothing was stored.")
                throw DocketExit.inputUnreadable
            }
            let name = (path as NSString).lastPathComponent
            let bytes = [UInt8](data)
            if MediaType.detect(bytes) == .pdf, MediaType.pdfDeclaresEncryption(bytes),
               try ProbePDF.needsPassword(bytes, password: password) {
                try withExitCodes { () throws -> Void in throw SubmitError.passwordNeeded(name: name, given: password != nil) }
            }
            submitted.append(SubmittedFile(name: name, bytes: bytes))
        }
        let queue = try store.openQueue(durability: .full)
        let options = SubmitOptions(questions: questions, priority: priority, password: password,
                                    idempotencyKey: idempotencyKey, notBefore: try runAt(), maxAttempts: maxAttempts)
        let receipts = try withExitCodes { try queue.submit(submitted, options: options) }
        switch format {
        case .json: try Output.json(receipts)
        case .csv:
            Output.csv(["NAME", "DOC", "JOB", "MEDIA", "REUSED_DOCUMENT", "REUSED_JOB"], receipts.map { receipt in
                [receipt.name, "\(receipt.documentID)", "\(receipt.jobID)", "\(receipt.mediaType)", "\(receipt.reusedDocument)", "\(receipt.reusedJob)"]
            })
        case .text:
            for receipt in receipts {
                let note = receipt.reusedJob ? " (existing job for this key)" : receipt.reusedDocument ? " (same bytes as an earlier document)" : ""
                print("\(receipt.name): document \(receipt.documentID), job \(receipt.jobID), \(receipt.mediaType)\(note)")
            }
        }
    }
}
