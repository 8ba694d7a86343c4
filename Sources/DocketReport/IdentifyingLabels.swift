import DocketModel
import Foundation

/// Labels a document writes before what identifies its patient ("Patient Name - John Public",
/// "MRN 12345678", "DOB: 01/01/1950"), in any case, with or without a colon or dash, and the
/// values they give.
enum IdentifyingLabels {
    enum Kind {
        case name, number, date
    }

    /// Longer labels first, so that "patient id" is not read as "patient".
    static let labels: [(words: [String], kind: Kind)] = [
        (["medical", "record", "number"], .number), (["medical", "record", "no"], .number),
        (["medical", "record"], .number), (["hospital", "number"], .number), (["record", "number"], .number),
        (["patient", "id"], .number), (["patient", "number"], .number), (["patient", "no"], .number),
        (["accession", "number"], .number), (["accession", "no"], .number), (["accession"], .number), (["acc", "no"], .number),
        (["mrn"], .number), (["nhs", "number"], .number), (["ssn"], .number), (["id"], .number),
        (["date", "of", "birth"], .date), (["birth", "date"], .date), (["birthdate"], .date), (["dob"], .date), (["d.o.b"], .date),
        (["patient", "name"], .name), (["full", "name"], .name), (["name"], .name), (["patient"], .name),
    ]

    private static let labelStarts = Set(labels.map { $0.words[0] })

    /// Words before "name" or "id" that make it something else's: "Exam name", "Study ID".
    static let notPatients: Set<String> = [
        "exam", "examination", "procedure", "physician", "doctor", "referring", "radiologist", "file", "user", "facility",
        "institution", "device", "protocol", "series", "company", "test", "order", "ordering", "station", "operator",
    ]

    static let separators: Set<String> = [":", "-", "–", "—", "#", "=", "no", "no.", "nr", "number"]

    /// The kind of value a form's label announces; nil when it names no identifier.
    static func kind(ofLabel text: String) -> Kind? {
        let words = tokens(of: text).map(PatientIdentifiers.bare).filter { !$0.isEmpty }
        guard let found = label(at: 0, in: words), found.length == words.count || separators.contains(words[found.length]) else { return nil }
        return found.kind
    }

    /// What the labels of the pages give: on each line, in the labelled values of forms and under
    /// the headers of table columns.
    static func identifiers(in pages: [Page]) -> PatientIdentifiers {
        var identifiers = PatientIdentifiers()
        for page in pages {
            for line in page.lines { identifiers.formUnion(Self.identifiers(inLine: line.text)) }
            for pair in page.layout?.keyValues ?? [] {
                identifiers.formUnion(Self.identifiers(inLine: pair.keyText + " : " + pair.valueText))
            }
            for table in page.layout?.tables ?? [] {
                guard let header = table.rows.first else { continue }
                for (column, title) in header.enumerated() {
                    guard let kind = kind(ofLabel: title) else { continue }
                    for row in table.rows.dropFirst() where column < row.count {
                        add(tokens(of: row[column])[...], as: kind, afterSeparator: true, to: &identifiers)
                    }
                }
            }
        }
        return identifiers
    }

    /// "Patient Name: John Q. Public   DOB: 01/01/1950   MRN12345678": each label's value runs to
    /// the next label or the end of the line.
    static func identifiers(inLine line: String) -> PatientIdentifiers {
        var words = tokens(of: line)
        // A number glued to its label: "MRN12345678".
        words = words.flatMap { word -> [String] in
            let lower = word.lowercased()
            for label in ["mrn", "acc"] where lower.hasPrefix(label) && lower.dropFirst(label.count).first?.isNumber == true {
                return [String(word.prefix(label.count)), String(word.dropFirst(label.count))]
            }
            return [word]
        }
        let bare = words.map(PatientIdentifiers.bare)
        var found: [(start: Int, end: Int, kind: Kind)] = []
        var index = 0
        while index < words.count {
            if let label = label(at: index, in: bare), label.length > 1 || index == 0 || !notPatients.contains(bare[index - 1]) {
                found.append((index, index + label.length, label.kind))
                index += label.length
            } else {
                index += 1
            }
        }
        var identifiers = PatientIdentifiers()
        for (number, label) in found.enumerated() {
            var start = label.end
            let end = number + 1 < found.count ? found[number + 1].start : words.count
            var separated = words[label.end - 1].hasSuffix(":") || words[label.end - 1].hasSuffix("-")
            while start < end, separators.contains(bare[start]) || bare[start].isEmpty {
                separated = separated || bare[start].isEmpty
                start += 1
            }
            guard start < end else { continue }
            add(words[start..<end], as: label.kind, afterSeparator: separated, to: &identifiers)
        }
        return identifiers
    }

    private static func add(_ value: ArraySlice<String>, as kind: Kind, afterSeparator: Bool, to identifiers: inout PatientIdentifiers) {
        guard let first = value.first else { return }
        switch kind {
        case .number:
            // "12345678", "12 345 678", "A-123": the first word with a digit and the digit groups after it.
            guard first.contains(where: \.isNumber) else { return }
            var number = first
            for word in value.dropFirst() {
                guard word.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }), word.contains(where: \.isNumber) else { break }
                number += word
            }
            identifiers.addNumber(number)
        case .date:
            for length in 1...min(PatientIdentifiers.longestRun, value.count) {
                let text = value.prefix(length).joined(separator: " ")
                guard !PatientIdentifiers.isoDates(text).isEmpty else { continue }
                identifiers.addDate(text)
                return
            }
        case .name:
            // A name is capitalised ("John Q. Public"); a short value after a colon is taken as written.
            let words = value.prefix(4)
            if afterSeparator, value.count <= 3, words.allSatisfy({ $0.contains(where: \.isLetter) && !$0.contains(where: \.isNumber) }) {
                identifiers.addName(words.joined(separator: " "))
                return
            }
            var name: [String] = []
            for word in words {
                guard let initial = word.first(where: \.isLetter), initial.isUppercase, !word.contains(where: \.isNumber), !word.hasSuffix(":")
                else { break }
                name.append(word)
                if word.hasSuffix(",") && name.count > 1 { break }
            }
            identifiers.addName(name.joined(separator: " "))
        }
    }

    private static func label(at index: Int, in bare: [String]) -> (length: Int, kind: Kind)? {
        guard labelStarts.contains(bare[index]) else { return nil }
        for label in labels where index + label.words.count <= bare.count {
            if Array(bare[index..<(index + label.words.count)]) == label.words { return (label.words.count, label.kind) }
        }
        return nil
    }

    /// The words of a line, a colon glued to a label split from the value after it ("Name:John").
    private static func tokens(of text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).flatMap { word -> [String] in
            guard let colon = word.firstIndex(of: ":"), colon != word.index(before: word.endIndex),
                  word[..<colon].allSatisfy(\.isLetter) else { return [String(word)] }
            return [String(word[...colon]), String(word[word.index(after: colon)...])]
        }
    }
}
