import DocketModel
import Foundation

/// A file to store with the job that reads it, already checked and identified.
public struct DocumentToQueue: Sendable {
    public var name: String
    public var bytes: [UInt8]
    public var mediaType: MediaType
    /// The hex SHA-256 of `bytes`: a document with the same is stored once.
    public var sha256: String

    public init(name: String, bytes: [UInt8], mediaType: MediaType, sha256: String) {
        self.name = name
        self.bytes = bytes
        self.mediaType = mediaType
        self.sha256 = sha256
    }
}
