import DocketModel
import Foundation
import GRDB

extension DocumentFilter {
    /// SQL conditions on the documents table under `alias`, each starting with AND, and their arguments.
    func conditions(on alias: String) -> (sql: String, arguments: StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        if let document {
            sql += " AND \(alias).id = ?"
            arguments += [document]
        }
        if let type {
            sql += " AND \(alias).document_type = ?"
            arguments += [type.rawValue]
        }
        if let since {
            sql += " AND \(alias).created_at >= ?"
            arguments += [since]
        }
        if let until {
            sql += " AND \(alias).created_at < ?"
            arguments += [until]
        }
        return (sql, arguments)
    }
}

extension SQLiteStore {
    /// Records what kind of document it is and replaces its fields. Call inside the transaction
    /// that completes the job.
    static func replaceFields(
        _ db: Database, document id: Int64, job: Int64?, type: DocumentType, fields: [DocumentField], now: Double
    ) throws {
        try db.execute(sql: "UPDATE documents SET document_type = ? WHERE id = ?", arguments: [type.rawValue, id])
        try db.execute(sql: "DELETE FROM fields WHERE document_id = ?", arguments: [id])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO fields (document_id, job_id, name, text, value, value_kind, value_unit, confidence,
                                page, x0, y0, x1, y1, word_numbers, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for field in fields {
            let answer = field.answer
            let evidence = answer.evidence
            try insert.execute(arguments: [
                id, job, field.name, answer.text, answer.value?.text, answer.value?.kind.rawValue, answer.value?.unit,
                answer.confidence, evidence?.page, evidence?.box.x0, evidence?.box.y0, evidence?.box.x1, evidence?.box.y1,
                evidence.map(Self.wordNumbersJSON), now,
            ])
        }
    }

    /// Fields of the documents the filter selects, by document then field name. A field not found
    /// in its document is listed only when `includeNotFound`.
    public func fields(
        named name: String? = nil, of filter: DocumentFilter = DocumentFilter(), minimumConfidence: Double? = nil,
        includeNotFound: Bool = false
    ) throws -> [FieldRow] {
        var sql = """
            SELECT f.*, d.original_name, d.document_type, d.created_at AS submitted_at
            FROM fields f JOIN documents d ON d.id = f.document_id WHERE 1
            """
        var arguments: StatementArguments = []
        if let name {
            sql += " AND f.name = ?"
            arguments += [name]
        }
        if let minimumConfidence {
            sql += " AND f.confidence >= ?"
            arguments += [minimumConfidence]
        }
        if !includeNotFound { sql += " AND f.text IS NOT NULL" }
        let documents = filter.conditions(on: "d")
        sql += documents.sql + " ORDER BY d.id, f.id"
        arguments += documents.arguments
        return try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                FieldRow(
                    documentID: row["document_id"], documentName: row["original_name"],
                    documentType: (row["document_type"] as String?).flatMap(DocumentType.init(rawValue:)),
                    field: DocumentField(name: row["name"], answer: Self.answer(row, question: row["name"], text: row["text"])))
            }
        }
    }

    static func wordNumbersJSON(_ evidence: Evidence) -> String {
        "[" + evidence.wordIndices.map(String.init).joined(separator: ",") + "]"
    }

    /// An answer from a row of answers or fields: its value and evidence columns.
    static func answer(_ row: Row, question: String, text: String?) -> Answer {
        var evidence: Evidence?
        if let page: Int = row["page"], let x0: Double = row["x0"] {
            let numbers: String = row["word_numbers"] ?? "[]"
            evidence = Evidence(page: page, box: Box(x0: x0, y0: row["y0"], x1: row["x1"], y1: row["y1"]),
                                wordIndices: (try? JSONDecoder().decode([Int].self, from: Data(numbers.utf8))) ?? [])
        }
        let value = (row["value_kind"] as String?).flatMap(NormalizedValue.Kind.init(rawValue:)).flatMap { kind in
            (row["value"] as String?).map { NormalizedValue(kind: kind, text: $0, unit: row["value_unit"]) }
        }
        return Answer(question: question, text: text, value: value, confidence: row["confidence"], evidence: evidence)
    }
}
