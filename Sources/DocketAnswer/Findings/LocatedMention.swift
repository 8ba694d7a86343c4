/// A mention together with the tokens of its sentence, which know the page words they came from.
struct LocatedMention: Sendable {
    var mention: FindingMention
    var sentenceTokens: [ReportToken]
}
