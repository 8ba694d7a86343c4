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

    public func value(of text: String, expected: QuestionAnalysis.ExpectedType, pages: [Page]) -> NormalizedValue? {
        let lowered = text.lowercased()
        if ["yes", "no", "uncertain"].contains(lowered) {
            return NormalizedValue(kind: .yesNo, text: lowered)
        }
        switch expected {
        case .date:
            let order = DateNormalizer.order(evidencedBy: pages.lazy.flatMap(\.lines).map(\.text)) ?? dateOrder
            return DateNormalizer(order: order).normalize(text)
        case .amount:
            return AmountNormalizer().normalize(text)
        case .number:
            return AmountNormalizer().normalize(text, as: .number)
        case .organisation, .address, .text:
            return nil
        }
    }
}
