/// A headed part of a report ("FINDINGS: ..."): its upper-cased name and the text under the header.
public struct ReportSection: Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
