import DocketModel

/// Answers a question in words ("How many packages were delivered?") from the labelled values the
/// layout paired on the page ("Total packages: 7"): the pair whose label holds most of the
/// question's words, with a value of the kind the question asks for.
struct LabelledValueAnswerer: Sendable {
    func answer(_ question: String, analysis: QuestionAnalysis, pages: [Page], recorder: ExplanationRecorder? = nil) -> Answer? {
        let asked = Set(LabelAnswerer.keyTokens(of: question).map(Self.stem))
        guard !asked.isEmpty else {
            recorder?.report(.labelledValue, detail: "the question holds no words to look for in a label")
            return nil
        }
        let counted = Self.countedNoun(in: question).map(Self.stem)
        var best: (share: Double, page: Page, pair: KeyValuePair)?
        var considered: [(share: Double, page: Page, pair: KeyValuePair)] = []
        for page in pages {
            for pair in page.layout?.keyValues ?? [] where Self.fits(pair.valueText, analysis.expected) {
                let label = Set(pair.keyText.split(whereSeparator: \.isWhitespace).map { Self.stem(WordNormalizer.comparisonKey($0)) })
                if let counted, !label.contains(counted) { continue }
                let share = Double(asked.intersection(label).count) / Double(asked.count)
                if recorder != nil, share >= Self.minimumShare { considered.append((share, page, pair)) }
                if share >= Self.minimumShare, share > best?.share ?? 0 { best = (share, page, pair) }
            }
        }
        if let recorder {
            let candidates = Explaining.ranked(considered, scores: considered.map(\.share)) { found, share in
                AnswerExplanation.Candidate(
                    text: found.pair.valueText, context: found.pair.keyText, score: share,
                    evidence: Evidence(page: found.page.number, box: found.pair.valueBox, wordIndices: found.pair.valueWordIndices))
            }
            let detail = best.map { best in
                "label \"\(best.pair.keyText)\" holds \(Explaining.number(best.share)) of the question's words (at least \(Self.minimumShare) needed), "
                    + "its value of the kind asked for"
            } ?? "no labelled value the layout paired has a label with half the question's words and a value of the kind asked for"
            recorder.report(.labelledValue, candidates: candidates, detail: detail)
        }
        guard let best else { return nil }
        let words = best.pair.valueWordIndices.filter(best.page.words.indices.contains).map { best.page.words[$0] }
        guard !words.isEmpty else { return nil }
        let readConfidence = words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        return Answer(
            question: question, text: best.pair.valueText, confidence: best.share * readConfidence * Self.pairCertainty,
            evidence: Evidence(page: best.page.number, box: best.pair.valueBox, wordIndices: best.pair.valueWordIndices))
    }

    /// A count or an amount must start with its figure (or a currency sign), not be an identifier
    /// like "DN-58213"; a date must hold a digit; other kinds take any value.
    static func fits(_ value: String, _ expected: QuestionAnalysis.ExpectedType) -> Bool {
        switch expected {
        case .number where DateNormalizer().normalize(value) != nil:
            return false
        case .number, .amount:
            let first = value.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
            return first.first.map { $0.isNumber || "$€£¥(-".contains($0) } ?? false
                || ["rm", "usd", "eur", "myr", "gbp"].contains(first.lowercased()) && value.contains(where: \.isNumber)
        case .date: return value.contains(where: \.isNumber)
        case .organisation, .address, .text: return true
        }
    }

    /// The noun a "how many" or "number of" question counts: "packages" in "How many packages were delivered?".
    static func countedNoun(in question: String) -> String? {
        let words = question.lowercased().split { !$0.isLetter }.map(String.init)
        for (index, word) in words.enumerated() where index + 1 < words.count {
            if (word == "many" && index > 0 && words[index - 1] == "how") || (word == "of" && index > 0 && words[index - 1] == "number") {
                return words[index + 1]
            }
        }
        return nil
    }

    /// Label and question words compared by their first five letters: "packages" meets "package".
    private static func stem(_ key: String) -> String {
        WordNormalizer.prefixStem(ofKey: key, length: 5)
    }

    /// At least half of the question's words in the label.
    static let minimumShare = 0.5
    /// How often a labelled value the layout paired is the label's value, beside how well its words were read.
    static let pairCertainty = 0.8
}
