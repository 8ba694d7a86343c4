import Foundation

/// One labelled question as the trainer sees it: its candidates' feature vectors and how good
/// each would be as the answer (ANLS against the accepted answers).
public struct RankingExample: Sendable {
    /// The document the question is about: cross-validation holds out whole documents.
    public var document: String
    public var candidates: [[Double]]
    public var qualities: [Double]
    /// Per candidate, whether it counts as right for calibration; without it, an ANLS of at least
    /// `AnswerScoring.rightANLS`.
    public var right: [Bool]

    public init(document: String, candidates: [[Double]], qualities: [Double], right: [Bool]? = nil) {
        self.document = document
        self.candidates = candidates
        self.qualities = qualities
        self.right = right ?? qualities.map { $0 >= AnswerScoring.rightANLS }
    }
}

/// Fits a `LinearModel` to rank each question's candidates: a softmax over the candidates towards
/// the best of them, L2-regularised, by a fixed number of full-batch Adam steps from zero (no
/// randomness, so the same examples give the same weights); then Platt scaling of the chosen
/// candidate's score to P(right), and the not-found threshold.
public struct RankingTrainer: Sendable {
    public var names: [String]
    public static let standardRegularization = 0.003
    public var regularization = standardRegularization
    public var iterations = 400
    public var learningRate = 0.05
    /// What a wrong answer is taken to cost against giving none, when the threshold is chosen.
    public var wrongAnswerCost = 0.05

    public init(names: [String]) {
        self.names = names
    }

    /// Fits the ranking to all `examples`. With `calibrationFolds` of 2 or more, the confidence is
    /// calibrated on how models fitted without each fold of documents did on that fold, since a
    /// model with many weights is surer of its own training questions than of new ones; otherwise
    /// on the training questions themselves.
    public func fit(_ examples: [RankingExample], calibrationFolds: Int = 1) -> LinearModel {
        train(examples, folds: calibrationFolds).model
    }

    /// The model fitted to all `examples`, its confidence calibrated out of fold when `folds` >= 2,
    /// and then how the fold models did on their held-out documents (nil without folds).
    public func train(_ examples: [RankingExample], folds: Int) -> (model: LinearModel, crossValidated: HeldOutScore?) {
        let weights = rankingWeights(examples)
        guard folds > 1 else { return (model(weights, calibratedOn: choices(of: weights, on: examples)), nil) }
        let heldOut = outOfFoldChoices(examples, folds: folds)
        let model = model(weights, calibratedOn: heldOut.flatMap(\.self))
        var total = HeldOutScore()
        total.questions = examples.count
        for (fold, foldChoices) in heldOut.enumerated() {
            // Each fold's confidence comes from a calibration fitted without it.
            let others = heldOut.enumerated().filter { $0.offset != fold }.flatMap(\.element)
            let (calibration, threshold) = calibrated(others)
            for choice in foldChoices {
                let confidence = calibration.probability(score: choice.score, margin: choice.margin)
                guard confidence >= threshold else { continue }
                total.addAnswer(quality: choice.quality, confidence: confidence, right: choice.right)
            }
        }
        return (model, total)
    }

    /// One question's chosen candidate under some weights: its score, its lead over the next, and how good it is.
    struct Choice {
        var score: Double
        var margin: Double
        var quality: Double
        var right: Bool
    }

    private func choices(of weights: [Double], on examples: [RankingExample]) -> [Choice] {
        examples.compactMap { example in
            let scores = example.candidates.map { dot(weights, $0) }
            guard let best = LinearModel.best(scores) else { return nil }
            return Choice(score: scores[best.index], margin: best.margin, quality: example.qualities[best.index],
                          right: example.right[best.index])
        }
    }

