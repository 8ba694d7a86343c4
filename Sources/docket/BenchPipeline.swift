import ArgumentParser
import DocketJSON
import DocketModel
import DocketQueue
import DocketStore
import DocketWorker
import Foundation

struct BenchPipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Time each stage of reading the given files, as the worker reads them.",
        discussion: """
            Each file is submitted to a temporary database (made for this run, deleted after it) \
            and its job run on this thread by the worker's own code, one file after another, with \
            one OCR engine. The time of each run, from its claim to its completion, is split into \
            stages:

              decode or render  Poppler rendering for OCR; image and DICOM decoding
              text layer        Poppler's text of each PDF page
              prepare           inverting, scaling, deskewing, binarizing for OCR
              first reading     Tesseract's first reading of each page
              second reading    a scattered page (form, receipt) read again, larger
              sparse search     the search for sparse words (a call per reading)
              line re-reads     uncertain lines read again (a call per reading)
              figure OCR        pictures on a text-layer PDF page, rendered and read
              layout            layout analysis, with the pixels made for it
              answers           one call per --question
              fields            document type and standard fields
              report            the report as JSON (--report)
              store             the completing transaction; staging a large document
              other             the rest: opening the file, the OCR engine, progress

            A stage run inside another is charged to the outer one only: the rendering and \
            readings of figure OCR count as figure OCR, not as decode or render, prepare or first \
            reading. So no time is counted twice and the shares add up to 100%. CALLS counts the \
            times a stage was entered outside any other; an image file's glyphs are measured, to \
            choose its scale, as part of prepare. Files that cannot be read are named on stderr \
            and left out of the figures, and the command then exits 66. A debug build spends its \
            time differently from a release build: measure with `swift build -c release`.

            EXAMPLE
              docket bench pipeline Samples/*.pdf --question "What is the total?"
              docket bench pipeline Samples/receipt.png --language deu+eng
            """)

    @Argument(help: "Files to read.") var files: [String]
    @Option(name: .customLong("question"), help: "A question to answer from each file; repeatable.") var questions: [String] = []
    @Flag(help: "Also build each file's report, as `submit --report` does.") var report = false
    @Option(help: "The password of encrypted PDFs.") var password: String?
    @Option(help: ArgumentHelp("The languages scanned pages are read in, as submit --language takes them.", valueName: "codes"))
    var language: String?
    @Option(help: BenchFormat.help) var format: BenchFormat = .text

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one file to read.") }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-bench-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try withExitCodes {
            try StoreLocation.sqlite(path: folder.appending(path: "bench.sqlite").path).open(webhookBodies: WebhookBodyJSON())
        }
        let runner = InlineJobRunner(queue: JobQueue(store: store), limits: .fromEnvironment())
        let ocrLanguage = try withExitCodes { try SubmitChecks.language(language, given: "--language") }
        // One attempt: a failed job is not queued again to be claimed in place of the next file's.
        let options = SubmitOptions(questions: questions, password: password, maxAttempts: 1, wantsReport: report,
                                    language: ocrLanguage)

        let timings = StageTimings()
        var profile = PipelineProfile()
        var unreadable = 0
        for path in files {
            switch try read(path, runner: runner, options: options) {
            case .read(let fileTimings, let pages, let seconds):
                timings.add(fileTimings)
                profile.files += 1
                profile.pages += pages
                profile.seconds += seconds
                let pageCount = pages == 1 ? "1 page" : "\(pages) pages"
                FileHandle.standardError.write(Data("\(path): \(pageCount) in \(String(format: "%.2f", seconds)) s\n".utf8))
            case .repeated:
                break
            case .unreadable:
                unreadable += 1
            }
        }
        profile.setStages(timings.stages)
        switch format {
        case .text: print(profile.table)
        case .json: try Output.json(profile)
        }
        if unreadable > 0 { throw DocketExit.inputUnreadable }
    }

    private enum FileRun {
        case read(StageTimings, pages: Int, seconds: Double)
        /// The same bytes as a file before it: the worker would not read them again.
        case repeated
        case unreadable
    }

    /// Submits and reads one file; a file left out is named on stderr with the reason.
    private func read(_ path: String, runner: InlineJobRunner, options: SubmitOptions) throws -> FileRun {
        let bytes: [UInt8]
        switch RegularFile.contents(of: path) {
        case .success(let contents): bytes = contents
        case .failure(let refusal):
            Output.error("\(path) \(refusal.reason), left out. \(refusal.advice)".trimmingCharacters(in: .whitespaces))
            return .unreadable
        }
        let receipt: SubmitReceipt
        do {
            receipt = try runner.queue.submit([SubmittedFile(name: path, bytes: bytes)], options: options)[0]
        } catch let error as SubmitError {
            Output.error("\(error.description) Left out.")
            return .unreadable
        }
        if receipt.reusedDocument, try runner.queue.store.storedPages(of: receipt.documentID) != nil {
            _ = try runner.queue.cancel(receipt.jobID)
            Output.error("\(path): the same bytes as a file before it, which was read already. Left out.")
            return .repeated
        }
        let timings = StageTimings()
        let started = ContinuousClock.now
        let outcome = try timings.recording { try runner.runNext() }
        let elapsed = ContinuousClock.now - started
        guard let outcome, outcome.jobID == receipt.jobID, outcome.state == .succeeded else {
            Output.error("\(path): cannot be read, left out: \(outcome?.message ?? "its job was not claimed.")")
            return .unreadable
        }
        let pages = try runner.queue.progress(of: outcome.jobID)?.pagesTotal ?? 0
        return .read(timings, pages: pages, seconds: elapsed.inSeconds)
    }
}

