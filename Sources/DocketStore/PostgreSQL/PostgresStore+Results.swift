import Crypto
import DocketModel
import Foundation
import PostgresNIO

// MARK: Documents

extension PostgresStore {
    /// Stores `content` unless a document with the same sha256 is already stored; returns its id
    /// and whether it was already there. Two transactions storing the same new bytes at once both
    /// end with the one row.
    static func insertDocument(
        _ connection: PostgresConnection, content: DocumentContent, sha256: String, mediaType: MediaType, originalName: String, now: Double
    ) throws -> (id: Int64, reused: Bool) {
        if let existing = try storedDocument(connection, sha256: sha256) { return (existing, true) }
        if let inserted = try connection.run("""
            INSERT INTO documents (sha256, media_type, byte_count, original_name, created_at)
            VALUES (\(sha256), \(mediaType.rawValue), \(content.count), \(originalName), \(now))
            ON CONFLICT (sha256) DO NOTHING RETURNING id
            """).first {
            let id = try inserted.decode(Int64.self)
            try connection.run("INSERT INTO document_contents (document_id, content) VALUES (\(id), \(ByteaContent(content: content)))")
            return (id, false)
        }
        return (try storedDocument(connection, sha256: sha256)!, true)
    }

    /// The id of the document stored with these bytes, if any.
    static func storedDocument(_ connection: PostgresConnection, sha256: String) throws -> Int64? {
        try connection.run("SELECT id FROM documents WHERE sha256 = \(sha256)").first?.decode(Int64.self)
    }

    static let documentColumns = "d.id, d.sha256, d.media_type, d.byte_count, d.original_name, d.created_at, d.document_type"
    typealias DocumentColumns = (Int64, String, String, Int, String, Double, String?)

    static func documentRecord(_ columns: DocumentColumns) -> DocumentRecord {
        DocumentRecord(
            id: columns.0, sha256: columns.1, mediaType: MediaType(rawValue: columns.2) ?? .pdf, byteCount: columns.3,
            originalName: columns.4, createdAt: columns.5, documentType: columns.6.flatMap(DocumentType.init(rawValue:)))
    }

    public func document(_ id: Int64) throws -> DocumentRecord {
        try pool.withConnection { connection in
            guard let row = try connection.run(
                "SELECT \(unescaped: Self.documentColumns) FROM documents d WHERE d.id = \(id)").first
            else { throw StoreError.documentNotFound(id) }
            return Self.documentRecord(try row.decode(DocumentColumns.self))
        }
    }

    /// The document's original bytes, as submitted, and their type.
    public func content(of id: Int64) throws -> (MediaType, [UInt8]) {
        try pool.withConnection { connection in
            guard let row = try connection.run("""
                SELECT d.media_type, c.content FROM documents d JOIN document_contents c ON c.document_id = d.id WHERE d.id = \(id)
                """).first else {
                throw StoreError.documentNotFound(id)
            }
            let (type, content) = try row.decode((String, ByteBuffer).self)
            guard let mediaType = MediaType(rawValue: type) else { throw StoreError.documentNotFound(id) }
            return (mediaType, Array(content.readableBytesView))
        }
    }

    public func summary(of id: Int64) throws -> DocumentSummary {
        guard let summary = try summaries(of: DocumentFilter(document: id)).first else { throw StoreError.documentNotFound(id) }
        return summary
    }

