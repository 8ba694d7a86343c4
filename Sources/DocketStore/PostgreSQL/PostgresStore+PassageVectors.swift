import DocketModel
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    public func documentsWithoutVectors(model: EncoderModel, in filter: DocumentFilter) throws -> [Int64] {
        var statement = PostgresStatement()
        let name = statement.bind(model.name), dimension = statement.bind(model.dimension)
        let conditions = filter.conditions(on: "d", bindingTo: &statement)
        statement.sql = """
            SELECT d.id FROM documents d
            WHERE EXISTS (SELECT 1 FROM pages p WHERE p.document_id = d.id)
              AND NOT EXISTS (SELECT 1 FROM embedded_documents e WHERE e.document_id = d.id AND e.model = \(name) AND e.dimension = \(dimension))\(conditions)
            ORDER BY d.id
            """
        return try pool.withConnection { connection in
            try connection.run(statement.query).map { try $0.decode(Int64.self) }
        }
    }

    public func replacePassageVectors(of document: Int64, with vectors: [PassageVector], model: EncoderModel) throws {
        let now = clock.now()
        try pool.withTransaction { connection in
            guard try connection.run("SELECT id FROM documents WHERE id = \(document) FOR KEY SHARE").first != nil else {
                throw StoreError.documentNotFound(document)
            }
            try Self.replacePassageVectors(connection, document: document, with: vectors, model: model, now: now)
        }
    }

    static func replacePassageVectors(
        _ connection: PostgresConnection, document: Int64, with vectors: [PassageVector], model: EncoderModel, now: Double
    ) throws {
        try deletePassageVectors(connection, document: document)
        for vector in vectors {
            let box = vector.passage.box
            try connection.run("""
                INSERT INTO passage_vectors (document_id, page_number, passage, x0, y0, x1, y1, text, vector)
                VALUES (\(document), \(vector.page), \(vector.passage.index), \(box.x0), \(box.y0), \(box.x1), \(box.y1),
                        \(vector.passage.text), \(ByteBuffer(bytes: PassageVector.bytes(of: vector.vector))))
                """)
        }
        try connection.run("""
            INSERT INTO embedded_documents (document_id, model, dimension, embedded_at) VALUES (\(document), \(model.name), \(model.dimension), \(now))
            """)
    }

    /// Vectors of text that is being replaced are stale.
    static func deletePassageVectors(_ connection: PostgresConnection, document: Int64) throws {
        try connection.run("DELETE FROM passage_vectors WHERE document_id = \(document)")
        try connection.run("DELETE FROM embedded_documents WHERE document_id = \(document)")
    }

    public func passageVectors(model: EncoderModel, in filter: DocumentFilter) throws -> [StoredPassageVector] {
        var statement = PostgresStatement()
        let name = statement.bind(model.name), dimension = statement.bind(model.dimension)
        let conditions = filter.conditions(on: "d", bindingTo: &statement)
        statement.sql = """
            SELECT v.document_id, d.original_name, d.document_type, v.page_number, v.passage, v.x0, v.y0, v.x1, v.y1, v.text, v.vector
            FROM passage_vectors v JOIN embedded_documents e ON e.document_id = v.document_id JOIN documents d ON d.id = v.document_id
            WHERE e.model = \(name) AND e.dimension = \(dimension)\(conditions)
            ORDER BY v.document_id, v.page_number, v.passage
            """
        return try pool.withConnection { connection in
            try connection.run(statement.query).map { row in
                let (document, documentName, type, page, passage, x0, y0, x1, y1, text, vector) =
                    try row.decode((Int64, String, String?, Int, Int, Double, Double, Double, Double, String, ByteBuffer).self)
                return StoredPassageVector(
                    documentID: document, documentName: documentName, documentType: type.flatMap(DocumentType.init(rawValue:)),
                    passageVector: PassageVector(
                        page: page, passage: Passage(index: passage, text: text, box: Box(x0: x0, y0: y0, x1: x1, y1: y1)),
                        vector: PassageVector.vector(from: vector.readableBytesView)))
            }
        }
    }
}
