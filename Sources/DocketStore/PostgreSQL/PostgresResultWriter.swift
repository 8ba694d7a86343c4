import DocketModel
import PostgresNIO

/// Writes a job's results inside the transaction that completes the job, so that they commit
/// with its success or not at all.
struct PostgresResultWriter: ResultWriter {
    private let connection: PostgresConnection
    /// When the job completed: the time its results are stored under.
    public let now: Double

    init(connection: PostgresConnection, now: Double) {
        self.connection = connection
        self.now = now
    }

    /// Replaces the document's pages, lines, words and layout with `pages`.
    public func replacePages(of document: Int64, with pages: [Page]) throws {
        try PostgresStore.replacePages(connection, document: document, with: pages)
    }

    /// Replaces the document's pages with those `stage(_:)` held in memory: PostgreSQL writes
    /// them in the completing transaction without keeping other writers waiting.
    public func replacePages(of document: Int64, withStaged staged: StagedPages) throws {
        guard case .held(let pages) = staged.storage else {
            preconditionFailure("pages staged by another store cannot be written to PostgreSQL")
        }
        try PostgresStore.replacePages(connection, document: document, with: pages)
    }

    /// Records how long reading the document took, and which job read it.
    public func recordRun(of document: Int64, job: Int64, seconds: Double) throws {
        try connection.run("""
            INSERT INTO document_runs (document_id, job_id, seconds, finished_at) VALUES (\(document), \(job), \(seconds), \(now))
            ON CONFLICT (document_id) DO UPDATE SET job_id = excluded.job_id, seconds = excluded.seconds, finished_at = excluded.finished_at
            """)
    }

    public func insertAnswers(_ answers: [Answer], of document: Int64, job: Int64?) throws {
        try PostgresStore.insertAnswers(connection, document: document, job: job, answers: answers, now: now)
    }

    /// Records what kind of document it is and replaces its fields.
    public func replaceFields(of document: Int64, job: Int64?, type: DocumentType, fields: [DocumentField]) throws {
        try PostgresStore.replaceFields(connection, document: document, job: job, type: type, fields: fields, now: now)
    }

    public func replaceImageMetadata(of document: Int64, with metadata: ImageMetadata) throws {
        let dicom = metadata.dicom
        try connection.run("""
            INSERT INTO image_metadata (document_id, width_px, height_px, resolution, modality, body_part, study_date,
                study_description, patient_name, patient_id, patient_birth_date, study_instance_uid, study_id, accession_number, preview)
            VALUES (\(document), \(metadata.widthPixels), \(metadata.heightPixels), \(metadata.resolution), \(dicom?.modality),
                \(dicom?.bodyPart), \(dicom?.studyDate), \(dicom?.studyDescription), \(dicom?.patientName), \(dicom?.patientID),
                \(dicom?.patientBirthDate), \(dicom?.studyInstanceUID), \(dicom?.studyID), \(dicom?.accessionNumber),
                \(metadata.preview.map { ByteBuffer(bytes: $0) }))
            ON CONFLICT (document_id) DO UPDATE SET width_px = excluded.width_px, height_px = excluded.height_px,
                resolution = excluded.resolution, modality = excluded.modality, body_part = excluded.body_part,
                study_date = excluded.study_date, study_description = excluded.study_description,
                patient_name = excluded.patient_name, patient_id = excluded.patient_id,
                patient_birth_date = excluded.patient_birth_date, study_instance_uid = excluded.study_instance_uid,
                study_id = excluded.study_id, accession_number = excluded.accession_number, preview = excluded.preview
            """)
    }

    public func replaceReport(of document: Int64, job: Int64?, json: String) throws {
        try connection.run("""
            INSERT INTO reports (document_id, job_id, report, created_at) VALUES (\(document), \(job), \(json), \(now))
            ON CONFLICT (document_id) DO UPDATE SET job_id = excluded.job_id, report = excluded.report, created_at = excluded.created_at
            """)
    }

    /// Joins the document into a study with the images or reports that share its accession number.
    public func pairByAccessionNumber(_ document: Int64) throws {
        try PostgresStore.pairByAccessionNumber(connection, document: document, now: now)
    }
}
