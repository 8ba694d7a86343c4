/// One mention of a finding in a report, with what the sentence says about it.
public struct FindingMention: Sendable, Equatable {
    /// The finding's canonical name, e.g. "pleural effusion".
    public var finding: String
    public var status: FindingStatus
    public var sentence: String
    /// The upper-cased name of the enclosing section, nil before the first header.
    public var section: String?
    /// False when the mention is background rather than a finding of this examination: the
    /// reason for the examination ("INDICATION: evaluate for pneumonia"), the patient's history
    /// ("HISTORY: ...", "history of pneumonia") or the comparison study.
    public var isCurrent: Bool

    public init(finding: String, status: FindingStatus, sentence: String, section: String?, isCurrent: Bool = true) {
        self.finding = finding
        self.status = status
        self.sentence = sentence
        self.section = section
        self.isCurrent = isCurrent
    }
}
