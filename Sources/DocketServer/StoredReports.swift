import DocketModel
import DocketReport
import DocketStore
import Foundation

/// Reports of stored documents, for `docket report` and `GET /v1/documents/{id}/report`.
public enum StoredReports {
    /// The document's report, and its pages: the one its job stored, unless `rebuild` or there is
    /// none; otherwise built from its stored pages, type, fields and answers.
    public static func build(_ document: Int64, store: any Store, rebuild: Bool, as type: DocumentType? = nil) throws -> (DocumentReport, [Page]) {
        let record = try store.document(document)
        let pages = try store.pages(of: document)
        guard !pages.isEmpty else { throw StoreError.notProcessed(document: document) }
        if !rebuild, let stored = try store.storedReport(of: document),
           let report = try? JSONDecoder().decode(DocumentReport.self, from: Data(stored.utf8)) {
            return (report, pages)
        }
        let fields = try store.fields(named: nil, of: DocumentFilter(document: document), minimumConfidence: nil, includeNotFound: true).map(\.field)
        let answers = try store.answers(of: document).reversed()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let source = DocumentReport.Source(
            id: record.id, name: record.originalName, mediaType: record.mediaType.rawValue, sha256: record.sha256,
            submittedAt: formatter.string(from: Date(timeIntervalSince1970: record.createdAt)), pages: pages.count)
        let report = ReportBuilder().build(
            source: source, pages: pages, type: type ?? record.documentType, fields: type != nil ? [] : record.documentType == nil ? nil : fields,
            answers: Array(answers))
        return (report, pages)
    }

    /// What to hide in the report of a medical document, a DICOM image or a member of a study: what
    /// its own labels and those of the other files of its studies give, and the DICOM attributes of
    /// its study's images. Nil for other documents.
    public static func identifiersToHide(in report: DocumentReport, pages: [Page], store: any Store) throws -> PatientIdentifiers? {
        let id = report.document.id
        let studies = try store.studies().filter { $0.members.contains { $0.document.id == id } }
        guard report.type == .medicalReport || report.document.mediaType == MediaType.dicom.rawValue || !studies.isEmpty else { return nil }
        let others = Set(studies.flatMap(\.members).map(\.document.id)).subtracting([id]).sorted()
        let dicom = try ([id] + others).compactMap { try store.imageMetadata(of: $0)?.dicom }
        return Redaction.identifiers(dicom: dicom, pages: pages + (try others.flatMap { try store.pages(of: $0) }))
    }
}
