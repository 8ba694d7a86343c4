import DocketModel

/// Gives an answer the normalized value its question asks for: an ISO date, a decimal amount or
/// number, or yes/no.
public struct ValueNormalizer: Sendable {
    /// For dates whose numbers cannot say which is the month, when the document's other dates
    /// cannot say either.
    public var dateOrder: DateOrder

    public init(dateOrder: DateOrder = .dayFirst) {
        self.dateOrder = dateOrder
    }

    /// `evidence` locates the text on `pages`, where the currency of an amount may stand beside it.
    public func value(of text: String, expected: QuestionAnalysis.ExpectedType, evidence: Evidence? = nil, pages: [Page]) -> NormalizedValue? {
        let lowered = text.lowercased()
        if ["yes", "no", "uncertain"].contains(lowered) {
            return NormalizedValue(kind: .yesNo, text: lowered)
        }
        switch expected {
        case .date:
            let order = DateNormalizer.order(evidencedBy: pages.lazy.flatMap(\.lines).map(\.text)) ?? dateOrder
            return DateNormalizer(order: order).normalize(text)
        case .amount:
            guard var amount = AmountNormalizer().normalize(text) else { return nil }
            if amount.unit == nil { amount.unit = Self.currency(around: evidence, in: pages) }
            return amount
        case .number:
            return AmountNormalizer().normalize(text, as: .number)
        case .organisation, .address, .text:
            return nil
        }
    }

    /// The currency named on the amount's line ("TOTAL RM 3.00" answered "3.00"), else the one
    /// currency the document names, if it names only one.
    static func currency(around evidence: Evidence?, in pages: [Page]) -> String? {
        if let evidence, let page = pages.first(where: { $0.number == evidence.page }),
           let line = page.lines.first(where: { !Set($0.wordIndices).isDisjoint(with: evidence.wordIndices) }),
           let currency = AmountNormalizer.currency(in: line.text) {
            return currency
        }
        let named = Set(pages.lazy.flatMap(\.lines).compactMap { AmountNormalizer.currency(in: $0.text) })
        return named.count == 1 ? named.first : nil
    }
}
