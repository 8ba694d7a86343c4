import Crypto
import DocketModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Adds the document to the study named `key`, creating the study if needed.
    static func addToStudy(_ db: Database, key: String, document: Int64, role: Study.Role, now: Double) throws {
        try db.execute(sql: "INSERT INTO studies (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", arguments: [key, now])
        try db.execute(sql: """
            INSERT INTO study_documents (study_id, document_id, role) SELECT id, ?, ? FROM studies WHERE key = ?
            ON CONFLICT DO NOTHING
            """, arguments: [document, role.rawValue, key])
    }

    /// Stores what the job learned about an image document. Call inside the transaction that
    /// completes the job.
    static func replaceImageMetadata(_ db: Database, document id: Int64, with metadata: ImageMetadata) throws {
        let dicom = metadata.dicom
        try db.execute(sql: """
            INSERT OR REPLACE INTO image_metadata (document_id, width_px, height_px, resolution, modality, body_part, study_date,
                study_description, patient_name, patient_id, patient_birth_date, study_instance_uid, study_id, accession_number, preview)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                id, metadata.widthPixels, metadata.heightPixels, metadata.resolution, dicom?.modality, dicom?.bodyPart, dicom?.studyDate,
                dicom?.studyDescription, dicom?.patientName, dicom?.patientID, dicom?.patientBirthDate, dicom?.studyInstanceUID,
                dicom?.studyID, dicom?.accessionNumber, metadata.preview.map { Data($0) },
            ])
    }

    public func imageMetadata(of id: Int64) throws -> ImageMetadata? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM image_metadata WHERE document_id = ?", arguments: [id]).map { row in
                let hasDICOM = (row["modality"] as String?) != nil || (row["study_instance_uid"] as String?) != nil
                return ImageMetadata(
                    widthPixels: row["width_px"], heightPixels: row["height_px"], resolution: row["resolution"],
                    dicom: hasDICOM ? DICOMAttributes(
                        modality: row["modality"], bodyPart: row["body_part"], studyDate: row["study_date"],
                        studyDescription: row["study_description"], patientName: row["patient_name"], patientID: row["patient_id"],
                        patientBirthDate: row["patient_birth_date"], studyInstanceUID: row["study_instance_uid"],
                        studyID: row["study_id"], accessionNumber: row["accession_number"]) : nil,
                    preview: (row["preview"] as Data?).map { [UInt8]($0) })
            }
        }
    }

    /// Joins an image and the medical reports that share its accession number into one study
    /// (`studyKey(accession:)`): the image's DICOM attribute against the numbers a report's text
    /// gives after "Accession". Call when either has been read, inside its completing transaction.
    static func pairByAccessionNumber(_ db: Database, document id: Int64, now: Double) throws {
        if let accession = try String.fetchOne(db, sql: "SELECT accession_number FROM image_metadata WHERE document_id = ?", arguments: [id]) {
            let phrase = ftsQuery("\"\(accession)\"")
            guard !phrase.isEmpty else { return }
            // The full-text index finds the pages that hold the number without reading every page,
            // which matters inside the transaction that completes the job.
            let reports = try Row.fetchAll(db, sql: """
                SELECT p.document_id, p.text FROM page_search JOIN pages p ON p.id = page_search.rowid
                JOIN documents d ON d.id = p.document_id
                WHERE page_search MATCH ? AND d.document_type = 'medical-report'
                """, arguments: [phrase])
            for report in reports where accessionNumbers(in: report["text"]).contains(accession) {
                try addToStudy(db, key: try studyKey(db, accession: accession), document: id, role: .image, now: now)
                try addToStudy(db, key: try studyKey(db, accession: accession), document: report["document_id"], role: .report, now: now)
            }
            return
        }
        let text = try String.fetchAll(db, sql: "SELECT text FROM pages WHERE document_id = ? ORDER BY number", arguments: [id]).joined(separator: "\n")
        for accession in accessionNumbers(in: text) {
            let images = try Int64.fetchAll(db, sql: "SELECT document_id FROM image_metadata WHERE accession_number = ?", arguments: [accession])
            for image in images {
                try addToStudy(db, key: try studyKey(db, accession: accession), document: image, role: .image, now: now)
                try addToStudy(db, key: try studyKey(db, accession: accession), document: id, role: .report, now: now)
            }
        }
    }

    /// The key of the study an accession number makes: "acc-" and 12 hex digits of the number's
    /// HMAC-SHA256 under this database's own secret, so that listing studies does not print
    /// accession numbers and a key cannot be traced back to its number by hashing likely ones.
    static func studyKey(_ db: Database, accession: String) throws -> String {
        // Migration 0008 draws the secret; a database whose secret was deleted gets a new one.
        try db.execute(sql: "INSERT INTO secrets (name, value) VALUES ('study-key', randomblob(32)) ON CONFLICT (name) DO NOTHING")
        let secret = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = 'study-key'") ?? Data()
        let code = HMAC<SHA256>.authenticationCode(for: Data(accession.utf8), using: SymmetricKey(data: secret))
        return "acc-" + code.prefix(6).hexString
    }

    /// "Accession No: ACC-2026-0042", "Accession #: 123456" -> the numbers.
    static func accessionNumbers(in text: String) -> [String] {
        var numbers: [String] = []
        var rest = Substring(text)
        while let found = rest.range(of: "accession", options: .caseInsensitive) {
            rest = rest[found.upperBound...]
            let tail = rest.drop { !$0.isWhitespace && $0 != ":" && $0 != "#" }   // "number", "no."
            var afterLabel = tail.drop { $0.isWhitespace || $0 == ":" || $0 == "#" || $0 == "." }
            for word in ["number", "no", "nr", "num"] where afterLabel.lowercased().hasPrefix(word) {
                afterLabel = afterLabel.dropFirst(word.count).drop { $0.isWhitespace || $0 == ":" || $0 == "#" || $0 == "." }
            }
            let number = afterLabel.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            let trimmed = String(number).trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
            if trimmed.count >= 3, trimmed.contains(where: \.isNumber) { numbers.append(trimmed) }
        }
        return numbers
    }

    public func study(key: String) throws -> Study? {
        try database.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM studies WHERE key = ?", arguments: [key]) else { return nil }
            let members = try Row.fetchAll(db, sql: """
                SELECT s.role, \(Self.documentColumns.split(separator: ",").map { "d." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                FROM study_documents s JOIN documents d ON d.id = s.document_id WHERE s.study_id = ? ORDER BY s.role, d.id
                """, arguments: [id]).map { row in
                Study.Member(document: Self.documentRecord(row), role: Study.Role(rawValue: row["role"]) ?? .report)
            }
            return Study(id: id, key: key, members: members)
        }
    }

    public func studies() throws -> [Study] {
        let keys = try database.read { db in try String.fetchAll(db, sql: "SELECT key FROM studies ORDER BY id") }
        return try keys.compactMap { try study(key: $0) }
    }

    /// Keeps the document's report (JSON) as its latest. Call inside the completing transaction.
    static func replaceReport(_ db: Database, document id: Int64, job: Int64?, json: String, now: Double) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO reports (document_id, job_id, report, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [id, job, json, now])
    }

    public func storedReport(of id: Int64) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT report FROM reports WHERE document_id = ?", arguments: [id]) }
    }
}
