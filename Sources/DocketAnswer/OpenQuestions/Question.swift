extension OpenQuestionAnswerer {
    /// A free question read for what it asks: the kind of value, the words the page should share
    /// with the passage that holds the answer, and the words that usually stand just before it.
    struct Question: Sendable {
        let expected: ExpectedAnswer
        /// Stems of the question's content words, in question order, without repeats.
        let terms: [String]
        /// Stems that, on a page, typically introduce this kind of answer ("dear" for "to whom").
        let cues: Set<String>
        /// Stems that introduce the opposite answer ("sincerely" before the sender, when the addressee is asked).
        let opposingCues: Set<String>
        /// The noun a "what type of X" answer usually ends with ("demonstration plant").
        let answerHead: String?
        /// The letters of the abbreviation a "full form of X" question asks to spell out.
        let acronym: String?
        /// What a "how many X" question counts: figures stand right before it ("15 stories").
        let countedNoun: String?
        /// The list marker of the entry the question asks about ("5" for "the 5th item").
        let listMarker: String?
        /// Where on the page the question says to look.
        let placeOnPage: PlaceOnPage?
        /// The postal abbreviation of the state a question asking for a state names itself: the
        /// answer is that state written another way ("the abbreviation for the state of florida").
        let namedState: String?
        /// Whether a "who" question that names no person, no correspondent and no document ("Who is
        /// the magazine published by?") may be answered by an organisation ("the state department of health").
        let acceptsOrganisation: Bool

        enum PlaceOnPage: Sendable {
            case top, bottom
        }

        init(_ text: String) {
            let words = Self.words(of: text)
            let padded = " " + words.joined(separator: " ") + " "
            var terms: [String] = []
            for word in words where !Vocabulary.functionWords.contains(word) && !Vocabulary.questionFiller.contains(word) {
                let stem = WordNormalizer.stem(ofKey: word)
                if !terms.contains(stem) { terms.append(stem) }
            }
            let phrases = NounPhrases(words: words)
            acronym = Self.acronym(in: text, padded: padded)
            if acronym != nil {
                expected = .expansion
            } else if Self.asksForPageNumber(phrases) {
                expected = .pageNumber
            } else if Self.asksForDocumentType(phrases, padded: padded) {
                expected = .documentType
            } else if Self.asksYesOrNo(words: words, padded: padded) {
                expected = .yesNo
            } else {
                expected = Self.expectedAnswer(words: words, padded: padded, asksPercent: text.contains("%"), phrases: phrases)
            }
            answerHead = Self.answerHead(phrases, expected: expected)
            namedState = expected == .state ? Self.namedState(in: words) : nil
            // "twin cities", "indiana state university": the words that name an address part are
            // used for much else, and the part is known by its form.
            self.terms = [.city, .state, .zipCode].contains(expected) ? terms.filter { !Self.addressPartNouns.contains($0) } : terms
            placeOnPage = Self.placeOnPage(padded: padded)
            listMarker = ListMarker.asked(in: words)
            countedNoun = padded.contains(" how many ") ? phrases.first.last.map(WordNormalizer.stem(ofKey:)) : nil
            let correspondent = Self.correspondent(padded: padded)
            acceptsOrganisation = expected == .person && correspondent == nil && !words.contains("name")
                && words.allSatisfy { !Self.personNouns.contains($0) && !Self.wordsForTheDocument.contains($0) }
            cues = Self.cues(correspondent: correspondent, expected: expected)
            switch correspondent {
            case .addressee: opposingCues = Self.senderCues
            case .sender: opposingCues = Self.addresseeCues
            case nil: opposingCues = []
            }
        }

        /// Lower-case keys of the question's words; possessives and punctuation dropped.
        static func words(of text: String) -> [String] {
            text.lowercased().replacingOccurrences(of: "’", with: "'")
                .split(whereSeparator: { !($0.isLetter || $0.isNumber || "'.-%&".contains($0)) })
                .map { word in word.hasSuffix("'s") ? word.dropLast(2) : word[...] }
                .map { WordNormalizer.comparisonKey($0) }
                .filter { !$0.isEmpty }
        }

        // MARK: What kind of value

        private static let kindNouns: Set<String> = ["kind", "type", "sort", "category", "form"]
        /// Words a question uses for the document it is about.
        private static let wordsForTheDocument: Set<String> = [
            "document", "documentation", "letter", "correspondence", "form", "report", "memo", "page", "communication", "paper",
        ]
        /// Words for a document that name no kind of document.
        private static let genericDocumentWords: Set<String> = ["document", "documentation", "page", "paper", "communication"]
        private static let amountNouns: Set<String> = [
            "amount", "total", "cost", "costs", "price", "expense", "expenses", "budget", "fee", "fees", "sum", "balance",
            "salary", "income", "revenue", "revenues", "sale", "sales", "profit", "payment", "tax", "value", "turnover",
            "expenditure", "dividend", "compensation", "charge", "charges", "grant", "fund", "funds", "rent", "fare", "fares",
        ]
        /// Quantities given with a unit: "110-120 f", "40 minutes", "4.5 oz".
        private static let measureNouns: Set<String> = [
            "weight", "height", "temperature", "duration", "dose", "dosage", "length", "width", "distance", "size",
            "speed", "capacity", "concentration", "volume", "depth", "area", "quantity",
        ]
        private static let countNouns: Set<String> = ["number", "no", "count", "quantity", "nos", "num"]
        private static let percentNouns: Set<String> = ["percentage", "percent", "pct", "rate"]
        private static let phoneWords: Set<String> = ["phone", "telephone", "tel", "fax", "mobile", "cell", "facsimile"]
        private static let personNouns: Set<String> = [
            "sender", "author", "writer", "recipient", "chairman", "president", "director", "secretary", "manager",
            "speaker", "addressee", "signatory", "person", "treasurer", "editor", "chair", "coordinator", "officer",
            "professor", "doctor", "chairperson", "vice", "head", "investigator", "candidate", "applicant", "employee",
            "patient", "presenter", "moderator", "physician", "scientist", "supervisor", "representative", "agent",
            "member", "owner", "contact", "attendee", "signature", "principal", "dean", "participant", "guest", "chief",
            "originator", "surgeon", "nurse", "lawyer", "attorney", "consultant", "engineer", "chemist", "reporter",
            "reviewer", "approver", "requester", "requestor", "witness", "nominee", "founder", "assistant", "associate",
            "administrator", "executive", "commissioner", "governor", "mayor", "minister", "auditor", "accountant",
            "trustee", "researcher", "specialist", "technician", "teacher", "student", "inventor", "caretaker",
            "passenger", "lobbyist", "buyer", "salesman", "queen", "king",
        ]
        private static let organisationNouns: Set<String> = [
            "company", "organization", "organisation", "corporation", "firm", "brand", "institute", "institution",
            "university", "agency", "manufacturer", "association", "sponsor", "society", "foundation", "publisher",
            "journal", "newspaper", "magazine", "hospital", "college", "school", "council", "committee", "group",
            "bank", "laboratory", "lab", "client", "supplier", "vendor", "distributor", "industry", "airline", "airlines",
        ]
        private static let placeNouns: Set<String> = ["location", "place", "city", "venue", "address", "country", "state", "town", "destination", "area", "region"]
        private static let cityNouns: Set<String> = ["city", "town"]
        private static let zipCodeWords: Set<String> = ["zip", "zipcode", "postcode"]
        /// Stems of the words that name an address part.
        private static let addressPartNouns: Set<String> = ["city", "town", "state", "zip", "zipcode", "postcode", "postal", "code"]
        private static let subjectNouns: Set<String> = ["subject", "topic", "objective", "purpose", "theme", "agenda", "aim", "goal", "re"]
        private static let roleNouns: Set<String> = ["designation", "position", "role", "occupation", "profession", "job", "post"]
        private static let titleNouns: Set<String> = ["title", "heading", "header", "caption", "headline", "subheading"]

        /// "What is the page number?", but not "the page number of 'introduction'" (a table of contents entry).
        private static func asksForPageNumber(_ phrases: NounPhrases) -> Bool {
            let head = phrases.first.suffix(2)
            guard head == ["page", "number"] || head == ["page", "no"] else { return false }
            return phrases.complement.allSatisfy(wordsForTheDocument.contains)
        }

        /// "What type of plant ...?" is answered "demonstration plant", "the name of the center" "life sciences
        /// center": the noun after "of" often ends the answer.
        private static func answerHead(_ phrases: NounPhrases, expected: ExpectedAnswer) -> String? {
            // "What type of report is this?" is answered "attendance report"; "what kind of document"
            // names no kind.
            guard let noun = phrases.complement.last, expected != .documentType || !genericDocumentWords.contains(noun)
            else { return nil }
            let namesSomething = phrases.focus == "name" && [.text, .organisation, .place].contains(expected)
            return kindNouns.contains(phrases.focus) || namesSomething ? WordNormalizer.stem(ofKey: noun) : nil
        }

        /// "Did the applicant have ...?": the answer is a word such as "yes" that the page may hold, not a name.
        private static func asksYesOrNo(words: [String], padded: String) -> Bool {
            words.first.map(auxiliaries.contains) == true && !padded.contains(" or ")
        }

        private static let auxiliaries: Set<String> = [
            "is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "will", "should", "would",
        ]

        /// "What kind of document is this?", "What form is this?"
        private static func asksForDocumentType(_ phrases: NounPhrases, padded: String) -> Bool {
            if kindNouns.contains(phrases.focus), let complement = phrases.complement.last { return wordsForTheDocument.contains(complement) }
            return wordsForTheDocument.contains(phrases.focus) && padded.hasSuffix(" is this ")
        }

        private static func expectedAnswer(words: [String], padded: String, asksPercent: Bool, phrases: NounPhrases) -> ExpectedAnswer {
            let focus = phrases.focus
            let focusPhrase = Set(phrases.first)
            let complement = Set(phrases.complement)
            if asksPercent || percentNouns.contains(focus) || focusPhrase.contains("percentage") || focusPhrase.contains("percent") {
                return .percent
            }
            if padded.contains(" how many ") || padded.contains(" how old ") { return .number }
            if padded.contains(" how much ") || padded.contains(" how long ") { return .amount }
            if padded.contains(" what time ") || focus == "time" { return .time }
            if focus == "year" || padded.contains(" which year ") || padded.contains(" what year ") { return .year }
            if ["date", "dates", "day"].contains(focus) || padded.contains(" what day ") { return .date }
            if words.first == "when" || padded.contains(" when ") { return .moment }
            if !focusPhrase.isDisjoint(with: zipCodeWords) || focusPhrase.contains("postal") && focus == "code" { return .zipCode }
            if countNouns.contains(focus) {
                return focusPhrase.isDisjoint(with: phoneWords) ? .number : .phone
            }
            if phoneWords.contains(focus) { return .phone }
            if amountNouns.contains(focus) || measureNouns.contains(focus) { return .amount }
            if focus == "age" { return .number }
            if titleNouns.contains(focus) { return .title }
            if subjectNouns.contains(focus) { return .subject }
            if roleNouns.contains(focus) { return .role }
            if focus == "name" || focus == "names" {
                // The head of "the project client representative" decides: a person.
                let head = phrases.complement.last ?? phrases.first.dropLast().last ?? ""
                if personNouns.contains(head) { return .person }
                if organisationNouns.contains(head) { return .organisation }
                if head == "state" { return .state }
                if cityNouns.contains(head) { return .city }
                if placeNouns.contains(head) { return .place }
                if !complement.isDisjoint(with: organisationNouns) || !focusPhrase.isDisjoint(with: organisationNouns) { return .organisation }
                if !complement.isDisjoint(with: personNouns) || !focusPhrase.isDisjoint(with: personNouns) { return .person }
            }
            if organisationNouns.contains(focus) { return .organisation }
            if personNouns.contains(focus) { return .person }
            if focus == "state" || focus == "abbreviation" && phrases.complement.last == "state" { return .state }
            if cityNouns.contains(focus) { return .city }
            if placeNouns.contains(focus) || words.first == "where" || padded.contains(" where ") { return .place }
            if ["who", "whom", "whose"].contains(where: { padded.contains(" \($0) ") }) { return .person }
            // "the total amount payable", "the total flight fare": a figure named before another word.
            if !focusPhrase.isDisjoint(with: amountNouns) { return .amount }
            if focusPhrase.contains("number") || focusPhrase.contains("count") { return .number }
            // "the date assigned", "the printed date", "the date routed": a date named beside other words.
            if words.contains("date") || words.contains("dates") { return .date }
            return .text
        }

        /// The postal abbreviation of the first state named among `words` ("new york" -> "ny").
        private static func namedState(in words: [String]) -> String? {
            for start in words.indices {
                for length in stride(from: min(3, words.count - start), through: 1, by: -1) {
                    let name = words[start..<(start + length)].joined(separator: " ")
                    if let code = AddressParts.postalCode(ofName: name) { return code }
                }
            }
            return nil
        }

        /// "What is the full form of BNF?", "What does 'V' stand for?": the abbreviation, lower-cased.
        private static func acronym(in text: String, padded: String) -> String? {
            let asksExpansion = [" full form ", " fullform ", " stand for ", " stands for ", " expansion ", " expand "]
                .contains { padded.contains($0) }
            guard asksExpansion else { return nil }
            let candidates = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
                .filter { word in word.count <= 8 && word.allSatisfy(\.isUppercase) && word != "I" }
            return candidates.last.map { $0.lowercased() }
        }

        private static func placeOnPage(padded: String) -> PlaceOnPage? {
            let top = [" top ", " letterhead ", " letter head ", " header ", " beginning ", " first line ", " topmost "]
            let bottom = [" bottom ", " footer ", " last line ", " end of the page ", " bottommost "]
            if top.contains(where: padded.contains) { return .top }
            if bottom.contains(where: padded.contains) { return .bottom }
            return nil
        }

        // MARK: Words that introduce the answer

        private static let addresseeCues: Set<String> = ["dear", "to", "attention", "attn"]
        private static let senderCues: Set<String> = ["from", "sincerely", "yours", "truly", "regards", "by"]

        private enum Correspondent {
            case addressee, sender
        }

        /// Whether the question asks who a letter is to, or who it is from.
        private static func correspondent(padded: String) -> Correspondent? {
            if padded.contains(" to whom ") || padded.contains(" addressed ") || padded.contains(" recipient ")
                || padded.contains(" addressee ") || padded.hasSuffix(" to ") && padded.contains(" who") {
                return .addressee
            }
            if padded.contains(" from whom ") || padded.contains(" sender ") || padded.contains(" who wrote ")
                || padded.contains(" signed ") || padded.contains(" written by ") || padded.hasSuffix(" from ") {
                return .sender
            }
            return nil
        }

        private static func cues(correspondent: Correspondent?, expected: ExpectedAnswer) -> Set<String> {
            var cues: Set<String> = []
            switch correspondent {
            case .addressee: cues.formUnion(addresseeCues)
            case .sender: cues.formUnion(senderCues)
            case nil: break
            }
            switch expected {
            case .date, .moment: cues.formUnion(["date", "dated", "on"])
            case .phone: cues.formUnion(["phone", "fax"])
            case .amount: cues.formUnion(["total"])
            case .expansion: cues.formUnion(["means", "stands"])
            case .pageNumber: cues.formUnion(["page"])
            case .subject: cues.formUnion(["re", "subject"])
            default: break
            }
            return cues
        }
    }
}
