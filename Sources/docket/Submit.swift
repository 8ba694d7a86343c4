import ArgumentParser
import DocketJSON
import DocketModel
import DocketQueue
import Foundation

struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store documents and queue a job to read each one.",
        discussion: """
            The file type is detected from its bytes: PDF, PNG, JPEG, TIFF (multi-page), DICOM or UTF-8 text. \
            The bytes are stored in the database, so the file may be moved or deleted afterwards. \
            Submitting the same bytes again reuses the stored document. The files named are checked first \
            and stored and queued 200 to a transaction: if one is refused, nothing is stored. Files \
            found in a folder (--recursive) that Docket cannot read, pipes, devices and links to \
            folders are skipped and named on stderr; hidden files and folders are left out.

            EXAMPLES
              docket submit invoice.pdf --question "What is the total?" --question "Invoice date"
              docket submit scans/*.tiff --priority 10
              docket submit secret.pdf --password hunter2
              docket submit --recursive inbox/ --wait
              docket submit invoice.pdf --report
              docket submit --study CXR-2026-0042 chest.dcm report.txt
              docket submit invoice.pdf --callback-url https://example.com/hooks/docket
              docket submit rechnung.pdf --language deu+eng
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Files to submit, or folders with --recursive.") var files: [String]
    @Flag(name: .shortAndLong, help: "Submit every file in the folders given and their subfolders, skipping (and naming) files Docket cannot read.")
    var recursive = false
    @Flag(help: "Wait until every job has finished, with a progress bar on a terminal; exit 5 if any did not succeed.")
    var wait = false
    @Flag(help: "The job also builds the document's report and stores it (docket report shows it).")
    var report = false
    @Option(help: ArgumentHelp("Join the files into this study: images as its images, the others as its written report.", valueName: "key"))
    var study: String?
    @Option(name: .customLong("question"), help: "A question to answer from each document; repeatable.")
    var questions: [String] = []
    @Option(help: "Higher runs first.") var priority: Int = 0
    @Option(help: "The password of an encrypted PDF.") var password: String?
    @Option(name: .customLong("key"), help: "An idempotency key: submitting again with it returns the first job.")
    var idempotencyKey: String?
    @Option(help: ArgumentHelp("Do not run before this time.", discussion: "An ISO 8601 time (2026-12-01T08:00:00Z) or a delay from now (90s, 15m, 12h, 2d).", valueName: "time"))
    var notBefore: String?
    @Option(help: "Attempts before the job is dead.") var maxAttempts: Int = 3
    @Option(name: .customLong("callback-url"), help: ArgumentHelp(
        "POST the job's final state and answers to this http or https URL when it ends (see docket webhooks).", valueName: "url"))
    var callbackURL: String?
    @Option(help: ArgumentHelp(
        "The languages Tesseract reads scanned pages in: its codes joined with +, most likely first (deu+eng).",
        discussion: "Default: $DOCKET_LANGUAGE, or eng. Each language's model must be installed (apt-get install tesseract-ocr-deu).",
        valueName: "codes"))
    var language: String?
    @Option(help: OutputFormat.help) var format: OutputFormat = .text
    @OptionGroup var csvOptions: CSVOptions

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
        if let callbackURL {
            do {
                try CallbackURL.check(callbackURL)
            } catch let error as SubmitError {
                Output.error(error.description)
                throw ExitCode.validationFailure
            }
        }
        let ocrLanguage = try withExitCodes { try SubmitChecks.language(language, given: "--language") }
        let candidates = try expandedPaths()
        var submitted: [SubmittedFile] = []
        for candidate in candidates {
            guard let file = try read(candidate) else { continue }
            submitted.append(file)
        }
        if candidates.contains(where: \.inFolder), submitted.isEmpty {
            Output.error("found no file Docket reads (PDF, PNG, JPEG, TIFF, text) in \(files.joined(separator: ", ")). Nothing was stored.")
            throw DocketExit.inputRefused
        }
        let queue = try store.openQueue(durability: .full)
        let options = SubmitOptions(questions: questions, priority: priority, password: password,
                                    idempotencyKey: idempotencyKey, notBefore: try runAt(), maxAttempts: maxAttempts,
                                    wantsReport: report, study: study, callbackURL: callbackURL,
                                    language: ocrLanguage)
        let progress = ProgressBar(enabled: Terminal.showsProgress && submitted.count > Self.batchSize)
        var receipts: [SubmitReceipt] = []
        for batch in stride(from: 0, to: submitted.count, by: Self.batchSize).map({ submitted[$0..<min($0 + Self.batchSize, submitted.count)] }) {
            receipts += try withExitCodes { try queue.submit(Array(batch), options: options) }
            progress.show("submitted \(receipts.count)/\(submitted.count) files", done: receipts.count, of: submitted.count)
        }
        progress.finish()
        switch format {
        case .json:
            try Output.json(try receipts.map { receipt in
                SubmitReceiptResource(from: receipt, document: try queue.store.summary(of: receipt.documentID), job: try queue.job(receipt.jobID))
            })
        case .csv:
            Output.csv(["file", "document_id", "job_id", "media_type", "deduplicated", "reused_job"], receipts.map { receipt in
                [receipt.name, "\(receipt.documentID)", "\(receipt.jobID)", "\(receipt.mediaType)", "\(receipt.reusedDocument)", "\(receipt.reusedJob)"]
            }, csvOptions)
        case .text:
            for receipt in receipts {
                let note = receipt.reusedJob ? " (existing job for this key)" : receipt.reusedDocument ? " (same bytes as an earlier document)" : ""
                print("\(receipt.name): document \(receipt.documentID), job \(receipt.jobID), \(receipt.mediaType)\(note)")
            }
        }
        if wait { try waitForJobs(receipts.map(\.jobID), queue: queue) }
    }

    /// Files are stored and queued this many to a transaction.
    static let batchSize = 200

    private struct Candidate {
        var path: String
        /// Found in a folder given with --recursive rather than named: skipped, not refused, when Docket cannot read it.
        var inFolder: Bool
    }

    private func expandedPaths() throws -> [Candidate] {
        try files.flatMap { path -> [Candidate] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [Candidate(path: path, inFolder: false)]
            }
            guard recursive else {
                Output.error("\(path) is a folder. Add --recursive to submit the files in it and its subfolders. Nothing was stored.")
                throw DocketExit.inputUnreadable
            }
            return filesFound(in: path)
        }
    }

    /// Every entry below `folder` that is not itself a folder, in path order: pipes, devices and
    /// links are among them, to be named when they are skipped. Hidden files and folders (.DS_Store,
    /// .git) are left out; a folder that cannot be listed is named.
    private func filesFound(in folder: String) -> [Candidate] {
        let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: folder), includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]
        ) { url, _ in
            Output.error("skipped \(url.path): the folder cannot be listed (check its permissions).")
            return true
        }
        let found = (enumerator?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true
        }
        return found.map(\.path).sorted().map { Candidate(path: $0, inFolder: true) }
    }

    /// The file's bytes, checked; nil for a file found in a folder that Docket cannot read (it is named on stderr).
    private func read(_ candidate: Candidate) throws -> SubmittedFile? {
        let path = candidate.path
        let name = candidate.inFolder ? path : (path as NSString).lastPathComponent
        let bytes: [UInt8]
        switch RegularFile.contents(of: path) {
        case .success(let contents): bytes = contents
        case .failure(let refusal):
            if candidate.inFolder {
                Output.error("skipped \(path): it \(refusal.reason).")
                return nil
            }
            Output.error("\(path) \(refusal.reason). \(refusal.advice)Nothing was stored.")
            throw DocketExit.inputUnreadable
        }
        if candidate.inFolder, bytes.isEmpty || MediaType.detect(bytes) == nil {
            Output.error("skipped \(path): \(bytes.isEmpty ? "it is empty" : "not a type Docket reads").")
            return nil
        }
        let file = SubmittedFile(name: name, bytes: bytes)
        do {
            // Empty files and unknown types are refused by the queue's submit, once the database is open.
            try SubmitChecks.checkPassword(file, password: password)
        } catch SubmitError.passwordNeeded(_, _) where candidate.inFolder {
            Output.error("skipped \(path): it is encrypted; submit it on its own with --password.")
            return nil
        } catch {
            try withExitCodes { () throws -> Void in throw error }
        }
        return file
    }

    /// Polls the jobs until each has finished, with a progress bar on a terminal; exits 5 when any
    /// did not succeed.
    private func waitForJobs(_ jobIDs: [Int64], queue: JobQueue) throws {
        let progress = ProgressBar(enabled: Terminal.showsProgress)
        let started = Date()
        var hinted = false
        while true {
            let records = try jobIDs.map { try queue.job($0) }
            let finished = records.filter { $0.state.isFinished }
            let pagesDone = records.reduce(0) { $0 + $1.pagesDone }
            let pagesTotal = records.reduce(0) { $0 + ($1.pagesTotal ?? 0) }
            progress.show("\(finished.count)/\(records.count) documents, \(pagesDone)/\(pagesTotal) pages", done: finished.count, of: records.count)
            if finished.count == records.count {
                progress.finish()
                let unsuccessful = records.filter { $0.state != .succeeded }
                for job in unsuccessful {
                    Output.error("job \(job.id) (\(job.documentName)) \(job.state.rawValue): \(job.lastError ?? "no message")")
                }
                if !unsuccessful.isEmpty { throw DocketExit.jobsUnsuccessful }
                return
            }
            if !hinted, Date().timeIntervalSince(started) > 10, records.allSatisfy({ $0.state == .queued }) {
                progress.finish()
                Output.error("waiting for a worker to take the jobs: is `docket worker` running on this database?")
                hinted = true
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
    }
}
