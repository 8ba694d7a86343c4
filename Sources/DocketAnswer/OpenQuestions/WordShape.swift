import Foundation

extension OpenQuestionAnswerer {
    /// What one word looks like, read once so that spans can be judged without re-reading their text.
    struct WordShape: OptionSet, Sendable {
        let rawValue: UInt32

        init(rawValue: UInt32) {
            self.rawValue = rawValue
        }

        static let number = WordShape(rawValue: 1 << 0)
        static let hasDigit = WordShape(rawValue: 1 << 1)
        static let year = WordShape(rawValue: 1 << 2)
        static let dayOfMonth = WordShape(rawValue: 1 << 3)
        static let month = WordShape(rawValue: 1 << 4)
        static let weekday = WordShape(rawValue: 1 << 5)
        static let numericDate = WordShape(rawValue: 1 << 6)
        static let clockTime = WordShape(rawValue: 1 << 7)
        static let meridiem = WordShape(rawValue: 1 << 8)
        static let currency = WordShape(rawValue: 1 << 9)
        static let percent = WordShape(rawValue: 1 << 10)
        static let initial = WordShape(rawValue: 1 << 11)
        static let personTitle = WordShape(rawValue: 1 << 12)
        static let nameSuffix = WordShape(rawValue: 1 << 13)
        static let alphabetic = WordShape(rawValue: 1 << 14)
        static let functionWord = WordShape(rawValue: 1 << 15)
        static let punctuation = WordShape(rawValue: 1 << 16)
        static let numberWord = WordShape(rawValue: 1 << 17)
        static let organisationWord = WordShape(rawValue: 1 << 18)
        static let placeWord = WordShape(rawValue: 1 << 19)
        static let scale = WordShape(rawValue: 1 << 20)
        static let endsWithColon = WordShape(rawValue: 1 << 21)
        static let endsWithComma = WordShape(rawValue: 1 << 22)
        static let endsSentence = WordShape(rawValue: 1 << 23)
        static let phoneDigits = WordShape(rawValue: 1 << 24)
        static let link = WordShape(rawValue: 1 << 25)
        /// OCR debris such as ".....may...22": more punctuation than letters and digits.
        static let noisy = WordShape(rawValue: 1 << 26)
        static let documentNoun = WordShape(rawValue: 1 << 27)

        /// The shape of `text`, whose letters-and-digits key is `key`.
        init(of text: String, key: String) {
            var shape: WordShape = []
            let lowered = text.lowercased()
            let core = lowered.trimmingCharacters(in: Self.edgePunctuation)
            let digits = core.filter(\.isNumber).count
            if key.isEmpty { shape.insert(.punctuation) }
            if digits > 0 { shape.insert(.hasDigit) }
            if Self.isNumber(core) {
                shape.insert(.number)
                let value = Int(core.filter(\.isNumber)) ?? -1
                if core.count == 4, digits == 4, (1900...2099).contains(value) { shape.insert(.year) }
                if core.count <= 2, (1...31).contains(value) { shape.insert(.dayOfMonth) }
            }
            if Self.isOrdinalDay(key) { shape.insert(.dayOfMonth) }
            if Self.isNumericDate(core) { shape.insert(.numericDate) }
            if Self.isClockTime(core) { shape.insert(.clockTime) }
            if Vocabulary.months.contains(key) { shape.insert(.month) }
            if Vocabulary.weekdays.contains(key) { shape.insert(.weekday) }
            if Vocabulary.meridiems.contains(key) { shape.insert(.meridiem) }
            if lowered.contains(where: { "$£€¥".contains($0) }) || Vocabulary.currencyWords.contains(key) { shape.insert(.currency) }
            if lowered.contains("%") || key == "percent" { shape.insert(.percent) }
            if Self.isInitials(lowered.trimmingCharacters(in: Self.edgePunctuationKeepingDots)) { shape.insert(.initial) }
            if Vocabulary.personTitles.contains(key) { shape.insert(.personTitle) }
            if Vocabulary.nameSuffixes.contains(key) { shape.insert(.nameSuffix) }
            if !key.isEmpty, key.allSatisfy(\.isLetter) { shape.insert(.alphabetic) }
            // "a." and "i." are initials ("grace a. goldsmith", "i. m. pei"), not the words.
            if Vocabulary.functionWords.contains(key), !shape.contains(.initial) { shape.insert(.functionWord) }
            if Vocabulary.numberWords.contains(key) { shape.insert(.numberWord) }
            if Vocabulary.organisationWords.contains(key) { shape.insert(.organisationWord) }
            if Vocabulary.placeWords.contains(key) { shape.insert(.placeWord) }
            if Vocabulary.scaleWords.contains(key) { shape.insert(.scale) }
            if digits >= 3, core.allSatisfy({ $0.isNumber || "()-. /".contains($0) }) { shape.insert(.phoneDigits) }
            if lowered.contains("http") || lowered.contains("www.") || lowered.contains("@") { shape.insert(.link) }
            if !key.isEmpty, lowered.count - key.count > max(2, key.count) || lowered.contains("...") { shape.insert(.noisy) }
            if Vocabulary.documentNouns.contains(key) { shape.insert(.documentNoun) }
            if lowered.hasSuffix(":") { shape.insert(.endsWithColon) }
            if lowered.hasSuffix(",") || lowered.hasSuffix(";") { shape.insert(.endsWithComma) }
            // "approved." ends a sentence; "dr." and "j." do not.
            if lowered.hasSuffix("."), key.count > 3, !shape.contains(.initial), !shape.contains(.number) { shape.insert(.endsSentence) }
            self = shape
        }

