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
    /// The label a "What is the X?" question names, as a form would print it: "What is the date of
    /// birth?" -> "date of birth". Nil for questions phrased otherwise.
    public var askedLabel: String?

    public init(_ question: String) {
        keyTokens = LabelAnswerer.keyTokens(of: question)
        let firstWord = question.lowercased().split(whereSeparator: { !$0.isLetter }).first.map(String.init) ?? ""
        isPhrasedAsQuestion = question.trimmingCharacters(in: .whitespaces).hasSuffix("?")
            || ["what", "when", "who", "whom", "which", "where", "how", "is", "are", "does", "do"].contains(firstWord)
        askedLabel = Self.askedLabel(of: question)
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

    private static let askingOpenings = [
        "what is the ", "what are the ", "what was the ", "what were the ", "what's the ", "what is ", "what are ",
    ]
    private static let longestAskedLabel = 8

    private static func askedLabel(of question: String) -> String? {
        let lowered = question.lowercased().trimmingCharacters(in: .whitespaces)
        guard lowered.hasSuffix("?"), let opening = askingOpenings.first(where: lowered.hasPrefix) else { return nil }
        let label = lowered.dropFirst(opening.count).dropLast().trimmingCharacters(in: .whitespaces)
        let words = label.split(separator: " ")
        guard !words.isEmpty, words.count <= longestAskedLabel, label.contains(where: \.isLetter) else { return nil }
        return label
    }
}
