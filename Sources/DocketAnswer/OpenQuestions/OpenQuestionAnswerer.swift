import DocketModel
import Foundation

/// Answers free questions about a document's text ("What is the date mentioned in this letter?",
/// "To whom is this letter addressed?") by reading a short span out of the text: one of the kind
/// the question asks for, beside the words the question shares with the page, and not made of
/// those words itself. Nil when nothing on the pages reads as an answer.
public struct OpenQuestionAnswerer: Sendable {
    let weights: Weights
    /// Turns the best span's score into a calibrated confidence, and says when it is too low to give;
    /// fitted by `docket train open-questions`.
    let calibration: LinearModel

    public init() {
        self.init(weights: .standard)
    }

    /// With the span ranking's standard weights and this calibration of its best span's score.
    public init(calibration: LinearModel) {
        self.init(weights: .standard, calibration: calibration)
    }

    init(weights: Weights, calibration: LinearModel = Self.standardCalibration) {
        self.weights = weights
        self.calibration = calibration
    }

    public static let standardCalibration: LinearModel = TrainedModels.load("open-questions")

    /// The one feature the calibration weighs.
    public enum CalibrationFeature: Int, FeatureName {
        /// The span's score under `Weights`.
        case spanScore
    }

    public func answer(_ question: String, pages: [Page]) -> Answer? {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer? {
        let found = candidates(for: question, pages: pages)
        let names = CalibrationFeature.names
        let scores = found.map { calibration.score($0.calibrationFeatures.values, names: names) }
        if let recorder {
            let weights = calibration.vector(for: names)
            let candidates = Explaining.ranked(found, scores: scores) { span, score in
                AnswerExplanation.Candidate(
                    text: span.text, score: score, evidence: span.evidence,
                    features: Explaining.contributions(names: names, weights: weights, values: span.calibrationFeatures.values))
            }
            let detail = found.isEmpty
                ? "no span of the text reads as an answer beside the question's words"
                : Explaining.ranking(scores: scores, calibration: calibration.calibration, threshold: calibration.threshold)
            recorder.report(.openQuestion, candidates: candidates, detail: detail)
        }
        guard let chosen = calibration.choose(scores) else { return nil }
        let best = found[chosen.index]
        return Answer(question: question, text: best.text, confidence: chosen.confidence, evidence: best.evidence)
    }

    /// A candidate answer span with its score under `Weights`.
    public struct ScoredSpan: Sendable {
        public var text: String
        public var evidence: Evidence
        public var score: Double

        public var calibrationFeatures: FeatureVector<CalibrationFeature> { [.spanScore: score] }
    }

    /// The best-scored spans, best first, that score at least `Weights.minimumScore`: what the
    /// answer is chosen from, and what a training run calibrates.
    public func candidates(for question: String, pages: [Page], limit: Int = 10) -> [ScoredSpan] {
        let analysis = Question(question)
        // A page that shares none of the question's words cannot say where its answer is; a span
        // picked there by its shape alone would be a guess. A state the question names is found
        // by its abbreviation as well.
        guard Self.sharesAWord(with: question, pages: pages) || analysis.namedState != nil else { return [] }
        let sequence = TokenSequence(pages: pages)
        guard sequence.count > 0 else { return [] }
        // Of spans scored alike, the earliest, and of those the longest: words the score does not
        // weigh against ("diet and coronary" or "... heart disease") belong to the answer. Names are
        // the exception: they end where their form says ("university of tamworth", "margaret ellison").
        let lengthOrder = [.organisation, .person].contains(analysis.expected) ? -1 : 1
        let scored = SpanSearch(question: analysis, sequence: sequence, weights: weights).candidates()
            .filter { $0.score >= weights.minimumScore }
            .sorted {
                ($0.score, -$0.range.lowerBound, lengthOrder * $0.range.count)
                    > ($1.score, -$1.range.lowerBound, lengthOrder * $1.range.count)
            }
        var spans: [ScoredSpan] = []
        for candidate in scored where spans.count < limit {
            let span = sequence.tokens[candidate.range]
            let text = AnswerText.of(span, expected: analysis.expected)
            guard !text.isEmpty, let first = span.first else { continue }
            let page = pages[first.pageIndex]
            let wordIndices = span.flatMap(\.wordIndices)
            guard let box = Box.enclosing(wordIndices.map { page.words[$0].box }) else { continue }
            spans.append(ScoredSpan(text: text, evidence: Evidence(page: page.number, box: box, wordIndices: wordIndices),
                                    score: candidate.score))
        }
        return spans
    }

    /// Words that ask about any document, not about something in it, and so need not appear on the
    /// page: its kind and parts ("What kind of document is this?", "the heading", "the first item
    /// in the table"), places on the page ("at the top right"), how it was written ("the
    /// handwritten number", "the underlined heading", "within parentheses"), who or what any
    /// document names ("the company", "the sender", "the addressee", "who signed"), and the parts
    /// of an address, which the answerer knows by their form ("the zip code", "the state").
    static let documentWords: Set<String> = [
        "kind", "type", "name", "title", "document", "letter", "memo", "page", "mentioned", "given", "written",
        "addressed", "sent", "from", "date", "dated", "number", "no", "value", "heading", "head", "subject", "form",
        "report", "text", "code", "item", "items", "list", "listed", "table", "column", "row", "graph", "bar", "plot",
        "chart", "figure", "picture", "top", "bottom", "left", "right", "corner", "side", "end", "first", "last",
        "year", "time", "wrote", "printed", "hand", "handwritten", "specified", "here", "company", "organization",
        "organisation", "sender", "recipient", "publication", "business", "designation",
        "addressee", "letterhead", "subheading", "underlined", "bold", "signed", "signature", "email", "id",
        "logo", "stamp", "arrow", "parentheses", "brackets", "message", "question", "shown", "present", "about",
        "middle", "named", "person", "pobox", "po", "box", "reference", "ref", "zip", "zipcode", "postal", "state",
        "city", "town", "day", "month",
    ]

    /// Words that say where on the page or in which order, not what: "the date at the top", "the
    /// 5th item", "the text below the logo".
    static let positionWords: Set<String> = [
        "above", "below", "inside", "along", "beside", "near", "next", "before", "after", "within", "between",
        "second", "third", "fourth", "fifth", "line", "header", "footer", "stamped",
    ]

    /// Whether the page shares a word with the question, by stem (the first four letters), or the
    /// question asks only about the document itself. Function words and words of place or order
    /// do not count: a page need not say "at" for "the date at the top" to be answerable.
    static func sharesAWord(with question: String, pages: [Page]) -> Bool {
        // "the company's name" asks about the company.
        let withoutPossessives = question.replacing(/['’]s\b/, with: "")
        let words = LabelAnswerer.keyTokens(of: withoutPossessives).filter { word in
            !documentWords.contains(word) && !positionWords.contains(word) && !Vocabulary.functionWords.contains(word)
                && !Vocabulary.questionFiller.contains(word) && word.wholeMatch(of: /\d+(st|nd|rd|th)/) == nil
        }
        let stems = Set(words.map { WordNormalizer.prefixStem(ofKey: $0, length: 4) })
        guard !stems.isEmpty else { return true }
        return pages.contains { page in
            page.words.contains { stems.contains(WordNormalizer.prefixStem(ofKey: WordNormalizer.comparisonKey($0.text), length: 4)) }
        }
    }
}
