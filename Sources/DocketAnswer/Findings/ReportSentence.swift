/// One sentence of a report and the section it stands in.
struct ReportSentence: Sendable {
    var tokens: [ReportToken]
    var section: SectionHeader?

    var text: String { tokens.joinedText }
}
