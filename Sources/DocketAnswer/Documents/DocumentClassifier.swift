import DocketModel

/// Tells invoices, receipts, forms, letters and medical reports apart by the words and shape of
/// their pages.
public struct DocumentClassifier: Sendable {
    public init() {}

    public func classify(_ pages: [Page]) -> DocumentType {
        guard let first = pages.first, !pages.allSatisfy({ $0.words.isEmpty }) else { return .other }
        let lines = pages.flatMap(\.lines).map { $0.text.lowercased() }
        let words = Set(lines.flatMap(WordNormalizer.letterRuns))
        let text = " " + lines.joined(separator: " ") + " "
        func mentions(_ phrases: [String]) -> Int { phrases.count { LiteralSearch.contains(text, $0) } }

        let sectionHeaders = lines.count { line in
            Self.reportSections.contains { line.hasPrefix($0 + ":") || line == $0 }
        }
        if sectionHeaders >= 2 { return .medicalReport }

        // Receipts are printed on narrow paper roll; invoices name themselves and their terms.
        let receiptCues = mentions(Self.receiptPhrases) + (first.height > first.width * 1.5 ? 2 : 0)
        let invoiceCues = words.contains("invoice") ? mentions(Self.invoicePhrases) : 0
        if invoiceCues >= 2, invoiceCues > receiptCues { return .invoice }
        if receiptCues >= 3 { return .receipt }

        let opensWithSalutation = lines.prefix(lines.count / 2 + 3).contains { $0.hasPrefix("dear ") }
        if opensWithSalutation, mentions(Self.letterClosings) >= 1 { return .letter }

        let labelLines = lines.count { $0.hasSuffix(":") || LiteralSearch.contains($0, ": ") }
        if lines.count >= 5, Double(labelLines) >= Double(lines.count) * 0.2 { return .form }
        return opensWithSalutation ? .letter : .other
    }

    private static let reportSections = ["findings", "impression", "indication", "comparison", "history", "technique", "conclusion"]
    private static let receiptPhrases = [
        " receipt", " cash ", " cash:", " change ", " change:", "rounding", " gst ", " gst:", " sub total", " qty ",
        "thank you", " tender", "total qty", " cashier", "paid by", " server:", " visa ", "mastercard", " table ",
    ]
    private static let invoicePhrases = [
        "invoice no", "invoice number", "invoice date", "invoice #", "bill to", "due date", "payment terms", "amount due",
        "total due", "remit", "net 30", "days net",
    ]
    private static let letterClosings = ["sincerely", "regards", "yours truly", "yours faithfully", "very truly yours"]
}
