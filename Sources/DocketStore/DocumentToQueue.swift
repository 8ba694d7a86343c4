import DocketModel
import Foundation

/// A file to store with the job that reads it, already checked and identified.
public struct DocumentToQueue: Sendable {
    public var name: String
    /// The bytes, in memory or still in a file: a backend writes a file's a chunk at a time.
    public var content: DocumentContent
    public var mediaType: MediaType
    /// The hex SHA-256 of `content`: a document with the same is stored once.
    public var sha256: String

    public init(name: String, content: DocumentContent, mediaType: MediaType, sha256: String) {
        self.name = name
        self.content = content
        self.mediaType = mediaType
        self.sha256 = sha256
    }

    public init(name: String, bytes: [UInt8], mediaType: MediaType, sha256: String) {
        self.init(name: name, content: .bytes(bytes), mediaType: mediaType, sha256: sha256)
    }
}