    /// Per fold of documents (in name order, dealt out in turn), the choices on its questions of weights fitted without it.
    private func outOfFoldChoices(_ examples: [RankingExample], folds: Int) -> [[Choice]] {
        let documents = Array(Set(examples.map(\.document))).sorted()
        let foldOf = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1, $0 % folds) })
        return (0..<folds).map { fold in
            let weights = rankingWeights(examples.filter { foldOf[$0.document] != fold })
            return choices(of: weights, on: examples.filter { foldOf[$0.document] == fold })
        }
    }

    private func model(_ weights: [Double], calibratedOn choices: [Choice]) -> LinearModel {
        let (calibration, threshold) = calibrated(choices)
        return LinearModel(
            weights: Dictionary(uniqueKeysWithValues: zip(names, weights.map(Self.rounded))), bias: 0,
            calibration: Calibration(slope: Self.rounded(calibration.slope), marginSlope: Self.rounded(calibration.marginSlope),
                                     intercept: Self.rounded(calibration.intercept),
                                     isotonic: calibration.isotonic.map { $0.map(Self.rounded) }),
            threshold: Self.rounded(threshold))
    }

    /// Platt scaling and its isotonic map fitted to `choices`, and the not-found threshold under them.
    private func calibrated(_ choices: [Choice]) -> (Calibration, threshold: Double) {
        var calibration = Self.platt(choices.map { ($0.score, $0.margin, $0.right) })
        calibration.isotonic = Self.isotonic(choices.map { (calibration.platt(score: $0.score, margin: $0.margin), $0.right) })
        let confidences = choices.map { (calibration.probability(score: $0.score, margin: $0.margin), $0.quality) }
        return (calibration, threshold(confidences))
    }

    /// Numbers written with six decimals: enough for the scores, and short to read.
    public static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }

    // MARK: Ranking

    private func rankingWeights(_ examples: [RankingExample]) -> [Double] {
        let learnable = examples.filter { ($0.qualities.max() ?? 0) > 0 && $0.candidates.count > 1 }
        var weights = [Double](repeating: 0, count: names.count)
        guard !learnable.isEmpty else { return weights }
        var firstMoment = weights, secondMoment = weights
        let beta1 = 0.9, beta2 = 0.999
        for step in 1...iterations {
            var gradient = weights.map { regularization * $0 }
            for example in learnable {
                let scores = example.candidates.map { dot(weights, $0) }
                let top = scores.max()!
                let exponentials = scores.map { exp($0 - top) }
                let total = exponentials.reduce(0, +)
                let best = example.qualities.max()!
                let targets = example.qualities.map { $0 >= best - 1e-9 ? 1.0 : 0.0 }
                let targetTotal = targets.reduce(0, +)
                for (candidate, features) in example.candidates.enumerated() {
                    let error = (exponentials[candidate] / total - targets[candidate] / targetTotal) / Double(learnable.count)
                    guard error != 0 else { continue }
                    for index in features.indices where features[index] != 0 {
                        gradient[index] += error * features[index]
                    }
                }
            }
            for index in weights.indices {
                firstMoment[index] = beta1 * firstMoment[index] + (1 - beta1) * gradient[index]
                secondMoment[index] = beta2 * secondMoment[index] + (1 - beta2) * gradient[index] * gradient[index]
                let corrected = firstMoment[index] / (1 - pow(beta1, Double(step)))
                let scale = secondMoment[index] / (1 - pow(beta2, Double(step)))
                weights[index] -= learningRate * corrected / (scale.squareRoot() + 1e-8)
            }
        }
        return weights
    }

    private func dot(_ weights: [Double], _ features: [Double]) -> Double {
        zip(weights, features).reduce(0) { $0 + $1.0 * $1.1 }
    }

    // MARK: Calibration

    /// Logistic regression of "right" on (score, margin) by Newton's method, lightly regularised
    /// so that a set where every answer is right (or wrong) still gives finite numbers. The slope on
    /// the score is kept positive: a higher score never means a lower confidence.
    static func platt(_ points: [(score: Double, margin: Double, right: Bool)]) -> Calibration {
        var parameters = [0.0, 0.0, 0.0]   // slope, margin slope, intercept
        guard !points.isEmpty else { return Calibration(slope: 1, intercept: 0) }
        let penalty = 0.01
        for _ in 0..<50 {
            var gradient = [0.0, 0.0, 0.0]
            var hessian = [[penalty, 0, 0], [0, penalty, 0], [0, 0, penalty]]
            for point in points {
                let x = [point.score, min(point.margin, Calibration.widestMargin), 1]
                let p = 1 / (1 + exp(-zip(parameters, x).reduce(0) { $0 + $1.0 * $1.1 }))
                let error = p - (point.right ? 1 : 0)
                for i in 0..<3 {
                    gradient[i] += error * x[i]
                    for j in 0..<3 { hessian[i][j] += p * (1 - p) * x[i] * x[j] }
                }
            }
            for i in 0..<3 { gradient[i] += penalty * parameters[i] }
            guard let step = solve(hessian, gradient) else { break }
            for i in 0..<3 { parameters[i] -= step[i] }
        }
        return Calibration(slope: max(parameters[0], 1e-3), marginSlope: max(parameters[1], 0), intercept: parameters[2])
    }

    /// Pool-adjacent-violators over the points sorted by Platt probability: blocks whose share
    /// right rises with it. Each block's share is smoothed towards one half by one right and one
    /// wrong answer, so that a small block at either end does not promise certainty.
    static func isotonic(_ points: [(probability: Double, right: Bool)]) -> [[Double]] {
        var blocks: [(probabilitySum: Double, rightCount: Double, count: Double)] = []
        for point in points.sorted(by: { $0.probability < $1.probability }) {
            blocks.append((point.probability, point.right ? 1 : 0, 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1], previous = blocks[blocks.count - 2]
                guard previous.rightCount / previous.count >= last.rightCount / last.count else { break }
                blocks.removeLast(2)
                blocks.append((previous.probabilitySum + last.probabilitySum, previous.rightCount + last.rightCount,
                               previous.count + last.count))
            }
        }
        var knots: [[Double]] = []
        for block in blocks {
            let share = max((block.rightCount + 1) / (block.count + 2), knots.last?[1] ?? 0)
            knots.append([block.probabilitySum / block.count, share])
        }
        return knots
    }

    /// Solves a 3 x 3 system by Gaussian elimination with partial pivoting.
    private static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var a = matrix, b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            guard abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (b[row] - ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
        }
        return x
    }

    /// The confidence under which answers are withheld: the cut that maximises the ANLS gained by
    /// the answers given minus `wrongAnswerCost` for each, the lowest such cut on ties.
    private func threshold(_ answers: [(confidence: Double, quality: Double)]) -> Double {
        let sorted = answers.sorted { $0.confidence < $1.confidence }
        // Giving every answer, then withholding them from the least confident up.
        var gain = sorted.reduce(0) { $0 + $1.quality - wrongAnswerCost }
        var best = (gain: gain, threshold: 0.0)
        for (index, answer) in sorted.enumerated() {
            gain -= answer.quality - wrongAnswerCost
            let next = index + 1 < sorted.count ? sorted[index + 1].confidence : 1
            if gain > best.gain + 1e-9, next > answer.confidence {
                best = (gain, (answer.confidence + next) / 2)
            }
        }
        return best.threshold
    }
}