    /// The summaries of the documents the filter selects (all by default), oldest first, in one
    /// pass over the pages.
    public func summaries(of filter: DocumentFilter) throws -> [DocumentSummary] {
        var statement = PostgresStatement("""
            SELECT \(Self.documentColumns),
                   coalesce(p.pages, 0), coalesce(p.words, 0), p.confidence, coalesce(p.sources, ''), r.seconds
            FROM documents d
            LEFT JOIN (
                SELECT document_id, count(*) AS pages, sum(word_count)::bigint AS words,
                       sum(mean_confidence * word_count) / nullif(sum(CASE WHEN mean_confidence IS NULL THEN 0 ELSE word_count END), 0) AS confidence,
                       string_agg(DISTINCT source, ',') AS sources
                FROM pages GROUP BY document_id
            ) p ON p.document_id = d.id
            LEFT JOIN document_runs r ON r.document_id = d.id
            WHERE true
            """)
        filter.appendConditions(on: "d", to: &statement)
        statement.sql += " ORDER BY d.id"
        return try pool.withConnection { connection in
            try connection.run(statement.query).map { row in
                let (id, sha256, type, bytes, name, created, documentType, pages, words, confidence, sources, seconds) =
                    try row.decode((Int64, String, String, Int, String, Double, String?, Int, Int, Double?, String, Double?).self)
                let textSources = sources.split(separator: ",").compactMap { TextSource(rawValue: String($0)) }
                return DocumentSummary(
                    document: Self.documentRecord((id, sha256, type, bytes, name, created, documentType)), pageCount: pages,
                    wordCount: words, sources: textSources.sorted { $0.rawValue > $1.rawValue }, meanConfidence: confidence, seconds: seconds)
            }
        }
    }

    /// The id of the document with these bytes, if they were stored and read.
    public func readDocument(sha256: String) throws -> Int64? {
        try pool.withConnection { connection in
            try connection.run("""
                SELECT id FROM documents WHERE sha256 = \(sha256) AND EXISTS (SELECT 1 FROM pages WHERE document_id = documents.id)
                """).first?.decode(Int64.self)
        }
    }

    /// Stores the documents with their pages and fields, all in one transaction.
    public func insertReadDocuments(_ documents: [ReadDocument]) throws {
        try pool.withTransaction { connection in
            for document in documents {
                let id = try Self.insertDocument(connection, content: .bytes(document.content), sha256: document.sha256, mediaType: document.mediaType,
                                                 originalName: document.originalName, now: document.submittedAt).id
                try Self.replacePages(connection, document: id, with: document.pages)
                try Self.replaceFields(connection, document: id, job: nil, type: document.type, fields: document.fields, now: document.submittedAt)
            }
        }
    }
}

// MARK: Pages

extension PostgresStore {
    /// Holds the pages in memory: the completing transaction writes them with a few array-bound
    /// statements per page, which takes no lock that other writers wait on.
    public func stage(_ pages: [Page]) throws -> StagedPages {
        StagedPages(storage: .held(pages))
    }

    /// Nothing to drop: staged pages are only held in memory.
    public func discard(_ staged: StagedPages) throws {}

    /// Replaces the document's pages, lines, words and layout with `pages`. Lines and words go
    /// in as arrays, one statement per page for each, not one per row.
    static func replacePages(_ connection: PostgresConnection, document id: Int64, with pages: [Page]) throws {
        try connection.run("DELETE FROM pages WHERE document_id = \(id)")
        try deletePassageVectors(connection, document: id)
        for page in pages {
            let pageID = try connection.run("""
                INSERT INTO pages (document_id, number, width, height, source, mean_confidence, word_count, text, pictures_unread,
                                   turned_to_read)
                VALUES (\(id), \(page.number), \(page.width), \(page.height), \(page.source.rawValue), \(page.meanConfidence),
                        \(page.words.count), \(page.text), \(page.picturesUnread), \(page.turnedToRead))
                RETURNING id
                """).first!.decode(Int64.self)
            if !page.lines.isEmpty {
                let lines = page.lines
                try connection.run("""
                    INSERT INTO lines (page_id, number, x0, y0, x1, y1, text)
                    SELECT \(pageID), number - 1, x0, y0, x1, y1, text
                    FROM unnest(\(lines.map(\.box.x0)), \(lines.map(\.box.y0)), \(lines.map(\.box.x1)), \(lines.map(\.box.y1)),
                                \(lines.map(\.text))) WITH ORDINALITY AS l (x0, y0, x1, y1, text, number)
                    """)
            }
            if !page.words.isEmpty {
                let words = page.words
                // An empty source stands for NULL: arrays of optionals do not bind.
                try connection.run("""
                    INSERT INTO words (page_id, number, line_number, x0, y0, x1, y1, confidence, text, source)
                    SELECT \(pageID), number - 1, line_number, x0, y0, x1, y1, confidence, text, nullif(source, '')
                    FROM unnest(\(page.lineNumberOfEachWord), \(words.map(\.box.x0)), \(words.map(\.box.y0)), \(words.map(\.box.x1)),
                                \(words.map(\.box.y1)), \(words.map(\.confidence)), \(words.map(\.text)),
                                \(words.map { $0.source?.rawValue ?? "" }))
                         WITH ORDINALITY AS w (line_number, x0, y0, x1, y1, confidence, text, source, number)
                    """)
            }
            try insertLayout(connection, page: pageID, layout: page.layout)
        }
    }