        private static let edgePunctuation = CharacterSet(charactersIn: "()[]{}\"'`‘’“”,;:.*#!?")
        private static let edgePunctuationKeepingDots = CharacterSet(charactersIn: "()[]{}\"'`‘’“”,;:*#!?")

        private static func isNumber(_ core: String) -> Bool {
            var text = Substring(core)
            while let first = text.first, "$£€¥+-(".contains(first) { text.removeFirst() }
            while let last = text.last, "%)".contains(last) { text.removeLast() }
            guard let first = text.first, first.isNumber, let last = text.last, last.isNumber else { return false }
            return text.allSatisfy { $0.isNumber || $0 == "," || $0 == "." }
        }

        private static func isOrdinalDay(_ key: String) -> Bool {
            guard key.count >= 3, key.count <= 4 else { return false }
            let suffix = key.suffix(2)
            guard ["st", "nd", "rd", "th"].contains(suffix), let day = Int(key.dropLast(2)) else { return false }
            return (1...31).contains(day)
        }

        /// "6/4/90", "2005-03-01", "12.07.2004".
        private static func isNumericDate(_ core: String) -> Bool {
            let parts = core.split(omittingEmptySubsequences: false, whereSeparator: { "/-.".contains($0) })
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }) else { return false }
            let separators = core.filter { "/-.".contains($0) }
            return Set(separators).count == 1 && (parts[0].count == 4 || parts[2].count >= 2)
        }

        /// "9:00", "4.45pm", "10:30am".
        private static func isClockTime(_ core: String) -> Bool {
            var text = Substring(core)
            for suffix in ["a.m", "p.m", "am", "pm"] where text.hasSuffix(suffix) {
                text = text.dropLast(suffix.count)
                break
            }
            let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." })
            guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return false }
            return parts[1].count == 2 && (0...24).contains(hours) && (0...59).contains(minutes) && (core.contains(":") || text.count < core.count)
        }

        /// "j.", "r.v.k.m.", "d.c.".
        private static func isInitials(_ core: String) -> Bool {
            let pieces = core.split(separator: ".", omittingEmptySubsequences: false)
            guard pieces.count >= 2, pieces.last?.isEmpty ?? false || pieces.count > 2 else { return false }
            return pieces.dropLast().allSatisfy { $0.count == 1 && $0.first!.isLetter }
                && (pieces.last!.isEmpty || pieces.last!.count == 1)
        }
    }
}
