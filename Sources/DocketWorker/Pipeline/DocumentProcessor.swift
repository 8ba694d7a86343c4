import DocketAnswer
import DocketExtract
import DocketModel
import DocketQueue
import DocketReport
import DocketStore
import Foundation

/// What reading a document produced, ready to be written with the job's completion.
struct ProcessedDocument {
    /// nil when the document had been read before and its stored pages were reused.
    var newPages: [Page]?
    var answers: [Answer]
    var type: DocumentType
    var fields: [DocumentField]
    /// Of an image read now: its size, preview and DICOM attributes.
    var imageMetadata: ImageMetadata?
    /// `submit --report`: the report as JSON.
    var report: String?
    var seconds: Double
}

/// Reads one claimed job's document (load -> read pages -> answer) on the calling thread.
final class DocumentProcessor {
    private let store: Store
    private let limits: ExtractLimits
    private let answerer = DocumentAnswerer()
    private var standardFields: StandardFields { StandardFields(answerer: answerer) }
    /// Created on first use by a page that needs OCR, then reused for every page this processor reads.
    private let engines = EnginePool()

    init(store: Store, limits: ExtractLimits) {
        self.store = store
        self.limits = limits
    }

    /// Reads the job's document. `beforePage(number, total)` runs before each page is read, on the
    /// thread that reads it; `pageDone(done, total)` after each page, on the calling thread. Either
    /// may throw to stop the work (the job was cancelled or lost). `lender` lends engines the worker
    /// has idle, so that pages are read at once; without one, pages are read one after another.
    func process(
        _ job: ClaimedJob, lender: EngineLender? = nil, beforePage: @escaping (Int, Int) throws -> Void = { _, _ in },
        pageDone: (Int, Int) throws -> Void
    ) throws -> ProcessedDocument {
        let started = Date()
        // A document read by an earlier job is not read again; its new questions are answered from its pages.
        let storedPages = try store.storedPages(of: job.documentID)
        var pages: [Page]
        var newPages: [Page]?
        var imageMetadata: ImageMetadata?
        if let storedPages {
            pages = storedPages
        } else {
            let record = try store.document(job.documentID)
            try limits.checkSize(record.byteCount, of: record.mediaType)
            let (mediaType, content) = try store.content(of: job.documentID)
            let (password, limits) = (job.password, limits)
            let open = { try openDocument(content, as: mediaType, password: password, limits: limits) }
            let reader = try open()
            var words = WordTally(limits: limits)
            try pageDone(0, reader.pageCount)
            let reading = PageReading(pageCount: reader.pageCount, openReader: open, engines: engines, language: job.language, lender: lender,
                                      beforePage: beforePage)
            pages = try reading.read(with: reader, tally: &words, pageDone: pageDone)
            newPages = pages
            imageMetadata = reader.imageMetadata ?? (mediaType.isImage ? ImageMetadataReader.read(content, as: mediaType) : nil)
        }
        let answers = job.questions.map { question in StageTimings.measure(.answers) { answerer.answer(question, pages: pages) } }
        let (type, fields) = StageTimings.measure(.fields) { standardFields.read(pages) }
        let report = job.wantsReport
            ? try StageTimings.measure(.report) { try reportJSON(job, pages: pages, type: type, fields: fields, answers: answers) } : nil
        return ProcessedDocument(
            newPages: newPages, answers: answers, type: type, fields: fields, imageMetadata: imageMetadata, report: report,
            seconds: Date().timeIntervalSince(started))
    }

    private func reportJSON(_ job: ClaimedJob, pages: [Page], type: DocumentType, fields: [DocumentField], answers: [Answer]) throws -> String {
        let record = try store.document(job.documentID)
        let source = DocumentReport.Source(
            id: record.id, name: record.originalName, mediaType: record.mediaType.rawValue, sha256: record.sha256,
            submittedAt: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: record.createdAt)), pages: pages.count)
        let report = ReportBuilder(answerer: answerer).build(source: source, pages: pages, type: type, fields: fields, answers: answers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}

/// Why a job stopped before its end without failing.
enum JobInterruption: Error {
    /// The worker stopped holding the job's lease while it ran; its results are discarded.
    case leaseLost
    /// `docket cancel` asked the job to stop.
    case cancelled
    /// The worker is shutting down and its grace period is over; the job goes back to the queue.
    case shuttingDown
}