    /// The document's pages as read, with their words and lines.
    public func pages(of id: Int64) throws -> [Page] {
        try pool.withConnection { connection in try Self.pages(connection, document: id) }
    }

    /// The document's pages as an earlier job read them, or nil when it has not been read.
    public func storedPages(of id: Int64) throws -> [Page]? {
        try pool.withConnection { connection in
            let pages = try Self.pages(connection, document: id)
            return pages.isEmpty ? nil : pages
        }
    }

    static func pages(_ connection: PostgresConnection, document id: Int64) throws -> [Page] {
        let pageRows = try connection.run("""
            SELECT id, number, width, height, source, layout_analyzed, pictures_unread, turned_to_read
            FROM pages WHERE document_id = \(id) ORDER BY number
            """).map { try $0.decode((Int64, Int, Double, Double, String, Bool, Int, Int).self) }
        return try pageRows.map { pageID, number, width, height, source, layoutAnalyzed, picturesUnread, turnedToRead in
            let wordRows = try connection.run("""
                SELECT line_number, x0, y0, x1, y1, confidence, text, source FROM words WHERE page_id = \(pageID) ORDER BY number
                """).map { try $0.decode((Int, Double, Double, Double, Double, Double, String, String?).self) }
            var wordsOfLine: [Int: [Int]] = [:]
            for (index, wordRow) in wordRows.enumerated() { wordsOfLine[wordRow.0, default: []].append(index) }
            let words = wordRows.map { _, x0, y0, x1, y1, confidence, text, source in
                Word(text: text, box: Box(x0: x0, y0: y0, x1: x1, y1: y1), confidence: confidence,
                     source: source.flatMap(TextSource.init(rawValue:)))
            }
            let lines = try connection.run("""
                SELECT number, x0, y0, x1, y1, text FROM lines WHERE page_id = \(pageID) ORDER BY number
                """).map { row in
                let (number, x0, y0, x1, y1, text) = try row.decode((Int, Double, Double, Double, Double, String).self)
                return Line(wordIndices: wordsOfLine[number] ?? [], box: Box(x0: x0, y0: y0, x1: x1, y1: y1), text: text)
            }
            return Page(number: number, width: width, height: height, source: TextSource(rawValue: source) ?? .ocr,
                        words: words, lines: lines, layout: layoutAnalyzed ? try layout(connection, page: pageID) : nil,
                        picturesUnread: picturesUnread, turnedToRead: turnedToRead)
        }
    }
}

// MARK: Answers and fields

extension PostgresStore {
    static func insertAnswers(_ connection: PostgresConnection, document id: Int64, job: Int64?, answers: [Answer], now: Double) throws {
        for answer in answers {
            let evidence = answer.evidence
            try connection.run("""
                INSERT INTO answers (document_id, job_id, question, answer, value, value_kind, value_unit,
                                     confidence, page, x0, y0, x1, y1, word_numbers, created_at, answered_by)
                VALUES (\(id), \(job), \(answer.question), \(answer.text), \(answer.value?.text), \(answer.value?.kind.rawValue),
                        \(answer.value?.unit), \(answer.confidence), \(evidence?.page), \(evidence?.box.x0), \(evidence?.box.y0),
                        \(evidence?.box.x1), \(evidence?.box.y1), \(evidence.map(SQLiteStore.wordNumbersJSON)), \(now),
                        \(answer.answeredBy?.rawValue))
                """)
        }
    }

