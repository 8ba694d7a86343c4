import DocketAnswer
import DocketModel
import Foundation

/// An evaluation whose every answer comes from models fitted without the answer's document.
public struct CrossValidatedReport: Sendable {
    public var predictions: [Prediction]
    public var scores: [KindScore]
    /// The models fitted again for each fold: those whose kind of question the set labels.
    public var refitted: [TrainableModel]
    public var folds: Int
}

extension Training {
    /// Answers each of `folds` folds of the set's documents (in name order, dealt out in turn, as
    /// `docket train --folds` deals them) through the whole answering chain, with every model the
    /// set can train fitted again on the other folds' questions; models for kinds the set does not
    /// label stay as compiled in, since they never saw its documents. The figures to expect on
    /// documents the models have not seen.
    public func crossValidatedRun(_ questions: [EvaluationQuestion], folder: URL, folds: Int) throws -> CrossValidatedReport {
        let path = { (question: EvaluationQuestion) in folder.appending(path: question.document).path }
        let documents = Set(questions.map(path)).sorted()
        let foldOf = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1, $0 % folds) })
        let refitted = TrainableModel.allCases.filter { model in
            questions.contains { Self.takes(model, $0) && !($0.answers ?? []).isEmpty }
        }
        var predictions = [Prediction?](repeating: nil, count: questions.count)
        for heldOut in 0..<folds {
            let answering = questions.indices.filter { foldOf[path(questions[$0])] == heldOut }
            guard !answering.isEmpty else { continue }
            let fitting = questions.indices.filter { foldOf[path(questions[$0])] != heldOut }.map { questions[$0] }
            var models = AnswerModels.standard
            for model in refitted {
                let parts = try run(model, sets: [(fitting, folder)], folds: folds).parts
                switch model {
                case .keyValue:
                    if let fitted = parts.first?.model { models.keyValue = KeyValueWeights(model: fitted) }
                case .receiptFields:
                    for part in parts { if let field = ReceiptField(rawValue: part.name) { models.receiptFields[field] = part.model } }
                case .openQuestions:
                    if let fitted = parts.first?.model { models.openQuestions = fitted }
                }
            }
            let report = try evaluation.run(answering.map { questions[$0] }, folder: folder, answerer: DocumentAnswerer(models: models))
            for (index, prediction) in zip(answering, report.predictions) { predictions[index] = prediction }
        }
        // Every question's document is in one fold, so every question has its prediction.
        let answered = predictions.compactMap { $0 }
        return CrossValidatedReport(
            predictions: answered, scores: Evaluation.scores(of: answered, for: questions),
            refitted: refitted, folds: folds)
    }
}
