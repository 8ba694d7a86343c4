import Foundation

/// What a question asks for: the kind of value, and the words that name the field.
public struct QuestionAnalysis: Sendable, Equatable {
    public enum ExpectedType: String, Sendable {
        case date, amount, number, organisation, address, text
    }

    public var expected: ExpectedType
    /// The question's content words: "What is the total amount?" -> ["total", "amount"].
    public var keyTokens: [String]
    /// A sentence that asks ("What is the total?", "When was it issued?"), not a label ("Total:").
    public var isPhrasedAsQuestion: Bool

    public init(_ question: String) {
        keyTokens = LabelAnswerer.keyTokens(of: question)
        let firstWord = question.lowercased().split(whereSeparator: { !$0.isLetter }).first.map(String.init) ?? ""
        isPhrasedAsQuestion = question.trimmingCharacters(in: .whitespaces).hasSuffix("?")
            || ["what", "when", "who", "whom", "which", "where", "how", "is", "are", "does", "do"].contains(firstWord)
        let words = Set(question.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let lowered = question.lowercased()
        if !words.isDisjoint(with: ["date", "when", "dated", "day"]) {
            expected = .date
        } else if !words.isDisjoint(with: ["total", "amount", "price", "cost", "balance", "sum", "paid", "due", "tax", "vat"])
                    || lowered.contains("how much") {
            expected = .amount
        } else if lowered.contains("how many") || lowered.contains("number of") {
            expected = .number
        } else if !words.isDisjoint(with: ["address", "where", "located"]) {
            expected = .address
        } else if !words.isDisjoint(with: ["company", "store", "vendor", "shop", "merchant", "seller", "supplier", "issued", "organisation", "organization"]) {
            expected = .organisation
        } else {
            expected = .text
        }
    }
}
