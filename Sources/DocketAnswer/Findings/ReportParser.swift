import Foundation

/// Cuts a report's lines into sections and sentences.
///
/// A sentence ends at ".", "!" or "?" (not after "Dr." or "vs."), at a section header, and at a
/// line break followed by a capital or a digit; a line that goes on in lower case is taken for a
/// wrapped sentence.
struct ReportParser {
    private(set) var sections: [ReportSection] = []
    private(set) var sentences: [ReportSentence] = []

    private var section: SectionHeader?
    private var sectionLines: [String] = []
    private var sentence: [ReportToken] = []

    init(lines: [[ReportToken]]) {
        for line in lines {
            var content = line[...]
            if let header = SectionHeader.starting(line) {
                finishSection()
                section = header
                content = line.dropFirst(header.tokenCount)
            } else if let first = line.first, first.text.first!.isUppercase || first.text.first!.isNumber {
                finishSentence()
            }
            if section != nil { sectionLines.append(Array(content).joinedText) }
            for token in content {
                sentence.append(token)
                if token.isSentencePunctuation, !Self.endsAbbreviation(sentence.dropLast().last) { finishSentence() }
            }
        }
        finishSection()
    }

    private static let abbreviations: Set<String> = ["dr", "mr", "mrs", "ms", "vs", "st", "approx", "fig"]

    private static func endsAbbreviation(_ token: ReportToken?) -> Bool {
        guard let token else { return false }
        return abbreviations.contains(token.lowercased) || (token.isWord && token.text.count == 1 && token.text.first!.isLetter)
    }

    private mutating func finishSentence() {
        if sentence.contains(where: { $0.isWord && $0.text.contains(where: \.isLetter) }) {
            sentences.append(ReportSentence(tokens: sentence, section: section))
        }
        sentence = []
    }

    private mutating func finishSection() {
        finishSentence()
        if let section {
            let text = sectionLines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            sections.append(ReportSection(name: section.name, text: text))
        }
        sectionLines = []
    }
}
