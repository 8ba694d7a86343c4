import DocketModel
import Foundation

/// A study: images and the written report about them.
public struct Study: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        case image, report
    }

    public struct Member: Codable, Sendable, Equatable {
        public var document: DocumentRecord
        public var role: Role
    }

    public var id: Int64
    public var key: String
    public var members: [Member]

    public var images: [DocumentRecord] { members.filter { $0.role == .image }.map(\.document) }
    public var reports: [DocumentRecord] { members.filter { $0.role == .report }.map(\.document) }
}
