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

    /// The field a question asks for as such ("What is the total?", "Who is the vendor?", "What is
    /// the date on this receipt?"); nil for one that asks for a particular value of its kind ("the
    /// hand-written date", "the total of the second table"), which the field's ranking does not know.
    public init?(question: String) {
        self.init(analysis: QuestionAnalysis(question))
    }

    /// As `init?(question:)`, from the question's analysis.
    public init?(analysis: QuestionAnalysis) {
        guard analysis.keyTokens.allSatisfy(Self.wordsOfTheFields.contains) else { return nil }
        self.init(analysis.expected)
    }

    static let wordsOfTheFields: Set<String> = [
        "", "receipt", "invoice", "bill", "store", "shop", "company", "vendor", "merchant", "seller", "supplier",
        "organisation", "organization", "business", "issued", "issuer", "issue", "name", "that", "date", "day",
        "dated", "total", "amount", "paid", "pay", "due", "grand", "sum", "price", "cost", "address", "located",
        "where", "from", "sold", "by", "who", "when", "whom", "much",
    ]
}
