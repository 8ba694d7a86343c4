import DocketAnswer
import DocketModel
import DocketQueue
import DocketStore
import Foundation

/// One line of an evaluation set's qa.jsonl.
public struct EvaluationQuestion: Codable, Sendable {
    public var id: String
    /// Relative to the folder that holds qa.jsonl.
    public var document: String
    public var question: String
    public var answers: [String]?
    public var kind: String?
}

/// One line of predictions.jsonl.
public struct Prediction: Codable, Sendable {
    public struct Evidence: Codable, Sendable {
        public var page: Int
        public var box: [Double]
        public var words: [Int]
    }

    public var id: String
    public var answer: String?
    /// The answer normalized (ISO date, decimal amount, yes/no), when it reads as one.
    public var value: NormalizedValue?
    public var confidence: Double
    public var evidence: Evidence?
    /// The answerer that decided (see `AnswererName`).
    public var answeredBy: AnswererName?

    enum CodingKeys: String, CodingKey {
        case id, answer, value, confidence, evidence, answeredBy = "answered_by"
    }
}

public struct EvaluationReport: Sendable {
    public var predictions: [Prediction]
    public var scores: [KindScore]
    public var documentsRead: Int
    public var documentsReused: Int
    /// Documents that could not be submitted or read, with the reason.
    public var documentErrors: [String: String]
}

/// Runs an evaluation set through the real pipeline: its documents are submitted and read by
/// jobs (documents already read, by sha256, are reused), then every question is answered from the
/// stored pages and scored where the set has answers.
public struct Evaluation {
    public let worker: Worker

    public init(worker: Worker) {
        self.worker = worker
    }

    public static func load(_ url: URL) throws -> [EvaluationQuestion] {
        let decoder = JSONDecoder()
        return try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
            .map { try decoder.decode(EvaluationQuestion.self, from: Data($0.utf8)) }
    }

    /// The evaluation set's documents as stored: each read now or found already read (by sha256).
    public struct ReadDocuments: Sendable {
        /// Document path (as in qa.jsonl) to its id in the store.
        public var ids: [String: Int64]
        /// Documents that could not be submitted or read, with the reason.
        public var errors: [String: String]
        public var read: Int
        public var reused: Int
    }

    /// Submits the documents of `questions` that the store has not read yet and runs the worker
    /// until they are read.
    public func read(_ questions: [EvaluationQuestion], folder: URL) throws -> ReadDocuments {
        let queue = worker.queue
        var documentIDs: [String: Int64] = [:]
        var documentErrors: [String: String] = [:]
        var toSubmit: [(path: String, file: SubmittedFile)] = []
        for path in Set(questions.map(\.document)).sorted() {
            guard let data = FileManager.default.contents(atPath: folder.appending(path: path).path) else {
                documentErrors[path] = "cannot read \(folder.appending(path: path).path)"
                continue
            }
            let bytes = [UInt8](data)
            if let id = try queue.store.readDocument(sha256: JobQueue.sha256(bytes)) {
                documentIDs[path] = id
            } else {
                toSubmit.append((path, SubmittedFile(name: (path as NSString).lastPathComponent, bytes: bytes)))
            }
        }
        let reused = documentIDs.count
        for (path, file) in toSubmit {
            do {
                documentIDs[path] = try queue.submit([file]).first?.documentID
            } catch {
                documentErrors[path] = "\(error)"
            }
        }
        if !toSubmit.isEmpty { try worker.run() }
        return ReadDocuments(ids: documentIDs, errors: documentErrors, read: documentIDs.count - reused, reused: reused)
    }

    /// The pages of each document of `questions` (none for one that was not read, its reason
    /// added to `documents.errors`), loaded once each.
    public func pages(_ questions: [EvaluationQuestion], documents: inout ReadDocuments) throws -> [String: [Page]] {
        var pagesOfPath: [String: [Page]] = [:]
        for path in Set(questions.map(\.document)).sorted() {
            guard let id = documents.ids[path] else { continue }
            let pages = try worker.queue.store.pages(of: id)
            if pages.isEmpty, documents.errors[path] == nil {
                documents.errors[path] = try worker.queue.lastError(ofDocument: id) ?? "not read"
            }
            pagesOfPath[path] = pages
        }
        return pagesOfPath
    }

    public func run(_ questions: [EvaluationQuestion], folder: URL, answerer: DocumentAnswerer = DocumentAnswerer()) throws -> EvaluationReport {
        var documents = try read(questions, folder: folder)
        let pagesOfPath = try pages(questions, documents: &documents)
        var predictions: [Prediction] = []
        for question in questions {
            var answer = Answer.notFound(question.question)
            if let pages = pagesOfPath[question.document], !pages.isEmpty {
                answer = answerer.answer(question.question, pages: pages)
            }
            predictions.append(Prediction(
                id: question.id, answer: answer.text, value: answer.value, confidence: answer.confidence,
                evidence: answer.evidence.map { Prediction.Evidence(page: $0.page, box: $0.box.array, words: $0.wordIndices) },
                answeredBy: answer.answeredBy))
        }
        return EvaluationReport(
            predictions: predictions, scores: Self.scores(of: predictions, for: questions),
            documentsRead: documents.read, documentsReused: documents.reused, documentErrors: documents.errors)
    }

    /// Each kind's scores, in kind order, of `predictions` made for `questions`, one for each.
    static func scores(of predictions: [Prediction], for questions: [EvaluationQuestion]) -> [KindScore] {
        var scores: [String: KindScore] = [:]
        for (question, prediction) in zip(questions, predictions) {
            let kind = question.kind ?? "all"
            scores[kind, default: KindScore(kind: kind)].add(
                prediction: prediction.answer, answers: question.answers, confidence: prediction.confidence)
        }
        return scores.values.sorted { $0.kind < $1.kind }
    }
}
