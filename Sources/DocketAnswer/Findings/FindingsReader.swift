import DocketModel

/// Answers "Is there X?" about a radiology report: finds the sentences that mention finding X and
/// reads from the words around each mention whether the report says X is there, is not, or may be
/// ("no consolidation, effusion or pneumothorax", "pneumothorax is not seen", "possible
/// atelectasis").
///
/// Only the report's own findings decide: mentions in background sections (INDICATION, HISTORY,
/// COMPARISON, ...) and "history of X" are listed by `mentions(in:)` with `isCurrent == false` but
/// never answer a question. A finding the report does not mention is presumed absent, since
/// radiology reports list what they see; that "no" comes with lower confidence and no evidence.
public struct FindingsReader: Sendable {
    public init() {}

    /// Confidence of an answer read from a sentence, before the words' own recognition confidence.
    static let statedConfidence = 0.9
    static let conflictingConfidence = 0.75
    static let uncertainConfidence = 0.6
    static let unmentionedConfidence = 0.6

    /// The report's headed sections ("FINDINGS: ...", "Impression:"), in order. Text before the
    /// first header belongs to no section.
    public func sections(of text: String) -> [ReportSection] {
        ReportParser(lines: ReportLines.lines(of: text)).sections
    }

    /// Every mention of a known finding, in reading order, with its status.
    public func mentions(in text: String) -> [FindingMention] {
        Self.locatedMentions(in: ReportLines.lines(of: text)).map(\.mention)
    }

    /// nil when `question` is not a yes/no question about a finding ("Is there X?", "Any X?",
    /// "Does the patient have X?", "Is X present?", "Evidence of X?"). Otherwise "yes", "no" or
    /// "uncertain". A finding the report states anywhere is "yes" even if another sentence denies
    /// it ("no pleural effusion on the right" beside "small left pleural effusion"); the evidence
    /// is the deciding sentence.
    public func answer(_ question: String, pages: [Page]) -> Answer? {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer? {
        guard let finding = FindingQuestion.finding(askedIn: question) else {
            recorder?.report(.finding, detail: "not a yes/no question about a finding Docket knows")
            return nil
        }
        let mentions = Self.locatedMentions(in: ReportLines.lines(of: pages))
            .filter { $0.mention.finding == finding.name && $0.mention.isCurrent }
        let deciding = mentions.first { $0.mention.status == .present }
            ?? mentions.first { $0.mention.status == .uncertain }
            ?? mentions.first { $0.mention.status == .absent }
        if let recorder {
            let decidingIndex = [FindingStatus.present, .uncertain, .absent].lazy
                .compactMap { status in mentions.firstIndex { $0.mention.status == status } }.first
            let decidingFirst = decidingIndex.map { [mentions[$0]] + mentions.enumerated().filter { $0.offset != decidingIndex }.map(\.element) } ?? []
            let candidates = decidingFirst.map { mention in
                AnswerExplanation.Candidate(text: mention.mention.status.rawValue, context: mention.mention.sentence, score: nil,
                                            evidence: Self.evidence(for: mention, in: pages)?.evidence)
            }
            let detail = deciding.map { deciding in
                "\(mentions.count) mention(s) of \(finding.name) in the report's own findings; the deciding one says "
                    + "\(deciding.mention.status.rawValue) (a stated finding outweighs a denial, an uncertain one a denial)"
            } ?? "\(finding.name) is not mentioned in the report's own findings, so it is presumed absent"
            recorder.report(.finding, candidates: candidates, detail: detail)
        }
        guard let deciding, let evidence = Self.evidence(for: deciding, in: pages) else {
            return Answer(question: question, text: FindingStatus.absent.rawValue, confidence: Self.unmentionedConfidence, evidence: nil)
        }
        let status = deciding.mention.status
        var confidence = status == .uncertain ? Self.uncertainConfidence : Self.statedConfidence
        if status == .present, mentions.contains(where: { $0.mention.status == .absent }) { confidence = Self.conflictingConfidence }
        return Answer(question: question, text: status.rawValue, confidence: confidence * evidence.wordConfidence, evidence: evidence.evidence)
    }

    static func locatedMentions(in lines: [[ReportToken]]) -> [LocatedMention] {
        ReportParser(lines: lines).sentences.flatMap(MentionFinder.mentions)
    }

    /// The words of the mention's sentence on the page where the sentence starts, and their mean
    /// recognition confidence (0...1).
    static func evidence(for mention: LocatedMention, in pages: [Page]) -> (evidence: Evidence, wordConfidence: Double)? {
        guard let pageNumber = mention.sentenceTokens.first?.location.page,
              let page = pages.first(where: { $0.number == pageNumber }) else { return nil }
        var wordIndices: [Int] = []
        for token in mention.sentenceTokens where token.location.page == pageNumber && wordIndices.last != token.location.wordIndex {
            wordIndices.append(token.location.wordIndex)
        }
        let words = wordIndices.map { page.words[$0] }
        guard let box = Box.enclosing(words.map(\.box)) else { return nil }
        let wordConfidence = words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        return (Evidence(page: pageNumber, box: box, wordIndices: wordIndices), wordConfidence)
    }
}
