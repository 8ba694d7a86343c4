/// What the vocabulary knows of one finding: how questions name it, the phrases that mention it and
/// the phrases that look like a mention but name something else.
struct FindingTerms: Sendable {
    /// The canonical name, as answers and mentions give it.
    let name: String
    /// Phrases that mention the finding; the sentence around them says whether it is there.
    let mentions: [PhrasePattern]
    /// Phrases that say on their own that the finding is absent ("heart size is normal").
    let normalPhrases: [PhrasePattern]
    /// Phrases that hold a mention but name something else: "pericardial effusion" is no pleural
    /// effusion, and the calcification of a "calcified granuloma" is counted as the granuloma.
    let otherThings: [PhrasePattern]
    /// Every way a question may name the finding, as normalised keys: its name, the further
    /// `questionNames` and the mention phrases without a gap.
    let namesInQuestions: Set<String>

    init(_ name: String, questionNames: [String] = [], mentions: [String], normal: [String] = [], notThis: [String] = []) {
        self.name = name
        self.mentions = mentions.map(PhrasePattern.init)
        normalPhrases = normal.map(PhrasePattern.init)
        otherThings = notThis.map(PhrasePattern.init)
        let gapless = mentions.filter { !$0.contains(PhrasePattern.gapMarker) }
        namesInQuestions = Set(([name] + questionNames + gapless).map(FindingQuestion.normalizedName))
    }
}
