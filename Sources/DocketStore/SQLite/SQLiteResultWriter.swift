import DocketModel
import GRDB

/// Writes a job's results inside the transaction that completes the job, so that they commit
/// with its success or not at all.
struct SQLiteResultWriter: ResultWriter {
    private let db: Database
    /// When the job completed: the time its results are stored under.
    public let now: Double

    init(db: Database, now: Double) {
        self.db = db
        self.now = now
    }

    /// Replaces the document's pages, lines, words and layout with `pages`.
    public func replacePages(of document: Int64, with pages: [Page]) throws {
        try SQLiteStore.replacePages(db, document: document, with: pages)
    }

    /// Replaces the document's pages, lines, words and layout with those staged by the store's
    /// `stage(_:)` before the job completed.
    public func replacePages(of document: Int64, withStaged staged: StagedPages) throws {
        try SQLiteStore.replacePages(db, document: document, withStaged: staged)
    }

    /// Records how long reading the document took, and which job read it.
    public func recordRun(of document: Int64, job: Int64, seconds: Double) throws {
        try SQLiteStore.recordRun(db, document: document, job: job, seconds: seconds, now: now)
    }

    public func insertAnswers(_ answers: [Answer], of document: Int64, job: Int64?) throws {
        try SQLiteStore.insertAnswers(db, document: document, job: job, answers: answers, now: now)
    }

    /// Records what kind of document it is and replaces its fields.
    public func replaceFields(of document: Int64, job: Int64?, type: DocumentType, fields: [DocumentField]) throws {
        try SQLiteStore.replaceFields(db, document: document, job: job, type: type, fields: fields, now: now)
    }

    public func replaceImageMetadata(of document: Int64, with metadata: ImageMetadata) throws {
        try SQLiteStore.replaceImageMetadata(db, document: document, with: metadata)
    }

    public func replaceReport(of document: Int64, job: Int64?, json: String) throws {
        try SQLiteStore.replaceReport(db, document: document, job: job, json: json, now: now)
    }

    /// Joins the document into a study with the images or reports that share its accession number.
    public func pairByAccessionNumber(_ document: Int64) throws {
        try SQLiteStore.pairByAccessionNumber(db, document: document, now: now)
    }
}
