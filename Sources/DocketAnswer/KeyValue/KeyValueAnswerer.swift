import DocketModel

/// Answers a form label copied from the page ("Date:", "TO:", "Brand(s) Applicable") with the value
/// filled in for it: the label is found by spelling, despite OCR misreadings, and the value by
/// layout, beside the label or under it, one row or a paragraph. The candidates are weighed by
/// `KeyValueWeights`, learned from labelled forms, whose calibrated score is the answer's confidence.
/// When the label is not on any page, nothing stands where its value would, or the best reading is
/// too doubtful, the answer is nil, so another answerer can try.
public struct KeyValueAnswerer: Sendable {
    public var weights: KeyValueWeights

    public init(weights: KeyValueWeights = .standard) {
        self.weights = weights
    }

    /// The best-scored value for the label `question`, with the page, box and words it was read from.
    public func answer(_ question: String, pages: [Page]) -> Answer? {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer? {
        let found = candidates(for: question, pages: pages)
        let scores = found.map { weights.score($0.features) }
        if let recorder { explain(found, scores: scores, question: question, to: recorder) }
        guard let chosen = weights.calibration.choose(scores, threshold: weights.threshold)
        else { return nil }
        let best = found[chosen.index]
        return Answer(question: question, text: best.text, confidence: chosen.confidence, evidence: best.evidence)
    }

    private func explain(_ found: [KeyValueCandidate], scores: [Double], question: String, to recorder: ExplanationRecorder) {
        guard !found.isEmpty else {
            let detail = FormLabelFinder(question: question) == nil
                ? "the question holds no words to look for as a label" : "no label spelled like the question has a value near it"
            recorder.report(.formKeyValue, detail: detail)
            return
        }
        let candidates = Explaining.ranked(found, scores: scores) { candidate, score in
            AnswerExplanation.Candidate(
                text: candidate.text, score: score, evidence: candidate.evidence,
                features: Explaining.contributions(
                    names: KeyValueFeature.scoredNames, weights: weights.weights, values: candidate.features.scoredValues))
        }
        recorder.report(.formKeyValue, candidates: candidates,
                        detail: Explaining.ranking(scores: scores, calibration: weights.calibration, threshold: weights.threshold))
    }

    /// Every reading of the question's value on the pages, unscored: the material a training run
    /// fits `KeyValueWeights` to.
    public func candidates(for question: String, pages: [Page]) -> [KeyValueCandidate] {
        Self.candidates(for: question, pages: pages)
    }

    public static func candidates(for question: String, pages: [Page]) -> [KeyValueCandidate] {
        guard let finder = FormLabelFinder(question: question) else { return [] }
        let expected = QuestionAnalysis(question).expected
        var candidates: [KeyValueCandidate] = []
        var bestSpelling = 0.0
        var bestLiteralSpelling = 0.0
        for page in pages {
            let layout = FormLayout(page: page)
            let values = ValueFinder(layout: layout)
            for label in finder.matches(in: layout) {
                bestSpelling = max(bestSpelling, label.similarity)
                bestLiteralSpelling = max(bestLiteralSpelling, label.literalSimilarity)
                var ofLabel = values.regions(for: label).compactMap {
                    candidate($0, label: label, expected: expected, layout: layout)
                }
                compareSiblings(&ofLabel)
                candidates += ofLabel
            }
        }
        for index in candidates.indices {
            let bestSpelled = candidates[index].features[.labelSimilarity] >= bestSpelling
            let bestLiteral = candidates[index].features[.literalSimilarity] >= bestLiteralSpelling
            candidates[index].features[.bestSpelledLabel] = bestSpelled ? 1 : 0
            candidates[index].features[.bestLiteralLabel] = bestLiteral ? 1 : 0
        }
        return candidates
    }

    /// Features that weigh one label's candidates against each other: the nearest, the most numeric,
    /// the most confidently read.
    private static func compareSiblings(_ siblings: inout [KeyValueCandidate]) {
        let nearest = siblings.map(\.features[.gap]).min() ?? 0
        let mostNumeric = siblings.map(\.features[.numericShare]).max() ?? 0
        let mostConfident = siblings.map(\.features[.confidence]).max() ?? 0
        for index in siblings.indices {
            siblings[index].features[.nearestOfLabel] = siblings[index].features[.gap] <= nearest ? 1 : 0
            siblings[index].features[.mostNumericOfLabel] =
                mostNumeric > 0 && siblings[index].features[.numericShare] >= mostNumeric ? 1 : 0
            siblings[index].features[.mostConfidentOfLabel] = siblings[index].features[.confidence] >= mostConfident ? 1 : 0
        }
    }

    private static func candidate(
        _ region: ValueRegion, label: FormLabel, expected: QuestionAnalysis.ExpectedType, layout: FormLayout
    ) -> KeyValueCandidate? {
        let indices = region.tokenIndices.filter { !FormText.isNoise(layout.tokens[$0].text) }
        let tokens = indices.map { layout.tokens[$0] }
        let text = FormText.valueText(tokens.map(\.text))
        // The box of the value's own tokens: of a word that also holds the label, only the value's part.
        guard !text.isEmpty, let box = Box.enclosing(tokens.map(\.box)) else { return nil }
        var wordIndices: [Int] = []
        for case let index? in tokens.map(\.wordIndex) where wordIndices.last != index { wordIndices.append(index) }
        let features = KeyValueFeatures(
            value: text, tokens: tokens, region: region, label: label, expected: expected, layout: layout)
        return KeyValueCandidate(
            text: text, placement: region.placement,
            evidence: Evidence(page: layout.page.number, box: box, wordIndices: wordIndices), features: features)
    }
}
