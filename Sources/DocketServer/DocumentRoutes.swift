import DocketAnswer
import DocketEncoder
import DocketJSON
import DocketModel
import DocketQueue
import DocketReport
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension APIServer {
    // MARK: Submit

    /// `POST /v1/documents`: the body is the document (or one multipart part); stores it and
    /// queues a job to read it, unless `?job=false`.
    func submit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        var parameters = try SubmitParameters(request)
        let store = self.store, queue = self.queue, settings = self.settings
        if parameters.createsJob {
            let queued = try await onStore { try store.jobCounts()[.queued] ?? 0 }
            guard queued < settings.maxQueueDepth else {
                throw Problem(.serviceUnavailable, code: "queue_full", title: "Queue full",
                              detail: "\(queued) jobs are waiting, the most this server takes (--max-queue-depth \(settings.maxQueueDepth)); submit again after Retry-After seconds. Nothing was stored.",
                              retryAfter: 30)
            }
        }
        let boundary = MultipartFile.boundary(of: request.headers[.contentType])
        // A multipart body carries its part headers and boundaries beside the document.
        let limit = settings.maxUploadBytes + (boundary == nil ? 0 : Self.multipartAllowance)
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw Upload.tooLarge(limit: settings.maxUploadBytes)
        }
        let upload = try await Upload.receive(request.body, into: settings.uploadFolder, limit: limit)
        defer { upload.remove() }

        let file: SubmittedFile
        if let boundary {
            let body = try await onStore { try MultipartFile.extract(from: upload.content, boundary: boundary) }
            if !body.fields.isEmpty {
                parameters = try SubmitParameters(request, formFields: body.fields)
            }
            file = SubmittedFile(name: parameters.name ?? body.file.filename ?? "upload", content: body.file.content)
        } else {
            file = SubmittedFile(name: parameters.name ?? "upload", content: upload.content)
        }
        guard file.content.count <= settings.maxUploadBytes else { throw Upload.tooLarge(limit: settings.maxUploadBytes) }
        let options = parameters.options(idempotencyKey: request.headers[.idempotencyKey])

        if !parameters.createsJob {
            let stored = try await onStore { () throws -> (id: Int64, reused: Bool) in
                let mediaType = try SubmitChecks.check(file, password: options.password)
                return try store.storeDocument(DocumentToQueue(name: file.name, content: file.content, mediaType: mediaType,
                                                               sha256: JobQueue.sha256(file.content)))
            }
            let summary = try await onStore { try store.summary(of: stored.id) }
            return try JSONResponse.make(DocumentResource(from: summary), status: stored.reused ? .ok : .created,
                                         headers: [.location: "/v1/documents/\(stored.id)"])
        }

        let (receipt, otherBytes, summary, job) = try await onStore { () throws -> (SubmitReceipt, Bool, DocumentSummary, JobRecord) in
            try SubmitChecks.check(file, password: options.password)
            guard let receipt = try queue.submit([file], options: options).first else {
                throw Problem(.internalServerError, code: "internal_error", title: "Internal error", detail: "The submit returned no receipt; try again.")
            }
            let otherBytes = try receipt.reusedJob && JobQueue.sha256(file.content) != receipt.sha256
            return (receipt, otherBytes, try store.summary(of: receipt.documentID), try queue.job(receipt.jobID))
        }
        if otherBytes {
            throw Problem(.conflict, code: "idempotency_conflict", title: "Idempotency key reused",
                          detail: "Idempotency-Key '\(options.idempotencyKey ?? "")' was first used for job \(receipt.jobID) with other bytes; use a new key for a new document. Nothing was stored.")
        }
        return try JSONResponse.make(SubmitReceiptResource(from: receipt, document: summary, job: job), status: receipt.reusedJob ? .ok : .accepted,
                                     headers: [.location: "/v1/jobs/\(receipt.jobID)", .retryAfter: "2"])
    }

    /// Bytes a multipart body may carry beyond the document: boundaries and part headers.
    static let multipartAllowance = 64 << 10

    // MARK: Read

    /// `GET /v1/documents/{id}`.
    func documentSummary(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let store = self.store
        let summary = try await onStoreBriefly(store) { try store.summary(of: id) }
        return try JSONResponse.make(DocumentResource(from: summary))
    }

    /// `GET /v1/documents/{id}/pages?cursor=&limit=`: pages in order, with their words and layout.
    func pages(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let limit = Int(try Self.number(request, "limit", in: 1...100) ?? 10)
        let after = try Self.cursor(request) ?? 0
        let store = self.store
        let pages = try await onStore { () throws -> [Page] in
            _ = try store.document(id)
            guard let pages = try store.storedPages(of: id) else { throw StoreError.notProcessed(document: id) }
            return pages
        }
        let shown = Array(pages.filter { $0.number > after }.prefix(limit))
        let next = shown.count == limit && shown.last.map { last in pages.contains { $0.number > last.number } } == true
            ? shown.last.map { String($0.number) } : nil
        return try JSONResponse.make(ListPage(items: shown.map { PageResource(from: $0, documentID: id) }, nextCursor: next))
    }

    /// `GET /v1/documents/{id}/answers`: the answers its jobs stored.
    func answers(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let store = self.store
        let (document, answers) = try await onStoreBriefly(store) { () throws -> (DocumentRecord, [Answer]) in
            (try store.document(id), try store.answers(of: id))
        }
        return try JSONResponse.make(ListPage(items: answers.map { AnswerResource(documentID: id, documentName: document.originalName, answer: $0) },
                                              nextCursor: nil))
    }

    /// `POST /v1/documents/{id}/questions` with `{"questions": [...]}`: answers them now from the
    /// stored pages; nothing is stored. With `explain` (in the query, or `"explain": true` in the
    /// body), each answer also has its `explanation`, as `docket ask --explain --format json` prints it.
    func ask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let explainText = request.uri.queryParameters["explain"].map(String.init)
        let explainInQuery = try Self.flag(explainText, "explain")
        struct Asked: Decodable {
            var questions: [String]
            /// Absent when not given; given as null, it is refused as any other value but true or false.
            var explain: Bool?

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                questions = try container.decode([String].self, forKey: .questions)
                explain = container.contains(.explain) ? try container.decode(Bool.self, forKey: .explain) : nil
            }

            enum CodingKeys: String, CodingKey { case questions, explain }
        }
        let asked: Asked
        do {
            asked = try JSONDecoder().decode(Asked.self, from: Data(try await request.body.collect(upTo: 1 << 20).readableBytesView))
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.map(\.stringValue) == ["explain"],
                DecodingError.valueNotFound(_, let context) where context.codingPath.map(\.stringValue) == ["explain"] {
            throw Problem.badRequest("explain in the body must be true or false, e.g. {\"questions\": [\"What is the total?\"], \"explain\": true}.")
        } catch {
            throw Problem.badRequest("The body must be JSON like {\"questions\": [\"What is the total?\"]} (at most 1 MiB).")
        }
        if let explainInQuery, let inBody = asked.explain, explainInQuery != inBody {
            throw Problem.badRequest("explain is given twice, as '\(explainText ?? "")' in the query and \(inBody) in the body; give it once, in the query or in the body.")
        }
        let explain = explainInQuery ?? asked.explain ?? false
        let questions = asked.questions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !questions.isEmpty, questions.count <= 50 else {
            throw Problem.badRequest("Ask from 1 to 50 questions, e.g. {\"questions\": [\"What is the total?\"]}.")
        }
        if let blank = questions.firstIndex(where: \.isEmpty) {
            throw Problem.badRequest("Question \(blank + 1) of \(questions.count) is blank; give each question its words, e.g. {\"questions\": [\"What is the total?\"]}.")
        }
        let store = self.store
        let (document, pages) = try await onStore { () throws -> (DocumentRecord, [Page]) in
            let document = try store.document(id)
            let pages = try store.pages(of: id)
            guard !pages.isEmpty else { throw StoreError.notProcessed(document: id) }
            return (document, pages)
        }
        let answerer = DocumentAnswerer()
        if explain {
            let explained = try await onStore { questions.map { answerer.explain($0, pages: pages) } }
            return try JSONResponse.make(ListPage(items: explained.map {
                ExplainedAnswerResource(documentID: id, documentName: document.originalName, explanation: $0)
            }, nextCursor: nil))
        }
        let answers = try await onStore { questions.map { answerer.answer($0, pages: pages) } }
        return try JSONResponse.make(ListPage(items: answers.map { AnswerResource(documentID: id, documentName: document.originalName, answer: $0) },
                                              nextCursor: nil))
    }

    /// `GET /v1/documents/{id}/fields`.
    func fields(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let store = self.store
        let rows = try await onStore { () throws -> [FieldRow] in
            _ = try store.document(id)
            return try store.fields(named: nil, of: DocumentFilter(document: id), minimumConfidence: nil, includeNotFound: true)
        }
        return try JSONResponse.make(ListPage(items: rows.map(FieldResource.init(from:)), nextCursor: nil))
    }

    /// `GET /v1/documents/{id}/report`: Markdown, HTML or JSON by the Accept header (Markdown when
    /// it names none of them); patient identifiers hidden, as `docket report` hides them.
    func report(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let format = try ReportFormat.negotiate(request.headers[.accept])
        let store = self.store
        let report = try await onStore { () throws -> DocumentReport in
            let (report, pages) = try StoredReports.build(id, store: store, rebuild: false)
            guard let identifiers = try StoredReports.identifiersToHide(in: report, pages: pages, store: store) else { return report }
            return Redaction.redact(report, identifiers: identifiers)
        }
        switch format {
        case .markdown: return Self.text(MarkdownReport.render(report), contentType: "text/markdown; charset=utf-8")
        case .html: return Self.text(HTMLReport.render(report, images: []), contentType: "text/html; charset=utf-8")
        case .json: return try JSONResponse.make(ReportResource(from: report))
        }
    }

    /// `GET /v1/documents/{id}/content`: the bytes as submitted, with their detected type.
    func content(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let store = self.store
        let (mediaType, bytes) = try await onStore { try store.content(of: id) }
        return Response(status: .ok, headers: [.contentType: mediaType.rawValue],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `DELETE /v1/documents/{id}`: the bytes, the results and the document's jobs; 409 while a job reads it.
    func deleteDocument(_ context: BasicRequestContext) async throws -> Response {
        let id = try Self.id(context, "document")
        let store = self.store
        switch try await onStore({ try store.deleteDocument(id) }) {
        case .deleted:
            return Response(status: .noContent)
        case .jobRunning(let job):
            throw Problem(.conflict, code: "job_running", title: "A job is reading the document",
                          detail: "Job \(job) is reading document \(id); cancel it (POST /v1/jobs/\(job)/cancel) or wait for it to end, then delete again.")
        }
    }

    /// `GET /v1/search?q=&limit=`.
    func search(_ request: Request) async throws -> Response {
        let (query, limit) = try Self.searchParameters(request)
        let store = self.store
        let hits = try await onStore { try store.search(query, in: DocumentFilter(), limit: limit) }
        return try JSONResponse.make(ListPage(items: hits.map(SearchHitResource.init(from:)), nextCursor: nil))
    }

    /// `GET /v1/search/semantic?q=&limit=`: the keyword ranking fused with the ranking by meaning,
    /// as `docket search --semantic`. Documents read without vectors take part by their words only.
    func semanticSearch(_ request: Request) async throws -> Response {
        let (query, limit) = try Self.searchParameters(request)
        let (store, queryEncoder) = (self.store, self.queryEncoder)
        let hits = try await onStore {
            let encoder = try queryEncoder.encoder()
            let keywordHits = try store.search(query, in: DocumentFilter(), limit: max(limit, HybridRanking.keywordCandidates))
            return HybridRanking.fuse(keywordHits: keywordHits, queryVector: encoder.embed(query),
                                      passages: try store.passageVectors(model: .sentenceEncoder, in: DocumentFilter()), limit: limit)
        }
        return try JSONResponse.make(ListPage(items: hits, nextCursor: nil))
    }

    private static func searchParameters(_ request: Request) throws -> (query: String, limit: Int) {
        guard let query = request.uri.queryParameters["q"].map(String.init), !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem.badRequest("Give the words to find as q, e.g. /v1/search?q=invoice%20total.")
        }
        return (query, Int(try number(request, "limit", in: 1...200) ?? 20))
    }

    /// `GET /v1/studies`.
    func studies() async throws -> Response {
        let store = self.store
        let studies = try await onStore { try store.studies() }
        return try JSONResponse.make(ListPage(items: studies.map(StudyResource.init(from:)), nextCursor: nil))
    }
}

