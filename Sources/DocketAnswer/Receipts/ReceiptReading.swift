import DocketModel
import Foundation

/// One page of a receipt read for the values of its fields: each candidate with its features.
struct ReceiptReading {
    let page: Page
    let lines: [ReceiptLine]
    /// The usual height of the page's words.
    let usualHeight: Double
    let textTop: Double
    let textBottom: Double
    /// Lines that name whom the document is for ("Bill to:" and the block under it): never its issuer.
    let recipientLines: Set<Int>

    /// Names and addresses stand in the first lines.
    static let headLines = 12
    static let longestAddress = 6

    init(page: Page) {
        self.page = page
        lines = page.lines.enumerated().map { ReceiptLine(index: $0.offset, line: $0.element, page: page) }
        let heights = page.words.map(\.box.height).sorted()
        usualHeight = heights.isEmpty ? 1 : max(heights[heights.count / 2], 1)
        textTop = page.lines.map(\.box.y0).min() ?? 0
        textBottom = page.lines.map(\.box.y1).max() ?? page.height
        recipientLines = Self.recipientBlocks(lines)
    }

    /// Labels that open the recipient's block on an invoice or a delivery note.
    static let recipientLabels = ["bill to", "billed to", "invoice to", "ship to", "sold to", "deliver to", "customer:", "to:"]
    /// How many lines under its label a recipient's name and address run at most.
    static let longestRecipientBlock = 5

    /// Each recipient label's line and the lines under it, up to the next line with a label of its own.
    private static func recipientBlocks(_ lines: [ReceiptLine]) -> Set<Int> {
        var marked = Set<Int>()
        for line in lines where recipientLabels.contains(where: { line.lowered.hasPrefix($0) }) {
            marked.insert(line.index)
            for next in lines.dropFirst(line.index + 1).prefix(longestRecipientBlock) {
                if next.lowered.contains(":"), !next.lowered.hasPrefix("attn") { break }
                marked.insert(next.index)
            }
        }
        return marked
    }

    private func namesRecipient(_ group: [ReceiptLine]) -> Bool {
        group.contains { recipientLines.contains($0.index) }
    }

    // MARK: Who issued it

    /// Each of the first lines with letters, and each pair of such lines, as the issuer's name.
    func companies() -> [ReceiptCandidate] {
        let head = Array(lines.prefix(Self.headLines))
        let firstCue = head.first { $0.says(any: ReceiptLine.companyCues) }?.index
        let firstName = head.first { $0.looksLikeName }?.index
        var candidates: [ReceiptCandidate] = []
        for start in head.indices where head[start].letters >= 2 {
            for count in 1...2 where start + count <= head.count {
                let group = Array(head[start..<(start + count)])
                if count == 2, group[1].letters < 2 { continue }
                if namesRecipient(group) { continue }
                let text = Self.withoutRegistration(group.map(\.line.text).joined(separator: " "))
                guard !text.isEmpty else { continue }
                var features = common(group)
                features[.lineCount] = Double(count) / 6
                features[.companyCue] = flag(group.contains { $0.says(any: ReceiptLine.companyCues) })
                features[.firstCompanyCue] = flag(group.contains { $0.index == firstCue })
                features[.firstNameLike] = flag(group[0].index == firstName)
                let next = group.last!.index + 1 < lines.count ? lines[group.last!.index + 1] : nil
                features[.registrationNear] = flag(group.contains(where: \.hasRegistrationNumber) || next?.hasRegistrationNumber == true)
                features[.headingCue] = flag(group.contains { $0.says(any: ReceiptLine.headingCues) })
                features[.contactCue] = flag(group.contains { $0.says(any: ReceiptLine.contactCues) })
                features[.addressLineShare] = share(group) { $0.looksLikeAddress }
                candidates.append(candidate(text, group, features))
            }
        }
        return candidates
    }

    // MARK: From where

