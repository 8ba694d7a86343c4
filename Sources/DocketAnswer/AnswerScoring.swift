import Foundation

/// DocVQA's scoring convention: lower-case, collapse white space, then ANLS (average normalized
/// Levenshtein similarity, counted as 0 when the distance is 0.5 or more) and exact match.
public enum AnswerScoring {
    public static let anlsThreshold = 0.5
    /// An answer with at least this ANLS counts as right, for calibration.
    public static let rightANLS = 0.8

    public static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The best ANLS of `prediction` over the accepted `answers`; 0 for no prediction.
    public static func anls(_ prediction: String?, answers: [String]) -> Double {
        guard let prediction else { return 0 }
        let predicted = Array(normalized(prediction))
        return answers.map { answer in
            let truth = Array(normalized(answer))
            let longest = max(predicted.count, truth.count)
            guard longest > 0 else { return 1 }
            let distance = Double(levenshtein(predicted, truth)) / Double(longest)
            return distance < anlsThreshold ? 1 - distance : 0
        }.max() ?? 0
    }

    /// Whether an answer is right, for calibration: ANLS of at least `rightANLS` once
    /// spaces are ignored, since "9/3/92" answers a form whose annotation reads "9/ 3/ 92".
    public static func isRight(_ prediction: String?, answers: [String]) -> Bool {
        guard let prediction else { return false }
        func spaceless(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        return anls(spaceless(prediction), answers: answers.map(spaceless)) >= rightANLS
    }

    public static func exactMatch(_ prediction: String?, answers: [String]) -> Bool {
        guard let prediction else { return false }
        return answers.contains { normalized($0) == normalized(prediction) }
    }

    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Scores of one kind of question over an evaluation set.
public struct KindScore: Codable, Sendable, Equatable {
    public var kind: String
    public var questions: Int = 0
    /// Questions that had accepted answers to score against.
    public var scored: Int = 0
    public var answered: Int = 0
    public var anlsSum: Double = 0
    public var exactMatches: Int = 0
    /// For yes/no questions: counts of "yes" predicted and true.
    public var truePositives: Int = 0
    public var falsePositives: Int = 0
    public var falseNegatives: Int = 0
    /// Answers given with confidence >= `confidentLevel`, and how many of them are right (`AnswerScoring.isRight`).
    public var confident: Int = 0
    public var confidentRight: Int = 0

    public static let confidentLevel = 0.8

    public init(kind: String) { self.kind = kind }

    public var anls: Double { scored == 0 ? 0 : anlsSum / Double(scored) }
    public var exactMatch: Double { scored == 0 ? 0 : Double(exactMatches) / Double(scored) }
    public var coverage: Double { questions == 0 ? 0 : Double(answered) / Double(questions) }
    /// F1 of "yes", for yes/no questions.
    public var f1OfYes: Double? {
        let predictedYes = truePositives + falsePositives, trueYes = truePositives + falseNegatives
        guard predictedYes + trueYes > 0 else { return nil }
        return 2 * Double(truePositives) / Double(predictedYes + trueYes)
    }

    /// Share right of the answers given with confidence >= `confidentLevel`; nil when there were none.
    public var confidentRightShare: Double? { confident == 0 ? nil : Double(confidentRight) / Double(confident) }

    public mutating func add(prediction: String?, answers: [String]?, confidence: Double = 0) {
        questions += 1
        if prediction != nil { answered += 1 }
        guard let answers, !answers.isEmpty else { return }
        scored += 1
        let anls = AnswerScoring.anls(prediction, answers: answers)
        anlsSum += anls
        if prediction != nil, confidence >= Self.confidentLevel {
            confident += 1
            if AnswerScoring.isRight(prediction, answers: answers) { confidentRight += 1 }
        }
        if AnswerScoring.exactMatch(prediction, answers: answers) { exactMatches += 1 }
        // "Yes" is a finding only where the question is a yes/no one, not a word some form happens to hold.
        guard answers.allSatisfy({ ["yes", "no", "uncertain"].contains(AnswerScoring.normalized($0)) }) else { return }
        let saidYes = prediction.map(AnswerScoring.normalized) == "yes"
        let isYes = answers.contains { AnswerScoring.normalized($0) == "yes" }
        if saidYes && isYes { truePositives += 1 }
        if saidYes && !isYes { falsePositives += 1 }
        if !saidYes && isYes { falseNegatives += 1 }
    }
}