    /// Records what kind of document it is and replaces its fields.
    static func replaceFields(
        _ connection: PostgresConnection, document id: Int64, job: Int64?, type: DocumentType, fields: [DocumentField], now: Double
    ) throws {
        try connection.run("UPDATE documents SET document_type = \(type.rawValue) WHERE id = \(id)")
        try connection.run("DELETE FROM fields WHERE document_id = \(id)")
        for field in fields {
            let answer = field.answer
            let evidence = answer.evidence
            try connection.run("""
                INSERT INTO fields (document_id, job_id, name, text, value, value_kind, value_unit, confidence,
                                    page, x0, y0, x1, y1, word_numbers, created_at)
                VALUES (\(id), \(job), \(field.name), \(answer.text), \(answer.value?.text), \(answer.value?.kind.rawValue),
                        \(answer.value?.unit), \(answer.confidence), \(evidence?.page), \(evidence?.box.x0), \(evidence?.box.y0),
                        \(evidence?.box.x1), \(evidence?.box.y1), \(evidence.map(SQLiteStore.wordNumbersJSON)), \(now))
                """)
        }
    }

    /// The columns `answer(_:question:text:)` reads, after the question and text.
    static let answerColumns = "value, value_kind, value_unit, confidence, page, x0, y0, x1, y1, word_numbers"
    typealias AnswerColumns = (String?, String?, String?, Double, Int?, Double?, Double?, Double?, Double?, String?)

    /// The columns `storedAnswer(_:)` reads from an answers row, after the question and text.
    static let storedAnswerColumns = answerColumns + ", answered_by"

    /// An answers row of question, answer and `storedAnswerColumns`, with the answerer that gave it
    /// (a name this Docket does not know reads as none).
    static func storedAnswer(_ row: PostgresRow) throws -> Answer {
        let (question, text, value, kind, unit, confidence, page, x0, y0, x1, y1, words, answeredBy) =
            try row.decode((String, String?, String?, String?, String?, Double, Int?, Double?, Double?, Double?, Double?, String?, String?).self)
        var answer = answer((value, kind, unit, confidence, page, x0, y0, x1, y1, words), question: question, text: text)
        answer.answeredBy = answeredBy.flatMap(AnswererName.init(rawValue:))
        return answer
    }

    static func answer(_ columns: AnswerColumns, question: String, text: String?) -> Answer {
        let (value, kind, unit, confidence, page, x0, y0, x1, y1, wordNumbers) = columns
        var evidence: Evidence?
        if let page, let x0, let y0, let x1, let y1 {
            evidence = Evidence(page: page, box: Box(x0: x0, y0: y0, x1: x1, y1: y1),
                                wordIndices: (try? JSONDecoder().decode([Int].self, from: Data((wordNumbers ?? "[]").utf8))) ?? [])
        }
        let normalized = kind.flatMap(NormalizedValue.Kind.init(rawValue:)).flatMap { kind in
            value.map { NormalizedValue(kind: kind, text: $0, unit: unit) }
        }
        return Answer(question: question, text: text, value: normalized, confidence: confidence, evidence: evidence)
    }

    /// The answers stored for the documents the filter selects, in the order they were given
    /// (by document), at least `minimumConfidence` confident: one query for them all.
    public func answers(of filter: DocumentFilter, minimumConfidence: Double?) throws -> [AnswerRow] {
        var statement = PostgresStatement("""
            SELECT a.document_id, d.original_name, a.question, a.answer,
                   \(Self.storedAnswerColumns.split(separator: ", ").map { "a." + $0 }.joined(separator: ", "))
            FROM answers a JOIN documents d ON d.id = a.document_id WHERE true
            """)
        if let minimumConfidence { statement.sql += " AND a.confidence >= \(statement.bind(minimumConfidence))" }
        filter.appendConditions(on: "d", to: &statement)
        statement.sql += " ORDER BY a.document_id, a.id"
        return try pool.withConnection { connection in
            try connection.run(statement.query).map { row in
                let (document, name, question, text, value, kind, unit, confidence, page, x0, y0, x1, y1, words, answeredBy) =
                    try row.decode((Int64, String, String, String?, String?, String?, String?, Double, Int?, Double?, Double?, Double?, Double?, String?, String?).self)
                var answer = Self.answer((value, kind, unit, confidence, page, x0, y0, x1, y1, words), question: question, text: text)
                answer.answeredBy = answeredBy.flatMap(AnswererName.init(rawValue:))
                return AnswerRow(documentID: document, documentName: name, answer: answer)
            }
        }
    }

