import DocketModel

/// Writes a job's results inside the transaction that completes the job, so that they commit
/// with its success or not at all.
public protocol ResultWriter {
    /// When the job completed: the time its results are stored under.
    var now: Double { get }
    /// Replaces the document's pages, lines, words and layout with `pages`.
    func replacePages(of document: Int64, with pages: [Page]) throws
    /// Replaces the document's pages, lines, words and layout with those made ready by the store's
    /// `stage(_:)` before the job completed.
    func replacePages(of document: Int64, withStaged staged: StagedPages) throws
    /// Records how long reading the document took, and which job read it.
    func recordRun(of document: Int64, job: Int64, seconds: Double) throws
    func insertAnswers(_ answers: [Answer], of document: Int64, job: Int64?) throws
    /// Records what kind of document it is and replaces its fields.
    func replaceFields(of document: Int64, job: Int64?, type: DocumentType, fields: [DocumentField]) throws
    func replaceImageMetadata(of document: Int64, with metadata: ImageMetadata) throws
    func replaceReport(of document: Int64, job: Int64?, json: String) throws
    /// Joins the document into a study with the images or reports that share its accession number.
    func pairByAccessionNumber(_ document: Int64) throws
}