    /// Each run of up to six lines in the head of the page, as the issuer's address.
    func addresses() -> [ReceiptCandidate] {
        let head = Array(lines.prefix(Self.headLines + Self.longestAddress))
        let firstName = head.first { $0.looksLikeName }?.index
        var candidates: [ReceiptCandidate] = []
        for start in head.indices where start < Self.headLines {
            for count in 1...Self.longestAddress where start + count <= head.count {
                let group = Array(head[start..<(start + count)])
                guard group.contains(where: \.looksLikeAddress), !namesRecipient(group) else { continue }
                let text = Self.withoutRegistration(group.map(\.line.text).joined(separator: " "))
                guard !text.isEmpty else { continue }
                var features = common(group)
                features[.lineCount] = Double(count) / 6
                features[.addressLineShare] = share(group) { $0.looksLikeAddress }
                features[.postcode] = flag(group.contains(where: \.hasPostcode))
                features[.stateName] = flag(group.contains(where: \.namesState))
                features[.stateAtEnd] = flag(group.last!.namesState || group.last!.hasPostcode)
                let firstTokens = group[0].tokens
                features[.addressStart] = flag(firstTokens.first.map { ["no", "lot", "jalan", "jln", "g", "blok", "block", "unit"].contains($0) || $0.first?.isNumber == true } ?? false)
                let before = start > 0 ? lines[start - 1] : nil
                let after = start + count < lines.count ? lines[start + count] : nil
                features[.addressBefore] = flag(before?.looksLikeAddress == true && before?.says(any: ReceiptLine.contactCues) == false)
                features[.addressAfter] = flag(after?.looksLikeAddress == true && after?.says(any: ReceiptLine.contactCues) == false)
                features[.afterName] = flag(before.map { $0.says(any: ReceiptLine.companyCues) || $0.index == firstName } ?? false)
                features[.contactLineShare] = share(group) { $0.says(any: ReceiptLine.contactCues) }
                features[.contactAfter] = flag(after?.says(any: ReceiptLine.contactCues) ?? true)
                features[.holdsCompanyCue] = flag(group.contains { $0.says(any: ["sdn bhd", "sdn", "bhd", "enterprise", "trading", "restoran"]) })
                features[.registrationNear] = flag(group.contains(where: \.hasRegistrationNumber))
                candidates.append(candidate(text, group, features))
            }
        }
        return candidates
    }

    // MARK: When

