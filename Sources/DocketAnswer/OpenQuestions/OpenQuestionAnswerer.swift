import DocketModel
import Foundation

/// Answers free questions about a document's text ("What is the date mentioned in this letter?",
/// "To whom is this letter addressed?") by reading a short span out of the text: one of the kind
/// the question asks for, beside the words the question shares with the page, and not made of
/// those words itself. Nil when nothing on the pages reads as an answer.
public struct OpenQuestionAnswerer: Sendable {
    let weights: Weights

    public init() {
        weights = .standard
    }

    init(weights: Weights) {
        self.weights = weights
    }

    public func answer(_ question: String, pages: [Page]) -> Answer? {
        // A page that shares none of the question's words cannot say where its answer is; a span
        // picked there by its shape alone would be a guess.
        guard Self.sharesAWord(with: question, pages: pages) else { return nil }
        let analysis = Question(question)
        let sequence = TokenSequence(pages: pages)
        guard sequence.count > 0,
              let best = SpanSearch(question: analysis, sequence: sequence, weights: weights).best(),
              best.score >= weights.minimumScore else { return nil }
        let span = sequence.tokens[best.range]
        let text = AnswerText.of(span)
        guard !text.isEmpty, let first = span.first else { return nil }
        let page = pages[first.pageIndex]
        let wordIndices = span.map(\.wordIndex)
        guard let box = Box.enclosing(wordIndices.map { page.words[$0].box }) else { return nil }
        let confidence = 1 / (1 + exp(-weights.confidenceSlope * (best.score - weights.confidenceMidpoint)))
        return Answer(question: question, text: text, confidence: confidence,
                      evidence: Evidence(page: page.number, box: box, wordIndices: wordIndices))
    }

    /// Words that ask about any document ("What kind of document is this?", "To whom is this
    /// letter addressed?") and so need not appear on the page.
    static let documentWords: Set<String> = [
        "kind", "type", "name", "title", "document", "letter", "memo", "page", "mentioned", "given", "written",
        "addressed", "sent", "from", "date", "number", "value", "heading", "subject", "form", "report",
    ]

    /// Whether the page shares a word with the question, by stem (the first four letters), or the
    /// question asks only about the document itself.
    static func sharesAWord(with question: String, pages: [Page]) -> Bool {
        let stems = Set(LabelAnswerer.keyTokens(of: question).filter { !documentWords.contains($0) }.map { String($0.prefix(4)) })
        guard !stems.isEmpty else { return true }
        return pages.contains { page in
            page.words.contains { stems.contains(String(LabelAnswerer.normalized($0.text).prefix(4))) }
        }
    }
}
