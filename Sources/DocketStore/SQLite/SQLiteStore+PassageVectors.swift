import DocketModel
import Foundation
import GRDB

extension SQLiteStore {
    public func documentsWithoutVectors(model: EncoderModel, in filter: DocumentFilter) throws -> [Int64] {
        let documents = filter.conditions(on: "d")
        return try database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT d.id FROM documents d
                WHERE EXISTS (SELECT 1 FROM pages p WHERE p.document_id = d.id)
                  AND NOT EXISTS (SELECT 1 FROM embedded_documents e WHERE e.document_id = d.id AND e.model = ? AND e.dimension = ?)\(documents.sql)
                ORDER BY d.id
                """, arguments: [model.name, model.dimension] + documents.arguments)
        }
    }

    public func replacePassageVectors(of document: Int64, with vectors: [PassageVector], model: EncoderModel) throws {
        let now = clock.now()
        try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)", arguments: [document]) == true else {
                throw StoreError.documentNotFound(document)
            }
            try Self.replacePassageVectors(db, document: document, with: vectors, model: model, now: now)
        }
    }

    static func replacePassageVectors(_ db: Database, document: Int64, with vectors: [PassageVector], model: EncoderModel, now: Double) throws {
        try deletePassageVectors(db, document: document)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO passage_vectors (document_id, page_number, passage, x0, y0, x1, y1, text, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for vector in vectors {
            let box = vector.passage.box
            try insert.execute(arguments: [
                document, vector.page, vector.passage.index, box.x0, box.y0, box.x1, box.y1, vector.passage.text,
                Data(PassageVector.bytes(of: vector.vector)),
            ])
        }
        try db.execute(sql: "INSERT INTO embedded_documents (document_id, model, dimension, embedded_at) VALUES (?, ?, ?, ?)",
                       arguments: [document, model.name, model.dimension, now])
    }

    /// Vectors of text that is being replaced are stale.
    static func deletePassageVectors(_ db: Database, document: Int64) throws {
        try db.execute(sql: "DELETE FROM passage_vectors WHERE document_id = ?", arguments: [document])
        try db.execute(sql: "DELETE FROM embedded_documents WHERE document_id = ?", arguments: [document])
    }

    public func passageVectors(model: EncoderModel, in filter: DocumentFilter) throws -> [StoredPassageVector] {
        let documents = filter.conditions(on: "d")
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.document_id, d.original_name, d.document_type, v.page_number, v.passage, v.x0, v.y0, v.x1, v.y1, v.text, v.vector
                FROM passage_vectors v JOIN embedded_documents e ON e.document_id = v.document_id JOIN documents d ON d.id = v.document_id
                WHERE e.model = ? AND e.dimension = ?\(documents.sql)
                ORDER BY v.document_id, v.page_number, v.passage
                """, arguments: [model.name, model.dimension] + documents.arguments).map { row in
                let vectorBytes: Data = row["vector"]
                return StoredPassageVector(
                    documentID: row["document_id"], documentName: row["original_name"],
                    documentType: (row["document_type"] as String?).flatMap(DocumentType.init(rawValue:)),
                    passageVector: PassageVector(
                        page: row["page_number"],
                        passage: Passage(index: row["passage"], text: row["text"],
                                         box: Box(x0: row["x0"], y0: row["y0"], x1: row["x1"], y1: row["y1"])),
                        vector: PassageVector.vector(from: vectorBytes)))
            }
        }
    }
}
