import DocketModel
import Foundation

/// Answers "What is the total?"-style questions by finding the question's key phrase as a label on
/// a page and reading the value beside it (after the label on the same line) or under it (the
/// next line). Every answer points at the words it was read from; when no label matches, the
/// answer is "not found", never a guess.
public struct LabelAnswerer: Sendable {
    public init() {}

    public func answer(_ question: String, pages: [Page]) -> Answer {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer {
        let key = Self.keyTokens(of: question)
        guard !key.isEmpty else {
            recorder?.report(.label, detail: "the question holds no words to look for")
            return .notFound(question)
        }
        var best: (score: Double, answer: Answer)?
        var considered: [(score: Double, answer: Answer)] = []
        for page in pages {
            for (lineIndex, line) in page.lines.enumerated() {
                // Matched without the question's filler words, so "Date of birth:" holds the key "date birth".
                let content = line.wordIndices.indices.filter { position in
                    !Self.questionWords.contains(WordNormalizer.comparisonKey(page.words[line.wordIndices[position]].text))
                }
                let tokens = content.map { WordNormalizer.comparisonKey(page.words[line.wordIndices[$0]].text) }
                guard let contentMatch = Self.find(key, in: tokens) else { continue }
                let match = content[contentMatch.lowerBound]..<(content[contentMatch.upperBound - 1] + 1)
                let keyCoverage = Double(contentMatch.count) / Double(key.count)
                var valueIndices = Array(line.wordIndices[match.upperBound...])
                var score = 0.7 * keyCoverage
                if valueIndices.isEmpty, lineIndex + 1 < page.lines.count {
                    valueIndices = page.lines[lineIndex + 1].wordIndices
                    score = 0.4 * keyCoverage
                }
                guard !valueIndices.isEmpty else { continue }
                // A label that starts its line is more likely a label than a word inside a sentence.
                if match.lowerBound == 0 { score += 0.1 }
                if best == nil || score > best!.score || recorder != nil {
                    let words = valueIndices.map { page.words[$0] }
                    let text = words.map(\.text).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ":").union(.whitespaces))
                    guard !text.isEmpty else { continue }
                    let box = Box.enclosing(words.map(\.box))!
                    let meanConfidence = words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
                    let reading = (score: score, answer: Answer(question: question, text: text, confidence: score * meanConfidence,
                                                 evidence: Evidence(page: page.number, box: box, wordIndices: valueIndices)))
                    if recorder != nil { considered.append(reading) }
                    if best == nil || score > best!.score { best = reading }
                }
            }
        }
        if let recorder { Self.explain(considered, best: best, to: recorder) }
        return best?.answer ?? .notFound(question)
    }

    private static func explain(_ considered: [(score: Double, answer: Answer)], best: (score: Double, answer: Answer)?,
                                to recorder: ExplanationRecorder) {
        guard let best else {
            recorder.report(.label, detail: "no line holds the question's words with a value beside or under them")
            return
        }
        let candidates = Explaining.ranked(considered, scores: considered.map(\.score)) { reading, score in
            AnswerExplanation.Candidate(text: reading.answer.text ?? "", score: score, evidence: reading.answer.evidence)
        }
        let reading = best.score > 0 ? best.answer.confidence / best.score : 0
        recorder.report(.label, candidates: candidates, detail: """
            best label line scores \(Explaining.number(best.score)) (share of the question's words matched, value beside \
            or under, at a line's start) times its value's reading \(Explaining.number(reading)): confidence \
            \(Explaining.number(best.answer.confidence))
            """)
    }

    private static let questionWords: Set<String> = [
        "what", "whats", "which", "who", "whom", "when", "where", "how", "much", "many", "is", "are", "was", "were",
        "the", "a", "an", "of", "for", "this", "that", "document", "does", "do", "did", "it", "its", "on", "in", "to",
        "give", "me", "tell", "please", "show", "find",
    ]

    /// The question's content words: "What is the total amount?" -> ["total", "amount"].
    static func keyTokens(of question: String) -> [String] {
        question.split(whereSeparator: { $0.isWhitespace }).map { WordNormalizer.comparisonKey($0) }
            .filter { !$0.isEmpty && !questionWords.contains($0) }
    }

    /// Where `tokens` hold the longest run of consecutive key tokens ("How many packages were
    /// delivered?" finds "Total packages:"); for runs of equal length, the later part of the key,
    /// which usually names the field ("invoice date" is found as "Date:").
    static func find(_ key: [String], in tokens: [String]) -> Range<Int>? {
        for length in stride(from: min(key.count, tokens.count), through: 1, by: -1) {
            for keyStart in stride(from: key.count - length, through: 0, by: -1) {
                let run = Array(key[keyStart..<(keyStart + length)])
                for start in 0...(tokens.count - length) where Array(tokens[start..<(start + length)]) == run {
                    return start..<(start + length)
                }
            }
        }
        return nil
    }
}
