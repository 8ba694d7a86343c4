import DocketModel
import Foundation

/// Answers questions about the fields every receipt or invoice has (its date, its total, who
/// issued it and from where) from values of the right type and their place on the page, for
/// documents where no label names the field in the question's words.
public struct TypedFieldAnswerer: Sendable {
    public init() {}

    public func answer(_ question: String, analysis: QuestionAnalysis, pages: [Page]) -> Answer? {
        guard let first = pages.first else { return nil }
        switch analysis.expected {
        case .date: return date(question, pages: pages)
        case .amount: return total(question, pages: pages)
        case .organisation: return issuer(question, page: first)
        case .address: return address(question, page: first)
        case .number, .text: return nil
        }
    }

    // MARK: Dates

    private static let datePatterns: [NSRegularExpression] = [
        #"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"#,                                   // 2026-03-14
        #"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"#,                                  // 14/03/2026, 05/01/17
        #"\b\d{1,2}[- ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[- ,]+\d{2,4}\b"#,   // 14 Mar 2026
        #"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"#,      // March 14, 2026
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    /// The first date on the document, preferring one on a line that says "date".
    private func date(_ question: String, pages: [Page]) -> Answer? {
        var best: (score: Double, answer: Answer)?
        for page in pages {
            for line in page.lines {
                for match in Self.matches(Self.datePatterns, in: line.text) {
                    let labelled = line.text.lowercased().contains("date")
                    let score = labelled ? 0.8 : 0.6
                    if best == nil || score > best!.score {
                        best = (score, Self.answer(question, text: match, line: line, page: page, confidence: score))
                    }
                }
            }
            if best != nil { break }
        }
        return best?.answer
    }

    // MARK: Amounts

    private static let amountPattern = try! NSRegularExpression(pattern: #"(?<![\d.,])\d{1,3}(?:[,.]\d{3})*[.,]\d{2}(?![\d])"#)
    private static let totalWords = ["total", "amount due", "balance due", "grand", "nett", "net amt", "payable", "amount", "due"]
    private static let notTheTotal = ["subtotal", "sub total", "sub-total", "qty", "quantity", "tax", "gst", "vat", "rounding",
                                      "change", "cash", "tendered", "discount", "saving", "item", "excl", "before"]

    /// The amount on the line that names the total; failing that, the largest amount.
    private func total(_ question: String, pages: [Page]) -> Answer? {
        var labelled: (value: Double, answer: Answer)?
        var largest: (value: Double, answer: Answer)?
        for page in pages {
            for (index, line) in page.lines.enumerated() {
                let lowered = line.text.lowercased()
                let namesTotal = Self.totalWords.contains { lowered.contains($0) } && !Self.notTheTotal.contains { lowered.contains($0) }
                var amounts = Self.matches([Self.amountPattern], in: line.text)
                var valueLine = line
                // A label at the end of its line has its value on the next.
                if namesTotal, amounts.isEmpty, index + 1 < page.lines.count {
                    valueLine = page.lines[index + 1]
                    amounts = Self.matches([Self.amountPattern], in: valueLine.text)
                }
                for amount in amounts {
                    guard let value = Self.decimal(amount) else { continue }
                    if namesTotal, labelled == nil || value > labelled!.value {
                        labelled = (value, Self.answer(question, text: amount, line: valueLine, page: page, confidence: 0.75))
                    }
                    if largest == nil || value > largest!.value {
                        largest = (value, Self.answer(question, text: amount, line: line, page: page, confidence: 0.35))
                    }
                }
            }
        }
        return labelled?.answer ?? largest?.answer
    }

    static func decimal(_ amount: String) -> Double? {
        let digits = amount.filter(\.isNumber)
        guard digits.count >= 3, let cents = Double(digits) else { return nil }
        return cents / 100
    }

    // MARK: Who issued it, and from where

    /// The first line at the top of the page that reads like a name: mostly letters, not a
    /// number, date, phone or heading such as "Tax invoice".
    private func issuer(_ question: String, page: Page) -> Answer? {
        for line in page.lines.prefix(8) where Self.looksLikeName(line.text) {
            return Self.answer(question, text: line.text, line: line, page: page, confidence: 0.5)
        }
        return nil
    }

    /// The lines after the issuer's name that read like an address, up to the first phone,
    /// registration or document heading.
    private func address(_ question: String, page: Page) -> Answer? {
        let lines = Array(page.lines.prefix(14))
        guard let nameIndex = lines.firstIndex(where: { Self.looksLikeName($0.text) }) else { return nil }
        var taken: [Line] = []
        for line in lines[(nameIndex + 1)...] {
            let lowered = line.text.lowercased()
            if ["tel", "fax", "phone", "gst", "invoice", "receipt", "date", "cashier", "www", "@"].contains(where: { lowered.contains($0) }) {
                if taken.isEmpty { continue } else { break }
            }
            if Self.looksLikeAddress(line.text) || !taken.isEmpty && line.text.contains(",") {
                taken.append(line)
            } else if !taken.isEmpty {
                break
            }
        }
        guard !taken.isEmpty else { return nil }
        let indices = taken.flatMap(\.wordIndices)
        let box = Box.enclosing(taken.map(\.box))!
        return Answer(question: question, text: taken.map(\.text).joined(separator: " "), confidence: 0.45,
                      evidence: Evidence(page: page.number, box: box, wordIndices: indices))
    }

    private static let headings = ["invoice", "receipt", "tax", "bill", "order", "statement", "welcome", "copy"]

    static func looksLikeName(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter).count
        let digits = text.filter(\.isNumber).count
        let lowered = text.lowercased()
        return letters >= 4 && digits * 4 <= letters && !headings.contains { lowered.hasPrefix($0) }
            && text.split(separator: " ").count <= 8 && !looksLikeAddress(text)
    }

    private static let addressWords = ["jalan", "jln", "road", "rd", "street", "st", "avenue", "ave", "lane", "taman", "no", "lot",
                                       "floor", "suite", "blvd", "drive", "plaza", "block", "blk", "strasse", "straße", "box"]

    static func looksLikeAddress(_ text: String) -> Bool {
        let tokens = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let hasPostcode = tokens.contains { $0.count >= 4 && $0.count <= 6 && $0.allSatisfy(\.isNumber) }
        return hasPostcode || tokens.contains(where: addressWords.contains) || (text.contains(",") && text.contains(where: \.isNumber))
    }

    // MARK: Helpers

    private static func matches(_ patterns: [NSRegularExpression], in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.flatMap { pattern in
            pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
        }
    }

    /// An answer whose evidence is the words of `line` that `text` was read from.
    private static func answer(_ question: String, text: String, line: Line, page: Page, confidence: Double) -> Answer {
        let parts = Set(text.split(separator: " ").map { LabelAnswerer.normalized(String($0)) })
        var indices = line.wordIndices.filter { index in
            let word = LabelAnswerer.normalized(page.words[index].text)
            return parts.contains { !$0.isEmpty && (word.contains($0) || $0.contains(word) && !word.isEmpty) }
        }
        if indices.isEmpty { indices = line.wordIndices }
        let box = Box.enclosing(indices.map { page.words[$0].box }) ?? line.box
        let ocrConfidence = indices.map { page.words[$0].confidence }.reduce(0, +) / Double(max(1, indices.count)) / 100
        return Answer(question: question, text: text, confidence: confidence * ocrConfidence,
                      evidence: Evidence(page: page.number, box: box, wordIndices: indices))
    }
}
