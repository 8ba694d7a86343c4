/// The fields every receipt or invoice has, asked about in a question's own words.
public enum ReceiptField: String, Sendable, CaseIterable, Codable {
    case company, date, address, total

    public init?(_ expected: QuestionAnalysis.ExpectedType) {
        switch expected {
        case .organisation: self = .company
        case .date: self = .date
        case .address: self = .address
        case .amount: self = .total
        case .number, .text: return nil
        }
    }
}
