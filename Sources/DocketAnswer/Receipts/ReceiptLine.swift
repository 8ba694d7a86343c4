import DocketModel
import Foundation

/// One line of a receipt with what its words say about it, measured once for all candidates.
struct ReceiptLine {
    let index: Int
    let line: Line
    let lowered: String
    /// `lowered` as UTF-8, searched for cue words.
    private let loweredUTF8: [UInt8]
    /// ROUND anywhere on the line ("Rounding", "Rounded Total", "Round Adj"): the rounding
    /// adjustment or a total after it.
    let mentionsRounding: Bool
    let letters: Int
    let digits: Int
    let capitals: Int
    /// Mean OCR confidence of its words, 0...1.
    let confidence: Double
    /// Median height of its words.
    let height: Double

    init(index: Int, line: Line, page: Page) {
        self.index = index
        self.line = line
        lowered = line.text.lowercased()
        loweredUTF8 = Array(lowered.utf8)
        mentionsRounding = LiteralSearch.contains(lowered, "round")
        let counts = CharacterCounts(line.text)
        letters = counts.letters
        digits = counts.digits
        capitals = counts.capitals
        let words = line.wordIndices.map { page.words[$0] }
        confidence = words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        let heights = words.map(\.box.height).sorted()
        height = heights.isEmpty ? 0 : heights[heights.count / 2]
    }

    var tokens: [String] {
        lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    func says(any cues: [String]) -> Bool {
        cues.contains { cue in Self.contains(loweredUTF8, word: cue) }
    }

    /// Whether the UTF-8 `text` holds `cue` starting and ending at word boundaries: not right
    /// after or before a letter.
    static func contains(_ text: [UInt8], word cue: String) -> Bool {
        let length = cue.utf8.count
        return text.withUnsafeBufferPointer { text in
            var start = 0
            while let found = LiteralSearch.firstOffset(of: cue, in: text, from: start) {
                if !isLetter(endingAt: found, in: text), !isLetter(startingAt: found + length, in: text) { return true }
                start = found + 1
            }
            return false
        }
    }

    /// Whether the character whose UTF-8 ends right before `end` is a letter (false at the start).
    private static func isLetter(endingAt end: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = end - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        return start >= 0 && isLetter(startingAt: start, in: text)
    }

    /// Whether the character whose UTF-8 starts at `start` is a letter (false at the end).
    private static func isLetter(startingAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start < text.count else { return false }
        let lead = text[start]
        if lead < 0x80 { return (lead >= 0x61 && lead <= 0x7A) || (lead >= 0x41 && lead <= 0x5A) }
        var end = start + 1
        while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
        let scalars = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self).unicodeScalars
        return scalars.first.map { Character($0).isLetter } ?? false
    }

    // MARK: Cues

    static let companyCues = [
        "sdn bhd", "sdn. bhd", "sdn", "bhd", "s/b", "enterprise", "enterprises", "trading", "restoran", "restaurant",
        "store", "stores", "mart", "shop", "cafe", "café", "bakery", "bakeries", "hardware", "company", "co", "ltd",
        "limited", "plc", "gmbh", "inc", "llc", "supermarket", "hypermarket", "stationery", "marketing",
        "industries", "services", "resources", "holdings", "kedai", "perniagaan", "syarikat", "pharmacy", "farmasi",
        "supply", "supplies", "corporation", "corp", "group", "ag", "kg", "sarl", "bv", "nv", "ab", "oy", "pty",
    ]
    static let headingCues = ["tax invoice", "invoice", "receipt", "welcome", "bill", "cash sale", "official", "order", "copy", "statement"]
    static let contactCues = [
        "tel", "fax", "phone", "hp", "gst", "reg", "email", "e-mail", "www", "http", "id", "no:", "cashier",
        "invoice", "receipt", "date", "time", "table", "counter", "server",
    ]
    static let addressWords = [
        "jalan", "jln", "road", "rd", "street", "st", "avenue", "ave", "lane", "taman", "tmn", "no", "lot", "floor",
        "suite", "blvd", "drive", "plaza", "block", "blk", "box", "batu", "kampung", "kg", "bandar", "seksyen",
        "section", "persiaran", "lorong", "level", "unit", "centre", "center", "kawasan", "perindustrian", "ss",
    ]
    static let stateNames = [
        "selangor", "kuala lumpur", "johor", "johor bahru", "penang", "pulau pinang", "perak", "kedah", "kelantan",
        "terengganu", "pahang", "melaka", "malacca", "negeri sembilan", "sabah", "sarawak", "perlis", "putrajaya",
        "labuan", "darul ehsan", "darul takzim", "wilayah persekutuan", "malaysia", "singapore", "shah alam",
        "petaling jaya", "klang", "puchong", "subang jaya", "cheras", "kajang", "ipoh", "seremban",
    ]

    var hasPostcode: Bool {
        tokens.contains { $0.count == 5 && $0.allSatisfy(\.isNumber) }
    }

    var namesState: Bool { says(any: Self.stateNames) }

    var looksLikeAddress: Bool {
        hasPostcode || namesState || tokens.contains(where: Self.addressWords.contains)
            || (line.text.contains(",") && digits > 0 && letters > 0)
    }

    var looksLikeName: Bool {
        letters >= 4 && digits * 4 <= letters && !says(any: Self.headingCues) && !looksLikeAddress
            && !says(any: Self.contactCues)
    }

    var hasRegistrationNumber: Bool {
        line.text.range(of: #"[\(\[\{]\s*\d{3,}\s*-?\s*[A-Za-z]\s*[\)\]\}]"#, options: .regularExpression) != nil
            || says(any: ["co reg", "co. reg", "company no", "co-reg", "co.reg", "roc"])
    }
}
