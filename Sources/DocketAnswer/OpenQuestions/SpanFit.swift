extension OpenQuestionAnswerer {
    /// How well a run of words reads as a value of the expected kind: 1 for a clear fit ("may 3,
    /// 2006" for a date), 0 for none. `span` keeps its positions in the document, where
    /// `addresses` finds the address parts.
    enum SpanFit {
        static func fit(_ span: ArraySlice<PageToken>, for question: Question, addresses: AddressParts) -> Double {
            let shapes = span.map(\.shape)
            if shapes.contains(where: { $0.contains(.link) }) { return 0 }
            let noise = shapes.contains { $0.contains(.noisy) } ? 0.3 : 1
            return noise * fit(span, shapes: shapes, for: question, addresses: addresses)
        }

        private static func fit(_ span: ArraySlice<PageToken>, shapes: [WordShape], for question: Question, addresses: AddressParts) -> Double {
            switch question.expected {
            case .date: return date(shapes)
            case .moment: return max(date(shapes), momentTimeShare * time(span, shapes: shapes))
            case .year: return year(shapes)
            case .time: return time(span, shapes: shapes)
            case .amount: return amount(shapes)
            case .number: return number(shapes)
            case .percent: return percent(shapes)
            case .phone: return phone(span)
            case .person:
                let personFit = person(span, shapes: shapes, addresses: addresses)
                guard question.acceptsOrganisation else { return personFit }
                return max(personFit, organisationShareForWho * organisation(span, shapes: shapes))
            case .organisation: return organisation(span, shapes: shapes)
            case .place: return place(shapes)
            case .title: return title(shapes)
            case .text: return text(shapes)
            case .documentType: return documentType(shapes)
            case .expansion: return expansion(span, of: question.acronym ?? "")
            case .pageNumber: return pageNumber(span)
            case .subject: return title(shapes)
            case .role: return role(span, shapes: shapes)
            case .yesNo: return span.count == 1 && ["yes", "no"].contains(span.first?.key) ? 1 : 0
            case .zipCode: return zipCode(span, addresses: addresses)
            case .state: return state(span, addresses: addresses, named: question.namedState)
            case .city: return city(span, shapes: shapes, addresses: addresses)
            }
        }

        /// A ZIP code after a state; any other five-digit figure may be one, with a label the page gives.
        private static func zipCode(_ span: ArraySlice<PageToken>, addresses: AddressParts) -> Double {
            if addresses.part(at: span.indices)?.part == .zipCode { return 1 }
            guard span.count == 1, let token = span.first else { return 0 }
            return AddressParts.isZipCode(token.text) ? 0.4 : 0
        }

        /// A state in an address, or named in running text. When the question names a state itself,
        /// that state written another way: its abbreviation.
        private static func state(_ span: ArraySlice<PageToken>, addresses: AddressParts, named: String?) -> Double {
            guard let found = addresses.part(at: span.indices), found.part == .state else { return 0 }
            if let named { return found.postalCode == named ? 1 : 0.2 }
            return found.inAddress ? 1 : 0.6
        }

        /// The words before a state's comma; else anything that reads as a place, as a weak guess.
        private static func city(_ span: ArraySlice<PageToken>, shapes: [WordShape], addresses: AddressParts) -> Double {
            if addresses.part(at: span.indices)?.part == .city { return 1 }
            if addresses.cityWithoutGuess(at: span.indices) != nil { return 0.8 }
            return cityGuessShare * place(shapes)
        }

        /// How well an organisation's name answers a "who" question that names no person.
        private static let organisationShareForWho = 0.8

        /// How well a span that stands in no address answers a question asking for a city.
        private static let cityGuessShare = 0.3

        /// How well a time of day answers "when": most such questions ask for a date.
        private static let momentTimeShare = 0.8

        private static let dateParts: WordShape = [.month, .weekday, .dayOfMonth, .year, .numericDate]

        private static func date(_ shapes: [WordShape]) -> Double {
            guard shapes.allSatisfy({ !$0.isDisjoint(with: dateParts) }) else { return 0 }
            let all = shapes.reduce(WordShape()) { $0.union($1) }
            if all.contains(.numericDate) { return shapes.count == 1 ? 1 : 0.2 }
            let hasMonth = all.contains(.month), hasYear = all.contains(.year)
            let hasDay = shapes.contains { $0.contains(.dayOfMonth) && !$0.contains(.year) }
            switch (hasMonth, hasDay, hasYear) {
            case (true, true, true): return 1
            case (true, false, true): return 0.8
            case (true, true, false): return 0.6
            case (false, _, true): return shapes.count == 1 ? 0.35 : 0.1
            case (true, false, false): return 0.15
            default: return 0.05
            }
        }

        private static func year(_ shapes: [WordShape]) -> Double {
            guard shapes.count == 1, let shape = shapes.first else { return 0 }
            if shape.contains(.year) { return 1 }
            if shape.contains(.numericDate) { return 0.3 }
            return shape.contains(.number) ? 0.1 : 0
        }

        /// A time of day ("9:30", "2 p.m."), or a range of two ("12:15 - 1:45", "2:00 to 2:30 p.m.").
        private static func time(_ span: ArraySlice<PageToken>, shapes: [WordShape]) -> Double {
            let separators: Set<String> = ["-", "–", "—", "to"]
            if let separator = span.firstIndex(where: { separators.contains($0.text) }), separator > span.startIndex {
                let offset = separator - span.startIndex
                let from = Array(shapes[..<offset]), until = Array(shapes[(offset + 1)...])
                return min(singleTime(from), singleTime(until)) >= 0.9 ? 1 : 0
            }
            return singleTime(shapes)
        }

        private static func singleTime(_ shapes: [WordShape]) -> Double {
            guard let first = shapes.first else { return 0 }
            let rest = shapes.dropFirst()
            if first.contains(.clockTime) {
                if rest.isEmpty { return 1 }
                return rest.count == 1 && rest.first!.contains(.meridiem) ? 1 : 0.1
            }
            if first.contains(.number), rest.count == 1, rest.first!.contains(.meridiem) { return 0.9 }
            return 0
        }

        private static func isNumeric(_ shape: WordShape) -> Bool {
            shape.contains(.number) || shape.contains(.hasDigit) && shape.contains(.phoneDigits)
        }

        private static func amount(_ shapes: [WordShape]) -> Double {
            guard let valueIndex = shapes.firstIndex(where: isNumeric) else { return 0 }
            let before = shapes[..<valueIndex], after = shapes[(valueIndex + 1)...]
            guard before.allSatisfy({ $0.contains(.currency) }), before.count <= 1 else { return 0 }
            var fit = 0.8
            if shapes[valueIndex].contains(.currency) || !before.isEmpty { fit = 1 }
            if shapes[valueIndex].contains(.year) || shapes[valueIndex].contains(.numericDate) { fit = 0.3 }
            for shape in after {
                if shape.contains(.scale) || shape.contains(.currency) { continue }
                if shape.contains(.alphabetic), !shape.contains(.functionWord) { fit -= 0.3 } else { return 0 }
            }
            return after.count > 1 ? max(0, fit - 0.3) : max(0, fit)
        }

        private static func number(_ shapes: [WordShape]) -> Double {
            guard let first = shapes.first else { return 0 }
            if shapes.count == 1 {
                if first.contains(.currency) { return 0.6 }
                if first.contains(.numericDate) { return 0.2 }
                if first.contains(.number) { return first.contains(.year) ? 0.6 : 1 }
                if first.contains(.numberWord) { return 0.8 }
                return first.contains(.hasDigit) ? 0.5 : 0
            }
            if shapes.count == 2, isNumeric(first) || first.contains(.numberWord) {
                let second = shapes[1]
                if second.contains(.scale) || second.contains(.percent) { return 0.8 }
                if second.contains(.alphabetic), !second.contains(.functionWord) { return 0.4 }
            }
            return 0
        }

        /// "12", "-2-"; page numbers rarely run to four digits.
        private static func pageNumber(_ span: ArraySlice<PageToken>) -> Double {
            guard span.count == 1, let token = span.first else { return 0 }
            let digits = token.text.filter(\.isNumber)
            guard !digits.isEmpty, digits.count <= 3, token.text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }) else { return 0 }
            return 1
        }

        private static func percent(_ shapes: [WordShape]) -> Double {
            guard let first = shapes.first, isNumeric(first) else { return 0 }
            if shapes.count == 1 { return first.contains(.percent) ? 1 : 0.5 }
            return shapes.count == 2 && shapes[1].contains(.percent) ? 1 : 0
        }

        private static func phone(_ span: ArraySlice<PageToken>) -> Double {
            guard span.allSatisfy({ $0.shape.contains(.phoneDigits) || $0.shape.contains(.number) || $0.shape.contains(.punctuation) }) else {
                return 0
            }
            let digits = span.reduce(0) { $0 + $1.text.filter(\.isNumber).count }
            if digits >= 7 { return 1 }
            return digits >= 4 ? 0.6 : 0.2
        }

        private static let nameLike: WordShape = [.alphabetic, .initial, .personTitle, .nameSuffix]

        private static func person(_ span: ArraySlice<PageToken>, shapes: [WordShape], addresses: AddressParts) -> Double {
            guard !shapes.contains(where: { $0.contains(.hasDigit) }) else { return 0 }
            // "board of trustees" answers some "who" questions; such bodies are not names, but not figures either.
            guard shapes.allSatisfy({ !$0.isDisjoint(with: nameLike) && !$0.contains(.functionWord) }),
                  let last = shapes.last, last.contains(.nameSuffix) || isSurname(last) else {
                return 0.05
            }
            // A title opens a name: "infarction dr. robert" is not one.
            if shapes.dropFirst().contains(where: { $0.contains(.personTitle) }) { return 0.1 }
            if shapes.contains(where: { !$0.isDisjoint(with: [.month, .weekday]) }) { return 0.1 }
            if span.contains(where: { CommonWords.contains($0.key) }) { return 0.15 }
            if shapes.contains(where: { $0.contains(.organisationWord) }) { return 0.2 }
            // "associate lists topics", "takeda pharmaceuticals europe": a position or a place is no one's name.
            let keys = span.map(\.key)
            if zip(keys, shapes).contains(where: { key, shape in !shape.contains(.personTitle) && Vocabulary.roleWords.contains(key) }) {
                return 0.15
            }
            if addresses.touchesAnAddress(span.indices) { return 0.15 }
            // OCR often drops the dot of a middle initial: "dorothy c olenyik". Such a letter does not end a name.
            let isBareInitial = keys.map { $0.count == 1 && $0.allSatisfy(\.isLetter) }
            if isBareInitial.last == true, shapes.count > 1 { return 0.1 }
            let hasMiddleInitial = isBareInitial.dropFirst().dropLast().contains(true)
            if shapes.contains(where: { $0.contains(.personTitle) || $0.contains(.initial) }) || hasMiddleInitial { return 1 }
            let opensWithGivenName = keys.first.map(Vocabulary.givenNames.contains) ?? false
            switch shapes.count {
            case 1: return opensWithGivenName ? givenNameAloneFit : 0.35
            case 2...3: return opensWithGivenName ? givenNameFit : 0.6
            default: return 0.3
            }
        }

        /// How well a common given name and the words after it read as a name ("harold nesbitt").
        private static let givenNameFit = 0.9
        /// How well a given name alone answers: letters are signed "jerry".
        private static let givenNameAloneFit = 0.6

        /// A word that can end a name: letters, not a title or an initial.
        private static func isSurname(_ shape: WordShape) -> Bool {
            shape.contains(.alphabetic) && shape.isDisjoint(with: [.personTitle, .initial, .nameSuffix])
        }

        private static func organisation(_ span: ArraySlice<PageToken>, shapes: [WordShape]) -> Double {
            guard let first = shapes.first, let last = shapes.last, !first.contains(.functionWord), !last.contains(.functionWord),
                  shapes.allSatisfy({ $0.contains(.alphabetic) || $0.contains(.punctuation) || $0.contains(.initial) }) else {
                return shapes.contains(where: { $0.contains(.organisationWord) }) ? 0.3 : 0
            }
            // "served by the company", "provisions thereof are incorporated": prose about a firm, not its name.
            let keys = span.map(\.key)
            if zip(keys, shapes).contains(where: { key, shape in shape.contains(.functionWord) && !nameConnectors.contains(key) }) {
                return 0.2
            }
            if last.contains(.organisationWord) { return 1 }
            if shapes.contains(where: { $0.contains(.organisationWord) }) { return 0.8 }
            if span.contains(where: { CommonWords.contains($0.key) }) { return 0.2 }
            return shapes.count <= 4 ? 0.5 : 0.3
        }

        /// The function words that join the words of an organisation's name: "bank of america",
        /// "institute for research in nutrition".
        private static let nameConnectors: Set<String> = ["of", "and", "for", "in", "on", "at"]

        private static func place(_ shapes: [WordShape]) -> Double {
            guard shapes.allSatisfy({ $0.contains(.alphabetic) || $0.contains(.initial) || $0.contains(.number) }) else { return 0 }
            if shapes.contains(where: { $0.contains(.month) || $0.contains(.personTitle) }) { return 0.1 }
            let hasComma = shapes.dropLast().contains { $0.contains(.endsWithComma) }
            if shapes.contains(where: { $0.contains(.placeWord) }) || hasComma && shapes.count <= 4 { return 0.9 }
            if shapes.contains(where: { $0.contains(.hasDigit) }) { return 0.3 }
            return shapes.count <= 3 ? 0.55 : 0.3
        }

        private static func title(_ shapes: [WordShape]) -> Double {
            let wordy = shapes.filter { $0.contains(.alphabetic) }.count
            return 0.3 + 0.5 * Double(wordy) / Double(shapes.count)
        }

        /// Words only, ending with or holding a word that names a position.
        private static func role(_ span: ArraySlice<PageToken>, shapes: [WordShape]) -> Double {
            guard shapes.allSatisfy({ $0.contains(.alphabetic) || $0.contains(.punctuation) }) else { return 0.05 }
            let roles = span.map { Vocabulary.roleWords.contains($0.key) }
            if roles.last == true { return 1 }
            return roles.contains(true) ? 0.6 : 0.2
        }

        private static func documentType(_ shapes: [WordShape]) -> Double {
            guard let last = shapes.last, shapes.allSatisfy({ $0.contains(.alphabetic) || $0.contains(.hasDigit) }) else { return 0.1 }
            return last.contains(.documentNoun) ? 1 : 0.2
        }

        /// Whether the span's words start with the abbreviation's letters, with or without its function words.
        private static func expansion(_ span: ArraySlice<PageToken>, of acronym: String) -> Double {
            guard acronym.count > 1 else { return span.allSatisfy({ $0.shape.contains(.alphabetic) }) ? 0.5 : 0.1 }
            let initials = String(span.compactMap(initial))
            let contentInitials = String(span.filter { !$0.shape.contains(.functionWord) }.compactMap(initial))
            if initials == acronym || contentInitials == acronym { return 1 }
            return 0
        }

        private static func initial(_ token: PageToken) -> Character? {
            token.text.lowercased().first { $0.isLetter || $0.isNumber }
        }

        private static func text(_ shapes: [WordShape]) -> Double {
            shapes.contains(where: { $0.contains(.hasDigit) }) ? 0.45 : 0.5
        }
    }
}