/// How a trained model does on questions it was not fitted on.
public struct HeldOutScore: Sendable, Equatable {
    public var questions = 0
    public var anlsSum = 0.0
    public var answered = 0
    public var confident = 0
    public var confidentRight = 0

    public init() {}

    public var anls: Double { questions == 0 ? 0 : anlsSum / Double(questions) }
    public var confidentRightShare: Double { confident == 0 ? 0 : Double(confidentRight) / Double(confident) }

    /// Counts an answer given, its ANLS, and whether it was confident and right.
    mutating func addAnswer(quality: Double, confidence: Double, right: Bool) {
        answered += 1
        anlsSum += quality
        if confidence >= KindScore.confidentLevel {
            confident += 1
            if right { confidentRight += 1 }
        }
    }
}

extension RankingTrainer {
    /// Scores `model`'s answers to `examples`: ANLS ("not found" counts 0) and, of the answers
    /// given with confidence >= 0.8, how many are right.
    public func score(_ model: LinearModel, on examples: [RankingExample]) -> HeldOutScore {
        var result = HeldOutScore()
        let vector = model.vector(for: names)
        for example in examples {
            result.questions += 1
            let scores = example.candidates.map { zip(vector, $0).reduce(model.bias) { $0 + $1.0 * $1.1 } }
            guard let chosen = model.choose(scores) else { continue }
            result.addAnswer(quality: example.qualities[chosen.index], confidence: chosen.confidence,
                             right: example.right[chosen.index])
        }
        return result
    }

    /// Fits on all documents but one fold's and scores on that fold, for each of `folds` folds
    /// (documents in name order, dealt out in turn): figures for documents the model has not seen.
    public func crossValidate(_ examples: [RankingExample], folds: Int) -> HeldOutScore {
        train(examples, folds: max(folds, 2)).crossValidated ?? HeldOutScore()
    }
}
