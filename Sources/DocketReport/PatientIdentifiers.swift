import DocketAnswer
import DocketModel
import Foundation

/// What identifies a patient, to be hidden wherever it is written: the words of the name, numbers
/// (medical record, patient ID, accession) compared by their letters and digits alone, and dates
/// (of birth) compared by the day they name, however they are written.
public struct PatientIdentifiers: Sendable, Hashable {
    /// Lower case, without punctuation.
    public private(set) var nameWords: Set<String> = []
    /// Lower-case letters and digits only: "12-345-678" is "12345678".
    public private(set) var numbers: Set<String> = []
    /// ISO 8601.
    public private(set) var dates: Set<String> = []

    public init() {}

    /// The patient's and the study's identifiers that DICOM attributes give.
    public init(dicom: DICOMAttributes) {
        if let name = dicom.patientName { addName(name) }
        for number in [dicom.patientID, dicom.accessionNumber, dicom.studyID, dicom.studyInstanceUID].compactMap({ $0 }) {
            addNumber(number)
        }
        if let birth = dicom.patientBirthDate { addDate(birth) }
    }

    public var isEmpty: Bool { nameWords.isEmpty && numbers.isEmpty && dates.isEmpty }

    public mutating func formUnion(_ other: PatientIdentifiers) {
        nameWords.formUnion(other.nameWords)
        numbers.formUnion(other.numbers)
        dates.formUnion(other.dates)
    }

    /// "Doe^Jane", "Public, John Q.", "Mr John Public": each word of two letters or more but titles.
    public mutating func addName(_ name: String) {
        for word in name.split(whereSeparator: { $0.isWhitespace || $0 == "^" || $0 == "," }) {
            let bare = Self.bare(String(word))
            guard bare.count >= 2, bare.contains(where: \.isLetter), !Self.notNames.contains(bare) else { continue }
            nameWords.insert(bare)
        }
    }

    /// An identifying number as written; its digits alone are kept too when there are four or more
    /// ("MRN-0042" is also written "0042").
    public mutating func addNumber(_ number: String) {
        let key = WordNormalizer.comparisonKey(number)
        guard key.count >= 3 else { return }
        numbers.insert(key)
        let digits = key.filter(\.isNumber)
        if digits.count >= 4 { numbers.insert(digits) }
    }

    /// A date in any form Docket reads ("1950-01-01", "19500101", "1/1/1950", "Jan 1, 1950"); both
    /// readings of an ambiguous one, and its digits as a number ("19500101").
    public mutating func addDate(_ text: String) {
        for iso in Self.isoDates(text) {
            dates.insert(iso)
            numbers.insert(iso.filter(\.isNumber))
        }
    }

    // MARK: Finding the identifiers among words

    /// The indices of the words that identify the patient: one word, or a run of up to five words
    /// that together write a number or a date ("12 345 678", "Jan 1, 1950").
    public func identifyingIndices(of words: [String]) -> Set<Int> {
        guard !isEmpty else { return [] }
        let keys = words.map { WordNormalizer.comparisonKey($0) }
        var found: Set<Int> = []
        for (index, word) in words.enumerated() where identifies(word: word, key: keys[index]) { found.insert(index) }
        for start in words.indices where !keys[start].isEmpty {
            for length in 2...Self.longestRun where start + length <= words.count {
                if writesNumber(words[start..<(start + length)], keys: keys[start..<(start + length)]) {
                    found.formUnion(start..<(start + length))
                    break
                }
            }
        }
        guard !dates.isEmpty else { return found }
        var datesOfWord: [String: Set<String>] = [:]
        for start in words.indices {
            // A date in one word has at least four digits (1/1/50, DOB:01/01/1950).
            let shortest = keys[start].count(where: \.isNumber) >= 4 ? 1 : 2
            // Only a month's name ("Jan 1, 1950", "8th of March 2018") or a number split after its
            // separator ("9/ 3/ 92") spreads a date over several words.
            let spread = (keys[start].first?.isNumber == true || Self.isMonthName(keys[start]))
                && (keys[start..<min(words.count, start + 3)].contains(where: Self.isMonthName) || words[start].last.map { "/-".contains($0) } == true)
            guard spread || shortest == 1 else { continue }
            for length in shortest...(spread ? Self.longestRun : 1) where start + length <= words.count {
                let run = words[start..<(start + length)]
                let read: Set<String>
                if length == 1, let known = datesOfWord[words[start]] {
                    read = known
                } else {
                    read = Self.isoDates(run.joined(separator: " "))
                    if length == 1 { datesOfWord[words[start]] = read }
                }
                guard let date = read.first(where: dates.contains) else { continue }
                // The run must start with the date, not hold it later on.
                if length == 1 || !Self.isoDates(run.dropFirst().joined(separator: " ")).contains(date) {
                    found.formUnion(start..<(start + length))
                }
                break
            }
        }
        return found
    }

