/// Where an answer came from: the page and box a person can look at, and the words it was read from.
public struct Evidence: Codable, Sendable, Hashable {
    /// 1-based page number.
    public var page: Int
    public var box: Box
    public var wordIndices: [Int]

    public init(page: Int, box: Box, wordIndices: [Int]) {
        self.page = page
        self.box = box
        self.wordIndices = wordIndices
    }
}

/// An answer's value in a form a program can compare and sum: `2018-03-08` for "8 Mar 18",
/// `1234.50` for "RM 1,234.50".
public struct NormalizedValue: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// ISO 8601 calendar date, `YYYY-MM-DD`.
        case date
        /// A decimal number with `.` as its separator and no grouping; `unit` holds the ISO 4217
        /// currency code when the text names one unambiguously.
        case amount
        /// A decimal number, as `amount` but without a currency.
        case number
        /// `yes`, `no` or `uncertain`.
        case yesNo = "yes-no"
    }

    public var kind: Kind
    public var text: String
    public var unit: String?

    public init(kind: Kind, text: String, unit: String? = nil) {
        self.kind = kind
        self.text = text
        self.unit = unit
    }
}

extension NormalizedValue: CustomStringConvertible {
    /// The value with its currency, as people read it: "1237.60 EUR".
    public var description: String { unit.map { "\(text) \($0)" } ?? text }
}

/// Which of Docket's answerers gave an answer: its stable name, as stored and shown.
public enum AnswererName: String, Codable, Sendable, CaseIterable {
    /// Whether a checkbox the layout found is ticked.
    case checkbox
    /// Whether a radiology report states a finding, denies it or is unsure.
    case finding
    /// The cell of a table where the row and the column the question names meet.
    case tableCell = "table_cell"
    /// A form label's value found by layout and ranked by the learned key-value model.
    case formKeyValue = "form_key_value"
    /// The words beside or under a line that holds the question's key words.
    case label
    /// A receipt's issuer, address, date or total, ranked by the learned receipt-field models.
    case receiptField = "receipt_field"
    /// A labelled value the layout paired whose label holds the question's words.
    case labelledValue = "labelled_value"
    /// A short span read out of the text beside the question's words, for questions in words.
    case openQuestion = "open_question"
}

/// An answer to a question about a document, or an honest "not found" (`text == nil`).
public struct Answer: Codable, Sendable, Hashable {
    public var question: String
    /// As it stands in the document.
    public var text: String?
    /// The text normalized, when the question asks for a date, an amount, a number or yes/no and
    /// the text reads as one.
    public var value: NormalizedValue?
    /// 0...1.
    public var confidence: Double
    public var evidence: Evidence?
    /// The answerer that decided; for "not found", the answerer that found nothing, or nil when
    /// no answerer took the question.
    public var answeredBy: AnswererName?

    public init(question: String, text: String?, value: NormalizedValue? = nil, confidence: Double, evidence: Evidence?,
                answeredBy: AnswererName? = nil) {
        self.question = question
        self.text = text
        self.value = value
        self.confidence = confidence
        self.evidence = evidence
        self.answeredBy = answeredBy
    }

    public static func notFound(_ question: String) -> Answer {
        Answer(question: question, text: nil, confidence: 0, evidence: nil)
    }

    public var isFound: Bool { text != nil }
}
