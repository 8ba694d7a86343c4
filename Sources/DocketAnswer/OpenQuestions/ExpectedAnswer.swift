extension OpenQuestionAnswerer {
    /// The kind of value a free question asks for, read from its wording.
    enum ExpectedAnswer: String, Sendable, CaseIterable {
        case date, year, time, amount, number, percent, phone, person, organisation, place, title, text
        /// What kind of document this is: "inter-office correspondence", "fax cover sheet".
        case documentType
        /// The spelled-out words of an abbreviation.
        case expansion
        /// The page's own number, printed at its top or bottom.
        case pageNumber
        /// A date or a time of day: what "when" asks for.
        case moment
        /// What a letter or a plan is about: a phrase of a few words.
        case subject
        /// A person's position: "vice president", "senior medical writer".
        case role
        /// Parts of a US-style address: "minneapolis, minnesota 55455".
        case city, state, zipCode
        /// The page's own "yes" or "no" for a question asked as one ("Is it pre-sleeved?").
        case yesNo

        /// The longest span, in words, worth reading as an answer of this kind.
        var longestSpan: Int {
            switch self {
            case .year, .pageNumber, .zipCode, .yesNo: 1
            case .percent: 2
            case .number, .time, .state: 3
            case .amount, .city: 4
            case .date, .phone, .moment: 5
            case .place, .person: 6
            case .organisation: 7
            case .title, .text, .expansion, .documentType, .subject: 8
            case .role: 6
            }
        }

        /// The answer length, in words, beyond which each extra word costs.
        var usualLength: Int {
            switch self {
            case .year, .number, .percent, .pageNumber, .zipCode, .yesNo: 1
            case .amount, .state: 2
            case .date, .person, .place, .phone, .moment, .city, .time: 3
            case .organisation: 4
            case .title, .subject: 6
            case .role: 3
            case .text, .documentType: 2
            case .expansion: 8
            }
        }

        /// The answer length, in words, below which each missing word costs: titles and names run to several words.
        var shortestUsual: Int {
            switch self {
            case .title, .subject: 3
            case .person, .documentType: 2
            default: 1
            }
        }

        /// Kinds whose values commonly hold a comma ("may 3, 2006", "chicago, il", "darby, m.d.").
        var allowsInnerComma: Bool {
            switch self {
            case .date, .place, .person, .organisation, .moment: true
            default: false
            }
        }

        /// Kinds whose answer must have the kind's form: a date question is not answered with a name.
        var isStrictlyTyped: Bool {
            switch self {
            case .date, .year, .time, .amount, .number, .percent, .phone, .expansion, .pageNumber, .moment, .yesNo: true
            case .city, .state, .zipCode: true
            case .person, .organisation, .place, .title, .text, .documentType, .subject, .role: false
            }
        }
    }
}
