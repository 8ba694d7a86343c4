/// One file to submit: its bytes and the name it had, for people reading the results.
public struct SubmittedFile: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