    /// Answers stored for the document, newest first.
    public func answers(of id: Int64) throws -> [Answer] {
        try pool.withConnection { connection in
            try connection.run("""
                SELECT question, answer, \(unescaped: Self.storedAnswerColumns) FROM answers WHERE document_id = \(id) ORDER BY id DESC
                """).map(Self.storedAnswer)
        }
    }

    /// Fields of the documents the filter selects, by document then field name. A field not found
    /// in its document is listed only when `includeNotFound`.
    public func fields(named name: String?, of filter: DocumentFilter, minimumConfidence: Double?, includeNotFound: Bool) throws -> [FieldRow] {
        var statement = PostgresStatement("""
            SELECT f.document_id, d.original_name, d.document_type, f.name, f.text,
                   \(Self.answerColumns.split(separator: ", ").map { "f." + $0 }.joined(separator: ", "))
            FROM fields f JOIN documents d ON d.id = f.document_id WHERE true
            """)
        if let name { statement.sql += " AND f.name = \(statement.bind(name))" }
        if let minimumConfidence { statement.sql += " AND f.confidence >= \(statement.bind(minimumConfidence))" }
        if !includeNotFound { statement.sql += " AND f.text IS NOT NULL" }
        filter.appendConditions(on: "d", to: &statement)
        statement.sql += " ORDER BY d.id, f.id"
        return try pool.withConnection { connection in
            try connection.run(statement.query).map { row in
                let (document, documentName, type, name, text, value, kind, unit, confidence, page, x0, y0, x1, y1, words) =
                    try row.decode((Int64, String, String?, String, String?, String?, String?, String?, Double, Int?, Double?, Double?, Double?, Double?, String?).self)
                return FieldRow(
                    documentID: document, documentName: documentName, documentType: type.flatMap(DocumentType.init(rawValue:)),
                    field: DocumentField(name: name, answer: Self.answer((value, kind, unit, confidence, page, x0, y0, x1, y1, words),
                                                                         question: name, text: text)))
            }
        }
    }
}

// MARK: Images, studies and reports

extension PostgresStore {
    public func imageMetadata(of id: Int64) throws -> ImageMetadata? {
        try pool.withConnection { connection in
            try connection.run("""
                SELECT width_px, height_px, resolution, modality, body_part, study_date, study_description, patient_name, patient_id,
                       patient_birth_date, study_instance_uid, study_id, accession_number, preview
                FROM image_metadata WHERE document_id = \(id)
                """).first.map { row in
                let (width, height, resolution, modality, bodyPart, studyDate, description, patientName, patientID, birthDate,
                     studyInstanceUID, studyID, accession, preview) =
                    try row.decode((Int, Int, Double?, String?, String?, String?, String?, String?, String?, String?, String?, String?, String?, ByteBuffer?).self)
                let hasDICOM = modality != nil || studyInstanceUID != nil
                return ImageMetadata(
                    widthPixels: width, heightPixels: height, resolution: resolution,
                    dicom: hasDICOM ? DICOMAttributes(
                        modality: modality, bodyPart: bodyPart, studyDate: studyDate, studyDescription: description,
                        patientName: patientName, patientID: patientID, patientBirthDate: birthDate,
                        studyInstanceUID: studyInstanceUID, studyID: studyID, accessionNumber: accession) : nil,
                    preview: preview.map { Array($0.readableBytesView) })
            }
        }
    }

    /// Adds the document to the study named `key`, creating the study if needed.
    static func addToStudy(_ connection: PostgresConnection, key: String, document: Int64, role: Study.Role, now: Double) throws {
        try connection.run("INSERT INTO studies (key, created_at) VALUES (\(key), \(now)) ON CONFLICT (key) DO NOTHING")
        try connection.run("""
            INSERT INTO study_documents (study_id, document_id, role) SELECT id, \(document), \(role.rawValue) FROM studies WHERE key = \(key)
            ON CONFLICT DO NOTHING
            """)
    }