    /// Whether the text holds anything that identifies the patient.
    public func identifies(_ text: String) -> Bool {
        !identifyingIndices(of: text.split(whereSeparator: \.isWhitespace).map(String.init)).isEmpty
    }

    /// The text with each run of identifying words replaced by `hidden`, keeping the punctuation
    /// that ends the run ("Mr Public." is "Mr (hidden).") and everything else as it was.
    public func redact(_ text: String, hidden: String = Redaction.hidden) -> String {
        let ranges = text.ranges(ofWordsSeparatedBy: \.isWhitespace)
        let words = ranges.map { String(text[$0]) }
        let identifying = identifyingIndices(of: words)
        guard !identifying.isEmpty else { return text }
        var result = ""
        var cursor = text.startIndex
        var index = 0
        while index < ranges.count {
            guard identifying.contains(index) else {
                index += 1
                continue
            }
            var last = index
            while identifying.contains(last + 1) { last += 1 }
            result += text[cursor..<ranges[index].lowerBound]
            result += hidden
            result += words[last].reversed().prefix { ".,;:!?)".contains($0) }.reversed()
            cursor = ranges[last].upperBound
            index = last + 1
        }
        result += text[cursor...]
        return result
    }

    private func identifies(word: String, key: String) -> Bool {
        let bare = Self.bare(word)
        if nameWords.contains(bare) { return true }
        // "DOE^JANE", "Doe,Jane": a name written as one word.
        if bare.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }).contains(where: { nameWords.contains(String($0)) }) { return true }
        if key.count >= 3, numbers.contains(key) { return true }
        let digits = key.filter(\.isNumber)
        return digits.count >= 4 && numbers.contains(digits)
    }

    private func writesNumber(_ run: ArraySlice<String>, keys: ArraySlice<String>) -> Bool {
        let key = keys.joined()
        if numbers.contains(key) { return true }
        // "MRN 12 345 678": digits alone count when every word of the run holds some.
        guard run.allSatisfy({ $0.contains(where: \.isNumber) }) else { return false }
        let digits = key.filter(\.isNumber)
        return digits.count >= 4 && numbers.contains(digits)
    }

    static let longestRun = 5

    /// "jan", "January", "sept": the name of a month or its start, as the date normalizer reads them.
    private static func isMonthName(_ key: String) -> Bool {
        key.count >= 3 && key.allSatisfy(\.isLetter) && (monthNames.contains { $0.hasPrefix(key) } || otherMonthNames.contains(key))
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    private static let otherMonthNames: Set<String> = ["sept", "mac", "mei", "ogo", "ogos", "okt", "dis"]

    /// Every ISO date the text can be read as, day first and month first.
    static func isoDates(_ text: String) -> Set<String> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        if trimmed.count == 8, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber),
           let iso = DateNormalizer().normalize("\(trimmed.prefix(4))-\(trimmed.dropFirst(4).prefix(2))-\(trimmed.suffix(2))") {
            return [iso.text]
        }
        return Set(DateOrder.allCases.compactMap { DateNormalizer(order: $0).normalize(text)?.text })
    }

    /// Lower case, without surrounding punctuation or a possessive ("Doe's" is "doe").
    static func bare(_ text: String) -> String {
        var word = text.lowercased().trimmingCharacters(in: notPartOfAWord)
        for possessive in ["'s", "’s"] where word.hasSuffix(possessive) { word.removeLast(2) }
        return word
    }

    private static let notPartOfAWord = CharacterSet.punctuationCharacters.union(.symbols).union(.whitespaces)

    /// Titles and words that stand beside a name without being one.
    static let notNames: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "jr", "sr", "patient", "name", "the", "and", "of", "is", "was", "has",
        "information", "history", "details", "demographics", "identification", "unknown", "none", "n/a",
    ]
}

extension StringProtocol {
    /// The ranges of the runs of characters between separators.
    func ranges(ofWordsSeparatedBy isSeparator: (Character) -> Bool) -> [Range<Index>] {
        var ranges: [Range<Index>] = []
        var start: Index?
        for index in indices {
            if isSeparator(self[index]) {
                if let begun = start { ranges.append(begun..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begun = start { ranges.append(begun..<endIndex) }
        return ranges
    }
}
