import DocketModel
import Foundation

/// One line of a receipt with what its words say about it, measured once for all candidates.
struct ReceiptLine {
    let index: Int
    let line: Line
    let lowered: String
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
        letters = line.text.filter(\.isLetter).count
        digits = line.text.filter(\.isNumber).count
        capitals = line.text.filter(\.isUppercase).count
        let words = line.wordIndices.map { page.words[$0] }
        confidence = words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count) / 100
        let heights = words.map(\.box.height).sorted()
        height = heights.isEmpty ? 0 : heights[heights.count / 2]
    }

    var tokens: [String] {
        lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    func says(any cues: [String]) -> Bool {
        cues.contains { cue in Self.contains(lowered, word: cue) }
    }

    /// Whether `text` holds `cue` starting and ending at word boundaries.
    static func contains(_ text: String, word cue: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: cue, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let startsWord = before.map { !$0.isLetter } ?? true
            let endsWord = after.map { !$0.isLetter } ?? true
            if startsWord && endsWord { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
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
