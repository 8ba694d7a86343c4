import DocketModel

/// What a report says about one finding, decided as `FindingsReader.answer` decides, with the
/// deciding sentence as evidence.
public struct ReportedFinding: Codable, Sendable, Hashable {
    /// The finding's canonical name, e.g. "pleural effusion".
    public var finding: String
    public var status: FindingStatus
    public var sentence: String
    public var section: String?
    public var evidence: Evidence?
}

extension FindingsReader {
    /// Every finding the report mentions about this examination (background sections and history
    /// do not count), present and uncertain ones first, each once.
    public func findings(in pages: [Page]) -> [ReportedFinding] {
        let mentions = Self.locatedMentions(in: ReportLines.lines(of: pages)).filter(\.mention.isCurrent)
        var seen: Set<String> = []
        var reported: [ReportedFinding] = []
        for status in [FindingStatus.present, .uncertain, .absent] {
            for located in mentions where located.mention.status == status && !seen.contains(located.mention.finding) {
                seen.insert(located.mention.finding)
                reported.append(ReportedFinding(
                    finding: located.mention.finding, status: status, sentence: located.mention.sentence,
                    section: located.mention.section, evidence: Self.evidence(for: located, in: pages)?.evidence))
            }
        }
        return reported
    }

    /// The report's headed sections, read from its pages.
    public func sections(of pages: [Page]) -> [ReportSection] {
        ReportParser(lines: ReportLines.lines(of: pages)).sections
    }
}
