import DocketModel
import Foundation

/// A passage of a page with its sentence-encoder vector, as stored for semantic search.
public struct PassageVector: Sendable, Equatable {
    public var page: Int
    public var passage: Passage
    public var vector: [Float]

    public init(page: Int, passage: Passage, vector: [Float]) {
        self.page = page
        self.passage = passage
        self.vector = vector
    }

    /// The vector as stored: little-endian float32 values, one after the other.
    public static func bytes(of vector: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 * vector.count)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The vector stored as `bytes`; a trailing partial value is dropped.
    public static func vector(from bytes: some Collection<UInt8>) -> [Float] {
        var vector: [Float] = []
        vector.reserveCapacity(bytes.count / 4)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next(), let b1 = iterator.next(), let b2 = iterator.next(), let b3 = iterator.next() {
            let bits = UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16 | UInt32(b3) << 24
            vector.append(Float(bitPattern: bits))
        }
        return vector
    }
}

/// A stored passage vector with the document it belongs to: a candidate for semantic search.
public struct StoredPassageVector: Sendable, Equatable {
    public var documentID: Int64
    public var documentName: String
    public var documentType: DocumentType?
    public var passageVector: PassageVector

    public init(documentID: Int64, documentName: String, documentType: DocumentType?, passageVector: PassageVector) {
        self.documentID = documentID
        self.documentName = documentName
        self.documentType = documentType
        self.passageVector = passageVector
    }
}

/// Which model embedded the passages, so that vectors of different models are never compared.
public struct EncoderModel: Sendable, Hashable {
    public var name: String
    public var dimension: Int

    public init(name: String, dimension: Int) {
        self.name = name
        self.dimension = dimension
    }
}
