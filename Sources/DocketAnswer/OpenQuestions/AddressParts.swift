import Foundation

extension OpenQuestionAnswerer {
    /// The parts of US-style addresses among a document's words: the state, by name or postal
    /// abbreviation ("minnesota", "n.c.", "d. c.", "conn."), the ZIP code after it ("55455",
    /// "27102-1234") and the city before its comma ("terre haute, indiana 47809").
    struct AddressParts: Sendable {
        enum Part: Sendable {
            case city, state, zipCode
        }

        /// One part found, and the token positions it covers.
        struct Found: Sendable {
            let part: Part
            let range: Range<Int>
            /// Whether it stands in an address ("city, state zip"), or only names a state in
            /// running text ("the laws of the state of new york").
            let inAddress: Bool
            /// For a state: its postal abbreviation, whichever way the page spells it.
            var postalCode: String? = nil
            /// For a city read with a word that may not belong to its name ("terre" in "terre haute"):
            /// where the name starts without that word.
            var nameStartWithoutGuess: Int? = nil
        }

        private let partsByRange: [Range<Int>: Found]
        /// Positions of the words of every part that stands in an address.
        private let addressPositions: Set<Int>
        /// Cities by the position of their last word.
        private let cityEnding: [Int: Found]

        init(tokens: [PageToken]) {
            var found: [Found] = []
            var position = 0
            while position < tokens.count {
                guard let state = Self.state(at: position, in: tokens) else {
                    position += 1
                    continue
                }
                let range = state.range
                position = range.upperBound
                let afterComma = range.lowerBound > 0 && tokens[range.lowerBound - 1].shape.contains(.endsWithComma)
                    && tokens[range.lowerBound - 1].pageIndex == tokens[range.lowerBound].pageIndex
                let zip = Self.isZipCode(at: range.upperBound, after: range.upperBound - 1, in: tokens) ? range.upperBound : nil
                // "washington, d.c. 20006", "new york, new york 10017": the first is the city.
                let namesTheCity = tokens[range.upperBound - 1].shape.contains(.endsWithComma)
                    && Self.state(at: range.upperBound, in: tokens).map { following in
                        Self.isZipCode(at: following.range.upperBound, after: following.range.upperBound - 1, in: tokens)
                    } == true
                let inAddress = afterComma || zip != nil
                // Abbreviations are state names only where an address puts them; those that are also
                // words ("in", "or", "pa.") only between a city's comma and a ZIP code.
                let readsAsState = state.isName || (state.isAmbiguous ? afterComma && zip != nil : inAddress)
                guard readsAsState, !namesTheCity else { continue }
                found.append(Found(part: .state, range: range, inAddress: inAddress, postalCode: state.postalCode))
                if let zip {
                    found.append(Found(part: .zipCode, range: zip..<(zip + 1), inAddress: true))
                }
                if afterComma, let city = Self.city(endingAt: range.lowerBound - 1, in: tokens) {
                    found.append(city)
                }
            }
            addressPositions = Set(found.filter(\.inAddress).flatMap(\.range))
            partsByRange = Dictionary(found.map { ($0.range, $0) }, uniquingKeysWith: { first, _ in first })
            cityEnding = Dictionary(found.filter { $0.part == .city }.map { ($0.range.upperBound - 1, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// The part that covers exactly `range`, if any.
        func part(at range: Range<Int>) -> Found? {
            partsByRange[range]
        }

        /// Whether any word of `range` is part of an address: "longmont, colorado" names a place, not a person.
        func touchesAnAddress(_ range: Range<Int>) -> Bool {
            range.contains(where: addressPositions.contains)
        }

        /// The city whose name, read without its guessed word, is `range`: "haute" of "terre haute".
        func cityWithoutGuess(at range: Range<Int>) -> Found? {
            guard let end = range.last, let city = cityEnding[end], city.nameStartWithoutGuess == range.lowerBound else { return nil }
            return city
        }

        /// A five-digit ZIP code or a ZIP+4 ("27102-1234") at `position`, on the page of `previous`.
        private static func isZipCode(at position: Int, after previous: Int, in tokens: [PageToken]) -> Bool {
            guard tokens.indices.contains(position), tokens[position].pageIndex == tokens[previous].pageIndex else { return false }
            return isZipCode(tokens[position].text)
        }

        static func isZipCode(_ text: String) -> Bool {
            text.trimmingCharacters(in: .punctuationCharacters).wholeMatch(of: /\d{5}(-\d{4})?/) != nil
        }

        // MARK: States

        private struct StateName {
            let range: Range<Int>
            let postalCode: String
            /// Spelled out ("north carolina"), not abbreviated.
            let isName: Bool
            /// An abbreviation that is also an everyday word or a name's suffix ("in", "pa.", "md").
            let isAmbiguous: Bool
        }

        /// The state whose name or abbreviation starts at `position`, the longest reading first.
        private static func state(at position: Int, in tokens: [PageToken]) -> StateName? {
            let page = tokens[position].pageIndex
            let keys = tokens[position...].prefix(3).prefix { $0.pageIndex == page }.map(\.key)
            for length in stride(from: keys.count, through: 1, by: -1) {
                let name = keys.prefix(length).joined(separator: " ")
                // A comma inside ends the name: "york, new" is not one.
                let innerComma = tokens[position..<(position + length - 1)].contains { $0.shape.contains(.endsWithComma) }
                guard !innerComma else { continue }
                if let code = postalCodes[name] {
                    return StateName(range: position..<(position + length), postalCode: code, isName: true, isAmbiguous: false)
                }
            }
            // "d. c.": two initials read as one abbreviation.
            if keys.count >= 2, keys[0].count == 1, keys[1].count == 1,
               tokens[position].shape.contains(.initial), tokens[position + 1].shape.contains(.initial),
               let code = abbreviations[keys[0] + keys[1]] {
                return StateName(range: position..<(position + 2), postalCode: code, isName: false, isAmbiguous: false)
            }
            guard let key = keys.first, let code = abbreviations[key] else { return nil }
            let isAmbiguous = ambiguousAbbreviations.contains(key) || Vocabulary.functionWords.contains(key)
            return StateName(range: position..<(position + 1), postalCode: code, isName: false, isAmbiguous: isAmbiguous)
        }

        /// The postal abbreviation of the state `key` names, if it names one ("north carolina" -> "nc").
        static func postalCode(ofName key: String) -> String? {
            postalCodes[key]
        }

        /// State names, as word keys joined by spaces, with their postal abbreviations.
        private static let postalCodes: [String: String] = [
            "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca", "colorado": "co",
            "connecticut": "ct", "delaware": "de", "florida": "fl", "georgia": "ga", "hawaii": "hi", "idaho": "id",
            "illinois": "il", "indiana": "in", "iowa": "ia", "kansas": "ks", "kentucky": "ky", "louisiana": "la",
            "maine": "me", "maryland": "md", "massachusetts": "ma", "michigan": "mi", "minnesota": "mn",
            "mississippi": "ms", "missouri": "mo", "montana": "mt", "nebraska": "ne", "nevada": "nv",
            "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny", "north carolina": "nc",
            "north dakota": "nd", "ohio": "oh", "oklahoma": "ok", "oregon": "or", "pennsylvania": "pa",
            "rhode island": "ri", "south carolina": "sc", "south dakota": "sd", "tennessee": "tn", "texas": "tx",
            "utah": "ut", "vermont": "vt", "virginia": "va", "washington": "wa", "west virginia": "wv",
            "wisconsin": "wi", "wyoming": "wy", "district of columbia": "dc",
        ]

        /// Postal abbreviations and the older ones letters still use ("conn.", "calif."), keyed
        /// without their dots, with the postal abbreviation each stands for.
        private static let abbreviations: [String: String] = {
            var abbreviations = Dictionary(postalCodes.values.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
            let traditional: [String: String] = [
                "ala": "al", "ariz": "az", "ark": "ar", "calif": "ca", "cal": "ca", "colo": "co", "conn": "ct",
                "del": "de", "fla": "fl", "ill": "il", "ind": "in", "kan": "ks", "kans": "ks", "mass": "ma",
                "mich": "mi", "minn": "mn", "miss": "ms", "mont": "mt", "neb": "ne", "nebr": "ne", "nev": "nv",
                "okla": "ok", "ore": "or", "oreg": "or", "penn": "pa", "penna": "pa", "tenn": "tn", "tex": "tx",
                "wash": "wa", "wis": "wi", "wisc": "wi", "wyo": "wy", "wva": "wv",
            ]
            abbreviations.merge(traditional, uniquingKeysWith: { first, _ in first })
            return abbreviations
        }()

        /// Abbreviations that are also everyday words or parts of names ("miss", "md", "del").
        private static let ambiguousAbbreviations: Set<String> = [
            "in", "or", "me", "oh", "hi", "ok", "al", "co", "de", "id", "la", "ma", "mo", "ms", "pa", "md", "mt",
            "ind", "ill", "miss", "wash", "ore", "del", "mass", "cal", "penn", "ark", "ala", "kan", "tex", "neb",
        ]

        // MARK: Cities

        /// Words that open many city names: "new haven", "san diego", "fort wayne".
        private static let cityOpeners: Set<String> = [
            "new", "san", "santa", "los", "las", "el", "fort", "ft", "saint", "st", "ste", "mount", "mt", "port",
            "east", "west", "north", "south", "lake", "salt", "grand", "palo", "baton", "des", "la", "le", "glen",
            "cedar", "little", "great", "sioux", "palm", "long", "oak", "red", "white", "silver", "bay",
        ]

        /// The city whose name ends with the word at `last`, which carries the comma before the state:
        /// that word, the openers before it ("new", "san"), and at most one word that reads as no
        /// everyday word and names nothing else ("terre" in "terre haute").
        private static func city(endingAt last: Int, in tokens: [PageToken]) -> Found? {
            guard isCityWord(tokens[last]) else { return nil }
            var start = last
            var guessedWord: Int?
            while start > 0, last - start < 2, tokens[start - 1].pageIndex == tokens[last].pageIndex {
                let previous = tokens[start - 1]
                guard previous.shape.isDisjoint(with: [.endsWithComma, .endsWithColon, .endsSentence]), isCityWord(previous) else { break }
                let key = previous.key
                if cityOpeners.contains(key) {
                    start -= 1
                } else if guessedWord == nil, !CommonWords.contains(key), !previous.shape.contains(.initial) {
                    start -= 1
                    guessedWord = start
                } else {
                    break
                }
            }
            return Found(part: .city, range: start..<(last + 1), inAddress: true, nameStartWithoutGuess: guessedWord.map { $0 + 1 })
        }

        /// Letters only (a hyphen allowed: "winston-salem"), and no word that names a street, a
        /// building, an organisation, a person's title or a date.
        private static func isCityWord(_ token: PageToken) -> Bool {
            token.shape.contains(.alphabetic)
                && token.shape.isDisjoint(with: [.functionWord, .organisationWord, .personTitle, .month, .weekday, .documentNoun])
                && (!token.shape.contains(.placeWord) || cityOpeners.contains(token.key))
        }
    }
}
