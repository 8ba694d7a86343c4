/// The kinds of file Docket reads, detected from their leading bytes, never from a file name.
public enum MediaType: String, Codable, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case tiff = "image/tiff"
    case plainText = "text/plain"
    /// A DICOM Part 10 file: a medical image with its patient, study and acquisition attributes.
    case dicom = "application/dicom"

    public var isImage: Bool { self == .png || self == .jpeg || self == .tiff || self == .dicom }

    /// Detects the type of `bytes`, or nil when Docket cannot read them.
    public static func detect(_ bytes: some Collection<UInt8>) -> MediaType? {
        if let binary = detectFromHeader(Array(bytes.prefix(headerLength))) { return binary }
        var text = PlainTextCheck()
        text.take(Array(bytes))
        return text.finish() ? .plainText : nil
    }

    /// Detects the type of `content` reading a file's bytes a chunk at a time, never all at once.
    public static func detect(_ content: DocumentContent) throws -> MediaType? {
        if case .bytes(let bytes) = content { return detect(bytes) }
        if let binary = detectFromHeader(try content.prefix(headerLength)) { return binary }
        var text = PlainTextCheck()
        var stillText = true
        try content.forEachChunk { chunk in
            if stillText { stillText = text.take(chunk) }
        }
        return stillText && text.finish() ? .plainText : nil
    }

    /// How far into a file its header is looked for.
    private static let headerLength = 1024

    private static func detectFromHeader(_ head: [UInt8]) -> MediaType? {
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }              // %PDF-
        // DICOM Part 10: a 128-byte preamble, then "DICM". Checked before a PDF header found further
        // in, since a DICOM file may carry a PDF (Encapsulated PDF) in its first KiB.
        if head.count >= 132, head[128..<132].elementsEqual([0x44, 0x49, 0x43, 0x4D]) { return .dicom }
        // Some producers put junk before the header; PDF readers accept it within the first 1 KiB.
        if let index = head.firstRange(of: Array("%PDF-".utf8)), index.lowerBound < headerLength { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        return nil
    }
}

/// Whether bytes taken in pieces are plain text: valid UTF-8 without NUL or other control
/// characters than tab, newline, carriage return and form feed. A UTF-8 sequence may be split
/// between two pieces.
struct PlainTextCheck {
    private var pending: [UInt8] = []
    private var sawAny = false
    private var failed = false

    /// Takes the next piece; false as soon as the bytes cannot be plain text.
    @discardableResult
    mutating func take(_ piece: [UInt8]) -> Bool {
        guard !failed else { return false }
        if !piece.isEmpty { sawAny = true }
        let bytes = pending.isEmpty ? piece : pending + piece
        let complete = Self.lengthOfCompleteSequences(bytes)
        let head = bytes[..<complete]
        if head.contains(where: Self.isRefusedControlCharacter) || String(validating: head, as: UTF8.self) == nil {
            failed = true
            return false
        }
        pending = Array(bytes[complete...])
        return true
    }

    private static func isRefusedControlCharacter(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C
    }

    /// Whether everything taken was plain text (and there was something).
    mutating func finish() -> Bool {
        !failed && sawAny && pending.isEmpty
    }

    /// The length of `bytes` without a UTF-8 sequence cut short at its end.
    private static func lengthOfCompleteSequences(_ bytes: [UInt8]) -> Int {
        var start = bytes.count
        // A sequence is at most 4 bytes: look back at most 3 for its lead byte.
        while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return bytes.count - (start - 1) < length ? start - 1 : bytes.count
    }
}

extension MediaType {
    /// Whether a PDF declares encryption (`/Encrypt` in its trailer), found without parsing it.
    /// Many such PDFs open without a password (only their permissions are restricted), so this
    /// only says whether it is worth asking Poppler.
    public static func pdfDeclaresEncryption(_ bytes: [UInt8]) -> Bool {
        bytes.firstRange(of: encryptMarker) != nil
    }

    /// `pdfDeclaresEncryption` for content read a chunk at a time.
    public static func pdfDeclaresEncryption(_ content: DocumentContent) throws -> Bool {
        if case .bytes(let bytes) = content { return pdfDeclaresEncryption(bytes) }
        return try !content.offsets(of: encryptMarker).isEmpty
    }

    private static let encryptMarker = Array("/Encrypt".utf8)
}
