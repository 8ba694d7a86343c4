import Foundation

/// A document's bytes: held in memory, or left in a file (a range of it) until they are written to
/// the store, so that a large upload is never held whole by the process that receives it.
public enum DocumentContent: Sendable, Equatable {
    case bytes([UInt8])
    case fileRange(path: String, offset: Int, count: Int)

    /// The bytes a reader takes from a file at a time.
    public static let chunkSize = 1 << 20

    /// The whole of the file at `path`.
    public static func file(_ path: String) throws -> DocumentContent {
        do {
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            return .fileRange(path: path, offset: 0, count: size)
        } catch {
            throw DocumentContentError.unreadable(path: path, reason: error.localizedDescription)
        }
    }

    public var count: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .fileRange(_, _, let count): count
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The first `length` bytes (fewer when the content is shorter).
    public func prefix(_ length: Int) throws -> [UInt8] {
        switch self {
        case .bytes(let bytes):
            return Array(bytes.prefix(length))
        case .fileRange(let path, let offset, let count):
            var head: [UInt8] = []
            try Self.read(path: path, offset: offset, count: min(length, count), chunkSize: length) { head = $0 }
            return head
        }
    }

    /// Calls `body` with the content in order, in pieces of at most `chunkSize` bytes.
    public func forEachChunk(_ body: ([UInt8]) throws -> Void) throws {
        switch self {
        case .bytes(let bytes):
            var start = 0
            while start < bytes.count {
                let end = min(start + Self.chunkSize, bytes.count)
                try body(Array(bytes[start..<end]))
                start = end
            }
        case .fileRange(let path, let offset, let count):
            try Self.read(path: path, offset: offset, count: count, chunkSize: Self.chunkSize, body)
        }
    }

    /// Where `pattern` starts in the content, in order, found a chunk at a time: a match may
    /// straddle two chunks.
    public func offsets(of pattern: [UInt8]) throws -> [Int] {
        var found: [Int] = []
        var carried: [UInt8] = []
        var consumed = 0
        try forEachChunk { chunk in
            let window = carried + chunk
            let windowStart = consumed - carried.count
            var searchFrom = 0
            while let match = window[searchFrom...].firstRange(of: pattern) {
                found.append(windowStart + match.lowerBound)
                searchFrom = match.upperBound
            }
            consumed += chunk.count
            // Keep a tail that could begin a match, but never one already counted.
            carried = Array(window.suffix(min(pattern.count - 1, window.count - searchFrom)))
        }
        return found
    }

    /// Every byte, in one array.
    public func allBytes() throws -> [UInt8] {
        if case .bytes(let bytes) = self { return bytes }
        var all: [UInt8] = []
        all.reserveCapacity(count)
        try forEachChunk { all.append(contentsOf: $0) }
        return all
    }

    private static func read(path: String, offset: Int, count: Int, chunkSize: Int, _ body: ([UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DocumentContentError.unreadable(path: path, reason: "it cannot be opened")
        }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(offset))
            var remaining = count
            while remaining > 0 {
                guard let data = try handle.read(upToCount: min(chunkSize, remaining)), !data.isEmpty else {
                    throw DocumentContentError.unreadable(path: path, reason: "it ended \(remaining) bytes early")
                }
                remaining -= data.count
                try body([UInt8](data))
            }
        } catch let error as DocumentContentError {
            throw error
        } catch {
            throw DocumentContentError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}

public enum DocumentContentError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path) could not be read back (\(reason))"
        }
    }
}
