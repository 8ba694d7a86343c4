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
        let head = Array(bytes.prefix(1024))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }              // %PDF-
        // DICOM Part 10: a 128-byte preamble, then "DICM". Checked before a PDF header found further
        // in, since a DICOM file may carry a PDF (Encapsulated PDF) in its first KiB.
        if head.count >= 132, head[128..<132].elementsEqual([0x44, 0x49, 0x43, 0x4D]) { return .dicom }
        // Some producers put junk before the header; PDF readers accept it within the first 1 KiB.
        if let index = head.firstRange(of: Array("%PDF-".utf8)), index.lowerBound < 1024 { return .pdf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if isPlainText(bytes) { return .plainText }
        return nil
    }

    /// Valid UTF-8 without NUL or other control characters than tab, newline, carriage return and form feed.
    private static func isPlainText(_ bytes: some Collection<UInt8>) -> Bool {
        guard !bytes.isEmpty, let text = String(validating: Array(bytes), as: UTF8.self) else { return false }
        return !text.unicodeScalars.contains { scalar in
            scalar.value < 0x20 && !["\t", "\n", "\r", "\u{0C}"].contains(scalar)
        }
    }
}

extension MediaType {
    /// Whether a PDF declares encryption (`/Encrypt` in its trailer), found without parsing it.
    /// Many such PDFs open without a password (only their permissions are restricted), so this
    /// only says whether it is worth asking Poppler.
    public static func pdfDeclaresEncryption(_ bytes: [UInt8]) -> Bool {
        bytes.firstRange(of: Array("/Encrypt".utf8)) != nil
    }
}
