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
    @Option(help: "Output format: text, json.") var format: OutputFormat = .text

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one file to submit.") }
        if idempotencyKey != nil && files.count > 1 {
            throw ValidationError("--key names one job; submit one file with it.")
        }
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
        let options = SubmitOptions(questions: questions, priority: priority, password: password, idempotencyKey: idempotencyKey)
        let receipts = try withExitCodes { try queue.submit(submitted, options: options) }
        switch format {
        case .json: try Output.json(receipts)
        case .text:
            for receipt in receipts {
                let note = receipt.reusedJob ? " (existing job for this key)" : receipt.reusedDocument ? " (same bytes as an earlier document)" : ""
                print("\(receipt.name): document \(receipt.documentID), job \(receipt.jobID), \(receipt.mediaType)\(note)")
            }
        }
    }
}