/// A report's format, from the request's Accept header.
enum ReportFormat {
    case markdown, html, json

    static func negotiate(_ accept: String?) throws -> ReportFormat {
        guard let accept, !accept.isEmpty else { return .markdown }
        let ranked = accept.split(separator: ",").map { item -> (type: String, quality: Double) in
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (pieces.first ?? "", quality)
        }.filter { $0.quality > 0 }.sorted { $0.quality > $1.quality }
        for (type, _) in ranked {
            switch type {
            case "text/markdown", "text/*", "*/*": return .markdown
            case "text/html": return .html
            case "application/json": return .json
            default: continue
            }
        }
        throw Problem(.notAcceptable, code: "not_acceptable", title: "Not acceptable",
                      detail: "The report comes as text/markdown, text/html or application/json; ask for one of them in Accept.")
    }
}

/// What `POST /v1/documents` takes in its query and headers.
struct SubmitParameters {
    var name: String?
    var questions: [String]
    var priority: Int
    var password: String?
    var notBefore: Double?
    var wantsReport: Bool
    var createsJob: Bool
    /// Where the job's final state is POSTed, signed, when it ends.
    var callbackURL: String?
    var language: OCRLanguage

    /// The parameters in the request's query, then in a multipart body's form fields. `question`
    /// may come many times; any other parameter once, or again with the same value.
    init(_ request: Request, formFields: [(name: String, value: String)] = []) throws {
        let pairs = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) } + formFields
        var parameters: [String: String] = [:]
        for (name, value) in pairs where name != "question" {
            if let earlier = parameters[name], earlier != value {
                throw Problem.badRequest("\(name) is given twice, as '\(earlier)' and '\(value)'; give it once, in the query or as a form field.")
            }
            parameters[name] = value
        }
        name = parameters["name"]
        questions = pairs.filter { $0.name == "question" }.map(\.value).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard questions.count <= 50 else { throw Problem.badRequest("Ask at most 50 questions per document.") }
        if let text = parameters["priority"] {
            guard let value = Int(text), abs(value) <= 1_000_000 else {
                throw Problem.badRequest("priority '\(text)' must be a whole number (higher runs first), e.g. priority=10.")
            }
            priority = value
        } else {
            priority = 0
        }
        password = parameters["password"]
        wantsReport = try APIServer.flag(parameters["report"], "report") ?? false
        createsJob = try APIServer.flag(parameters["job"], "job") ?? true
        if let text = parameters["not_before"] {
            guard let date = Self.time(text) else {
                throw Problem.badRequest("not_before '\(text)' must be an RFC 3339 time such as 2026-12-01T08:00:00Z.")
            }
            notBefore = date.timeIntervalSince1970
        }
        if let text = parameters["callback_url"] {
            do {
                try CallbackURL.check(text)
            } catch {
                throw Problem.badRequest("callback_url '\(text)' must be an absolute http:// or https:// URL with a host.")
            }
            callbackURL = text
        }
        language = try SubmitChecks.language(parameters["language"], given: "the language query parameter")
    }

    func options(idempotencyKey: String?) -> SubmitOptions {
        SubmitOptions(questions: questions, priority: priority, password: password, idempotencyKey: idempotencyKey,
                      notBefore: notBefore, wantsReport: wantsReport, callbackURL: callbackURL,
                      language: language)
    }

    private static func time(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
