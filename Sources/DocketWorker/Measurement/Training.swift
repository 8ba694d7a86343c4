import DocketAnswer
import DocketModel
import Foundation

/// The models `docket train` fits, each from the questions of its kind in labelled sets.
public enum TrainableModel: String, CaseIterable, Sendable {
    /// Form labels and their values (`kind: key-value`), written to Models/key-value.json.
    case keyValue = "key-value"
    /// A receipt's company, address, date and total (`kind: field`), one model each, written to
    /// Models/receipt-fields.json.
    case receiptFields = "receipt-fields"
    /// The confidence of extractive answers to free questions (`kind: open`), from the span's
    /// score, written to Models/open-questions.json.
    case openQuestions = "open-questions"
}

/// What one training run found, per model part ("key-value", or a receipt field).
public struct TrainingReport: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var questions: Int
        public var documents: Int
        /// Mean over questions of the best ANLS any candidate reaches: what a perfect ranking would score.
        public var reachableANLS: Double
        public var model: LinearModel
        public var fitted: HeldOutScore
        public var crossValidated: HeldOutScore?
    }

    public var parts: [Part]
    /// The JSON to write: byte-identical for the same input.
    public var json: Data
    public var documentErrors: [String: String]
}

/// Builds each labelled question's candidates through the same reading and answering code that
/// `docket eval` runs, and fits the model's weights, calibration and threshold to them.
public struct Training {
    public let evaluation: Evaluation

    public init(evaluation: Evaluation) {
        self.evaluation = evaluation
    }

    /// `sets`: each set's questions with the folder its documents are relative to.
    public func run(_ model: TrainableModel, sets: [(questions: [EvaluationQuestion], folder: URL)],
                    folds: Int) throws -> TrainingReport {
        var examplesByPart: [String: (featureNames: [String], examples: [RankingExample])] = [:]
        var errors: [String: String] = [:]
        for set in sets {
            let questions = set.questions.filter { Self.takes(model, $0) && !($0.answers ?? []).isEmpty }
            var documents = try evaluation.read(questions, folder: set.folder)
            let pagesOfPath = try evaluation.pages(questions, documents: &documents)
            errors.merge(documents.errors) { first, _ in first }
            for question in questions {
                let pages = pagesOfPath[question.document] ?? []
                let document = set.folder.appending(path: question.document).path
                guard let (part, featureNames, candidates) = Self.candidates(model, question.question, pages: pages) else { continue }
                let answers = question.answers ?? []
                examplesByPart[part, default: (featureNames, [])].examples.append(RankingExample(
                    document: document, candidates: candidates.map(\.features),
                    qualities: candidates.map { AnswerScoring.anls($0.text, answers: answers) },
                    right: candidates.map { AnswerScoring.isRight($0.text, answers: answers) }))
            }
        }
        var parts: [TrainingReport.Part] = []
        for (name, (featureNames, examples)) in examplesByPart.sorted(by: { $0.key < $1.key }) {
            var trainer = RankingTrainer(names: featureNames)
            trainer.regularization = Self.regularization(model)
            let trained = trainer.train(examples, folds: folds)
            var fitted = trained.model
            let crossValidated = trained.crossValidated
            let onItself = trainer.score(fitted, on: examples)
            let documents = Set(examples.map(\.document)).count
            fitted.trainedOn = TrainingSummary(
                questions: examples.count, documents: documents, anls: RankingTrainer.rounded(onItself.anls),
                crossValidatedANLS: crossValidated.map { RankingTrainer.rounded($0.anls) },
                crossValidatedConfident: crossValidated?.confident,
                crossValidatedConfidentRight: crossValidated.map { RankingTrainer.rounded($0.confidentRightShare) })
            let reachable = examples.map { $0.qualities.max() ?? 0 }.reduce(0, +) / Double(max(examples.count, 1))
            parts.append(.init(name: name, questions: examples.count, documents: documents, reachableANLS: reachable,
                               model: fitted, fitted: onItself, crossValidated: crossValidated))
        }
        let json: Data
        switch model {
        case .keyValue, .openQuestions:
            json = try encodeModels(parts.first?.model ?? LinearModel(weights: [:], bias: 0))
        case .receiptFields:
            json = try encodeModels(Dictionary(uniqueKeysWithValues: parts.map { ($0.name, $0.model) }))
        }
        return TrainingReport(parts: parts, json: json, documentErrors: errors)
    }

    static func takes(_ model: TrainableModel, _ question: EvaluationQuestion) -> Bool {
        switch model {
        case .keyValue: return question.kind == "key-value"
        case .receiptFields: return question.kind == "field"
        case .openQuestions: return question.kind == "open"
        }
    }

    /// The key-value model weighs every pair of its features as well: over a thousand weights,
    /// held closer to zero than the few of the other models. (Of 0.0025, 0.005, 0.01 and 0.02,
    /// 0.005 gave the best cross-validated ANLS on the FUNSD forms.)
    static func regularization(_ model: TrainableModel) -> Double {
        switch model {
        case .keyValue: return 0.005
        case .receiptFields, .openQuestions: return RankingTrainer.standardRegularization
        }
    }

    /// The part of the model the question trains, the names of the features it weighs, and its
    /// candidates' texts and values of those features.
    public static func candidates(_ model: TrainableModel, _ question: String, pages: [Page])
        -> (part: String, featureNames: [String], candidates: [(text: String, features: [Double])])?
    {
        switch model {
        case .keyValue:
            let found = KeyValueAnswerer.candidates(for: question, pages: pages)
            return (model.rawValue, KeyValueFeature.scoredNames, found.map { ($0.text, $0.features.scoredValues) })
        case .receiptFields:
            guard let field = ReceiptField(question: question) else { return nil }
            let found = ReceiptFieldAnswerer.candidates(for: field, pages: pages)
            return (field.rawValue, ReceiptFeature.names, found.map { ($0.text, $0.features.values) })
        case .openQuestions:
            let found = OpenQuestionAnswerer().candidates(for: question, pages: pages)
            return (model.rawValue, OpenQuestionAnswerer.CalibrationFeature.names, found.map { ($0.text, $0.calibrationFeatures.values) })
        }
    }
}