    static let datePatterns: [NSRegularExpression] = [
        #"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"#,                                   // 2026-03-14
        #"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"#,                                  // 14/03/2026, 05/01/17
        #"\b\d{1,2}[- ]?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[- ,]+\d{2,4}\b"#,   // 14 Mar 2026
        #"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"#,      // March 14, 2026
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    private static let timePattern = try! NSRegularExpression(pattern: #"\b\d{1,2}:\d{2}"#)

    func dates() -> [ReceiptCandidate] {
        var candidates: [ReceiptCandidate] = []
        var seenFirst = false
        for line in lines {
            var taken: [Range<String.Index>] = []
            for pattern in Self.datePatterns {
                for range in Self.matches(pattern, in: line.line.text) where !taken.contains(where: { $0.overlaps(range) }) {
                    taken.append(range)
                    let text = String(line.line.text[range])
                    var features = common([line])
                    features[.dateCue] = flag(line.says(any: ["date", "tarikh", "dated"]))
                    features[.timeNear] = flag(!Self.matches(Self.timePattern, in: line.line.text).isEmpty)
                    features[.fullYear] = flag(text.range(of: #"\d{4}"#, options: .regularExpression) != nil)
                    features[.monthName] = flag(text.contains(where: \.isLetter))
                    features[.plausibleDate] = flag(Self.isPlausibleDate(text))
                    features[.firstDate] = flag(!seenFirst)
                    features[.otherDateCue] = flag(line.says(any: ["due", "expiry", "exp", "valid", "until", "print", "printed"]))
                    seenFirst = true
                    candidates.append(candidate(text, [line], features, words: range))
                }
            }
        }
        return candidates
    }

    /// Numeric day and month within their ranges, in either order; dates with a month's name pass.
    static func isPlausibleDate(_ text: String) -> Bool {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 3, !text.contains(where: \.isLetter) else { return true }
        let (a, b) = numbers[0] > 31 ? (numbers[2], numbers[1]) : (numbers[0], numbers[1])
        return (1...31).contains(a) && (1...12).contains(b) || (1...12).contains(a) && (1...31).contains(b)
    }

    // MARK: How much

    private static let amountPattern = try! NSRegularExpression(pattern: #"(?<![\d.,])\d{1,3}(?:[,.]\d{3})*[.,]\d{2}(?![\d])"#)
    static let totalCues = ["total", "amount due", "balance due", "grand", "nett", "net", "payable", "amount", "due", "jumlah", "amt"]

    func amounts() -> [ReceiptCandidate] {
        struct Found { let line: ReceiptLine; let range: Range<String.Index>; let value: Double; let last: Bool }
        var found: [Found] = []
        for line in lines {
            let ranges = Self.matches(Self.amountPattern, in: line.line.text)
            for (position, range) in ranges.enumerated() {
                guard let value = Self.decimal(String(line.line.text[range])) else { continue }
                found.append(Found(line: line, range: range, value: value, last: position == ranges.count - 1))
            }
        }
        let largest = found.map(\.value).max() ?? 0
        let cash = found.filter { $0.line.says(any: ["cash", "tender", "tendered", "paid"]) }.map(\.value)
        let change = found.filter { $0.line.says(any: ["change"]) }.map(\.value)
        let lastTotalLine = lines.last { $0.says(any: Self.totalCues) && !$0.says(any: ["subtotal", "sub"]) }?.index
        let rounding = Self.roundedTotals(found.map { (line: $0.line, value: $0.value) })
        var candidates: [ReceiptCandidate] = []
        for (position, amount) in found.enumerated() {
            let line = amount.line
            var features = common([line])
            features[.totalCue] = flag(line.says(any: Self.totalCues))
            let above = line.index > 0 ? lines[line.index - 1] : nil
            features[.totalCueAbove] = flag(above.map { $0.says(any: Self.totalCues) && Self.matches(Self.amountPattern, in: $0.line.text).isEmpty } ?? false)
            features[.grandCue] = flag(line.says(any: ["grand"]))
            features[.roundingCue] = flag(line.mentionsRounding)
            features[.subtotalCue] = flag(line.says(any: ["subtotal", "sub total", "sub-total", "sub"]))
            features[.cashCue] = flag(line.says(any: ["cash", "tender", "tendered", "paid", "card", "visa", "master"]))
            features[.changeCue] = flag(line.says(any: ["change"]))
            features[.taxCue] = flag(line.says(any: ["tax", "gst", "vat", "sst", "service"]))
            features[.itemCue] = flag(line.says(any: ["qty", "quantity", "item", "items", "discount", "disc", "unit", "price", "saving"]))
            features[.percentNear] = flag(line.line.text.contains("%"))
            features[.largestAmount] = flag(amount.value >= largest)
            features[.relativeValue] = largest > 0 ? amount.value / largest : 0
            let sameValue = found.filter { abs($0.value - amount.value) < 0.005 }.count
            features[.repeated] = Double(min(sameValue - 1, 3)) / 3
            features[.cashLessChange] = flag(cash.contains { paid in change.contains { abs(paid - $0 - amount.value) < 0.005 } })
            features[.lastOnLine] = flag(amount.last)
            features[.lastTotalCue] = flag(line.index == lastTotalLine)
            features[.afterRounding] = flag(rounding.after.contains(position))
            features[.beforeRounding] = flag(rounding.before.contains(position))
            let text = String(line.line.text[amount.range])
            candidates.append(candidate(text, [line], features, words: amount.range))
            if let currency = Self.currency(before: amount.range, in: line.line.text) {
                var withCurrency = features
                withCurrency[.withCurrency] = 1
                candidates.append(candidate(currency + text, [line], withCurrency, words: amount.range))
            }
        }
        return candidates
    }

    /// The positions in `amounts` of totals a stated rounding adjustment links: the total before
    /// rounding, on a line with a total cue, and below it the amount that differs from it by the
    /// adjustment (a few cents) and is a multiple of five cents, as cash totals are rounded to.
    static func roundedTotals(_ amounts: [(line: ReceiptLine, value: Double)]) -> (before: Set<Int>, after: Set<Int>) {
        let cents = amounts.map { Int(($0.value * 100).rounded()) }
        let adjustments = Set(amounts.indices.filter { amounts[$0].line.mentionsRounding && cents[$0] > 0 && cents[$0] < 5 }.map { cents[$0] })
        guard !adjustments.isEmpty else { return ([], []) }
        var linked: (before: Set<Int>, after: Set<Int>) = ([], [])
        for before in amounts.indices where amounts[before].line.says(any: totalCues) && !amounts[before].line.mentionsRounding {
            for after in amounts.indices where amounts[after].line.index > amounts[before].line.index
                && !amounts[after].line.mentionsRounding && cents[after] % 5 == 0
                && adjustments.contains(abs(cents[after] - cents[before])) {
                linked.before.insert(before)
                linked.after.insert(after)
            }
        }
        return linked
    }

    /// "RM " or "$" written just before an amount, as the amount's text would begin.
    static func currency(before range: Range<String.Index>, in text: String) -> String? {
        let before = text[..<range.lowerBound]
        let written = before.uppercased()
        return ["RM ", "RM", "$ ", "$"].first { written.hasSuffix($0) }
    }

    static func decimal(_ amount: String) -> Double? {
        let digits = amount.filter(\.isNumber)
        guard digits.count >= 3, let cents = Double(digits) else { return nil }
        return cents / 100
    }

    // MARK: Shared

    /// Features of where and how a run of lines stands on the page.
    private func common(_ group: [ReceiptLine]) -> ReceiptFeatures {
        var features = ReceiptFeatures()
        let first = group[0]
        features[.lineRank] = lines.count > 1 ? Double(first.index) / Double(lines.count - 1) : 0
        features[.nearTop] = flag(first.index < 3)
        let span = max(textBottom - textTop, 1)
        features[.verticalPosition] = (first.line.box.y0 - textTop) / span
        features[.rightEdge] = page.width > 0 ? (group.map(\.line.box.x1).max() ?? 0) / page.width : 0
        let confidence = group.map(\.confidence).reduce(0, +) / Double(group.count)
        features[.confidence] = confidence
        features[.doubtfulReading] = flag(confidence < 0.6)
        let height = group.map(\.height).max() ?? usualHeight
        features[.textHeight] = max(-1, min(1, log(max(height, 1) / usualHeight)))
        let characters = group.reduce(0) { $0 + $1.line.text.filter { !$0.isWhitespace }.count }
        let letters = group.reduce(0) { $0 + $1.letters }
        features[.letterShare] = characters == 0 ? 0 : Double(letters) / Double(characters)
        features[.digitShare] = characters == 0 ? 0 : Double(group.reduce(0) { $0 + $1.digits }) / Double(characters)
        features[.capitalShare] = letters == 0 ? 0 : Double(group.reduce(0) { $0 + $1.capitals }) / Double(letters)
        features[.wordCount] = Double(min(group.reduce(0) { $0 + $1.line.wordIndices.count }, 30)) / 10
        features[.fewLetters] = flag(letters < 4)
        return features
    }

    private func candidate(_ text: String, _ group: [ReceiptLine], _ features: ReceiptFeatures,
                           words range: Range<String.Index>? = nil) -> ReceiptCandidate {
        var indices = group.flatMap(\.line.wordIndices)
        if let range, let line = group.first {
            // The words of the line that hold the matched characters.
            let part = line.line.text[range].split(separator: " ").map { WordNormalizer.comparisonKey($0) }
            let matching = line.line.wordIndices.filter { index in
                let word = WordNormalizer.comparisonKey(page.words[index].text)
                return !word.isEmpty && part.contains { !$0.isEmpty && (word.contains($0) || $0.contains(word)) }
            }
            if !matching.isEmpty { indices = matching }
        }
        let box = Box.enclosing(indices.map { page.words[$0].box }) ?? group[0].line.box
        return ReceiptCandidate(text: text, evidence: Evidence(page: page.number, box: box, wordIndices: indices), features: features)
    }

    private func share(_ group: [ReceiptLine], _ predicate: (ReceiptLine) -> Bool) -> Double {
        Double(group.filter(predicate).count) / Double(group.count)
    }

    private func flag(_ condition: Bool) -> Double { condition ? 1 : 0 }

    /// The text without registration numbers in brackets ("(867388-U)") or after "Co-Reg", which
    /// stand beside a company's name and address but are part of neither.
    static func withoutRegistration(_ text: String) -> String {
        var cleaned = text
        for pattern in [#"[\(\[\{]\s*\d{3,}\s*-?\s*[A-Za-z]\s*[\)\]\}]"#, #"(?i)co[.\- ]*reg[^\s]*\s*(?:no)?[.:]?\s*\S+"#] {
            cleaned = cleaned.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return cleaned.split(separator: " ").joined(separator: " ")
    }

    static func matches(_ pattern: NSRegularExpression, in text: String) -> [Range<String.Index>] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }
}
