import DocketModel

/// One file to submit: its bytes and the name it had, for people reading the results.
public struct SubmittedFile: Sendable {
    public var name: String
    public var content: DocumentContent

    public init(name: String, bytes: [UInt8]) {
        self.init(name: name, content: .bytes(bytes))
    }

    /// A file whose bytes stay where they are (a file or a range of one) until the store takes them.
    public init(name: String, content: DocumentContent) {
        self.name = name
        self.content = content
    }
}
