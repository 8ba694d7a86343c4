/// One directory (page) of a TIFF file: where it starts and the size of its image, read from its
/// tags without decoding the image.
struct TIFFDirectory: Equatable {
    var offset: Int
    var width: Int
    var height: Int
}

/// The chain of directories of a classic TIFF, walked link by link without decoding any image. A
/// link to 0 or out of the file ends the chain, and a link back to a directory already passed
/// closes it: libtiff's reading ends at both.
struct TIFFDirectories {
    private static let imageWidthTag = 256
    private static let imageLengthTag = 257
    private static let shortType = 3
    private static let longType = 4
    private static let entrySize = 12

    private let bytes: [UInt8]
    private let bigEndian: Bool
    private let first: Int

    /// Nil when the bytes are no TIFF or its first directory lies outside them.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): bigEndian = false
        case (0x4D, 0x4D): bigEndian = true
        default: return nil
        }
        guard Self.integer(in: bytes, bigEndian: bigEndian, at: 2, size: 2) == 42,
              let first = Self.integer(in: bytes, bigEndian: bigEndian, at: 4, size: 4) else { return nil }
        self.bytes = bytes
        self.first = first
        guard fits(directoryAt: first) else { return nil }
    }

    /// How many directories the chain holds, counted in constant memory whatever its length;
    /// Brent's cycle finding tells a chain that closes on itself from a long one.
    var count: Int {
        var power = 1, cycleLength = 1
        var tortoise = first
        guard var hare = link(after: first) else { return 1 }
        var reached = 2
        while tortoise != hare {
            if power == cycleLength {
                tortoise = hare
                power *= 2
                cycleLength = 0
            }
            guard let following = link(after: hare) else { return reached }
            hare = following
            reached += 1
            cycleLength += 1
        }
        var behind = first, ahead = first
        for _ in 0..<cycleLength { ahead = link(after: ahead) ?? first }
        var beforeCycle = 0
        while behind != ahead {
            behind = link(after: behind) ?? first
            ahead = link(after: ahead) ?? first
            beforeCycle += 1
        }
        return beforeCycle + cycleLength
    }

    /// The first `limit` directories of the chain, or all of them when it is shorter.
    func prefix(_ limit: Int) -> [TIFFDirectory] {
        var directories: [TIFFDirectory] = []
        var offset: Int? = first
        while let current = offset, directories.count < limit {
            directories.append(directory(at: current))
            offset = link(after: current)
        }
        return directories
    }

    private func directory(at offset: Int) -> TIFFDirectory {
        var width = 0, height = 0
        for entry in 0..<entryCount(at: offset) {
            let start = offset + 2 + Self.entrySize * entry
            guard let tag = integer(at: start, size: 2), tag == Self.imageWidthTag || tag == Self.imageLengthTag else { continue }
            // A value of four bytes or fewer is held in the entry itself, from its first byte on.
            let value: Int? = switch integer(at: start + 2, size: 2) {
            case Self.shortType: integer(at: start + 8, size: 2)
            case Self.longType: integer(at: start + 8, size: 4)
            default: nil
            }
            if tag == Self.imageWidthTag { width = value ?? 0 } else { height = value ?? 0 }
        }
        return TIFFDirectory(offset: offset, width: width, height: height)
    }

    /// The offset of the directory after the one at `offset`; nil at the end of the chain.
    private func link(after offset: Int) -> Int? {
        guard let next = integer(at: offset + 2 + Self.entrySize * entryCount(at: offset), size: 4),
              next != 0, fits(directoryAt: next) else { return nil }
        return next
    }

    private func entryCount(at offset: Int) -> Int {
        integer(at: offset, size: 2) ?? 0
    }

    private func fits(directoryAt offset: Int) -> Bool {
        guard let entries = integer(at: offset, size: 2) else { return false }
        return offset + 2 + Self.entrySize * entries + 4 <= bytes.count
    }

    private func integer(at offset: Int, size: Int) -> Int? {
        Self.integer(in: bytes, bigEndian: bigEndian, at: offset, size: size)
    }

    private static func integer(in bytes: [UInt8], bigEndian: Bool, at offset: Int, size: Int) -> Int? {
        guard offset >= 0, offset + size <= bytes.count else { return nil }
        var value = 0
        for index in 0..<size {
            value = value << 8 | Int(bytes[offset + (bigEndian ? index : size - 1 - index)])
        }
        return value
    }
}