/// What `docket bench pipeline` prints: the files' stages, their times added up.
struct PipelineProfile: Encodable {
    struct Stage: Encodable {
        var stage: PipelineStage
        var seconds: Double
        /// Of the total time, 0 to 1.
        var share: Double
        /// Nil for `other`, which is never entered.
        var calls: Int?

        enum CodingKeys: String, CodingKey { case stage, seconds, share, calls }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(stage.rawValue, forKey: .stage)
            try container.encode(seconds, forKey: .seconds)
            try container.encode(share, forKey: .share)
            try container.encode(calls, forKey: .calls)
        }
    }

    var files = 0
    var pages = 0
    var seconds = 0.0
    var stages: [Stage] = []

    var pagesPerSecond: Double { seconds > 0 ? Double(pages) / seconds : 0 }

    enum CodingKeys: String, CodingKey {
        case files, pages, seconds, stages
        case pagesPerSecond = "pages_per_second"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(pages, forKey: .pages)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(pagesPerSecond, forKey: .pagesPerSecond)
        try container.encode(stages, forKey: .stages)
    }

    /// The measured stages in pipeline order, those never entered left out, then `other`: the
    /// rest of `seconds`.
    mutating func setStages(_ measured: [PipelineStage: StageTimings.Total]) {
        let total = seconds
        func share(_ part: Double) -> Double { total > 0 ? part / total : 0 }
        stages = PipelineStage.allCases.compactMap { stage in
            guard let measured = measured[stage], measured.calls > 0 else { return nil }
            return Stage(stage: stage, seconds: measured.seconds, share: share(measured.seconds), calls: measured.calls)
        }
        let rest = max(0, total - stages.reduce(0) { $0 + $1.seconds })
        stages.append(Stage(stage: .other, seconds: rest, share: share(rest), calls: nil))
    }

    var table: String {
        var lines = ["STAGE               SECONDS   SHARE   CALLS"]
        for stage in stages {
            let calls = stage.calls.map(String.init) ?? "-"
            lines.append(stage.stage.title.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: "  %9.3f  %5.1f%%  ", stage.seconds, 100 * stage.share)
                + String(repeating: " ", count: max(0, 6 - calls.count)) + calls)
        }
        lines.append("")
        lines.append(String(format: "files: %d   pages: %d   total: %.2f s   pages/s: %.2f", files, pages, seconds, pagesPerSecond))
        return lines.joined(separator: "\n")
    }
}
