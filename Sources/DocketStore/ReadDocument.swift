import DocketModel
import Foundation

/// A document with what reading it found, stored without a job: how `docket bench` fills a store.
public struct ReadDocument: Sendable {
    public var content: [UInt8]
    public var sha256: String
    public var mediaType: MediaType
    public var originalName: String
    public var submittedAt: Double
    public var pages: [Page]
    public var type: DocumentType
    public var fields: [DocumentField]

    public init(content: [UInt8], sha256: String, mediaType: MediaType, originalName: String, submittedAt: Double,
                pages: [Page], type: DocumentType, fields: [DocumentField]) {
        self.content = content
        self.sha256 = sha256
        self.mediaType = mediaType
        self.originalName = originalName
        self.submittedAt = submittedAt
        self.pages = pages
        self.type = type
        self.fields = fields
    }
}