    /// Joins an image and the medical reports that share its accession number into one study, as
    /// `SQLiteStore.pairByAccessionNumber` does: the search index finds the report pages that hold the number.
    static func pairByAccessionNumber(_ connection: PostgresConnection, document id: Int64, now: Double) throws {
        if let accession = try connection.run(
            "SELECT accession_number FROM image_metadata WHERE document_id = \(id)").first?.decode(String?.self) {
            let reports = try connection.run("""
                SELECT p.document_id, p.text FROM pages p JOIN documents d ON d.id = p.document_id
                WHERE p.search_vector @@ phraseto_tsquery('docket_search', \(accession)) AND d.document_type = 'medical-report'
                """).map { try $0.decode((Int64, String).self) }
            for (report, text) in reports where SQLiteStore.accessionNumbers(in: text).contains(accession) {
                let key = try studyKey(connection, accession: accession)
                try addToStudy(connection, key: key, document: id, role: .image, now: now)
                try addToStudy(connection, key: key, document: report, role: .report, now: now)
            }
            return
        }
        let text = try connection.run("SELECT text FROM pages WHERE document_id = \(id) ORDER BY number")
            .map { try $0.decode(String.self) }.joined(separator: "\n")
        for accession in SQLiteStore.accessionNumbers(in: text) {
            let images = try connection.run("SELECT document_id FROM image_metadata WHERE accession_number = \(accession)")
                .map { try $0.decode(Int64.self) }
            for image in images {
                let key = try studyKey(connection, accession: accession)
                try addToStudy(connection, key: key, document: image, role: .image, now: now)
                try addToStudy(connection, key: key, document: id, role: .report, now: now)
            }
        }
    }

    /// The key of the study an accession number makes, as on SQLite: "acc-" and 12 hex digits of
    /// the number's HMAC-SHA256 under this database's secret.
    static func studyKey(_ connection: PostgresConnection, accession: String) throws -> String {
        // The schema draws the secret; a database whose secret was deleted gets a new one.
        try connection.run("INSERT INTO secrets (name) VALUES ('study-key') ON CONFLICT (name) DO NOTHING")
        let secret = try connection.run("SELECT value FROM secrets WHERE name = 'study-key'").first?.decode(ByteBuffer.self)
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(accession.utf8), using: SymmetricKey(data: Data(secret.map { Array($0.readableBytesView) } ?? [])))
        return "acc-" + code.prefix(6).hexString
    }

    public func study(key: String) throws -> Study? {
        try pool.withConnection { connection in try Self.study(connection, key: key) }
    }

    private static func study(_ connection: PostgresConnection, key: String) throws -> Study? {
        guard let id = try connection.run("SELECT id FROM studies WHERE key = \(key)").first?.decode(Int64.self) else { return nil }
        let members = try connection.run("""
            SELECT s.role, \(unescaped: documentColumns)
            FROM study_documents s JOIN documents d ON d.id = s.document_id WHERE s.study_id = \(id) ORDER BY s.role, d.id
            """).map { row in
            let (role, id, sha256, type, bytes, name, created, documentType) =
                try row.decode((String, Int64, String, String, Int, String, Double, String?).self)
            return Study.Member(document: documentRecord((id, sha256, type, bytes, name, created, documentType)),
                                role: Study.Role(rawValue: role) ?? .report)
        }
        return Study(id: id, key: key, members: members)
    }

    public func studies() throws -> [Study] {
        try pool.withConnection { connection in
            let keys = try connection.run("SELECT key FROM studies ORDER BY id").map { try $0.decode(String.self) }
            return try keys.compactMap { try Self.study(connection, key: $0) }
        }
    }

    public func storedReport(of id: Int64) throws -> String? {
        try pool.withConnection { connection in
            try connection.run("SELECT report FROM reports WHERE document_id = \(id)").first?.decode(String.self)
        }
    }
}
