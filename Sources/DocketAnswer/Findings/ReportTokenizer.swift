/// Splits a report's words into tokens: runs of letters and digits (keeping "4.5", "1,200" and
/// "patient's" whole), one token per punctuation mark, hyphens dropped so that "non-calcified"
/// reads as "non calcified" and "left-sided" as "left sided".
enum ReportTokenizer {
    static func tokens(ofWord word: String, at location: WordLocation) -> [ReportToken] {
        let characters = Array(word)
        var tokens: [ReportToken] = []
        var separator = " "
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isWordCharacter(character) {
                var end = index + 1
                while end < characters.count,
                      isWordCharacter(characters[end]) || joinsWord(characters, at: end) {
                    end += 1
                }
                tokens.append(ReportToken(text: String(characters[index..<end]), separator: separator, location: location))
                separator = ""
                index = end
            } else if hyphens.contains(character) {
                separator += String(character)
                index += 1
            } else {
                tokens.append(ReportToken(text: String(character), separator: separator, location: location))
                separator = ""
                index += 1
            }
        }
        return tokens
    }

    private static let hyphens: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}"]

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// A decimal point or thousands separator between digits, or an apostrophe between letters.
    private static func joinsWord(_ characters: [Character], at index: Int) -> Bool {
        guard index + 1 < characters.count, index > 0 else { return false }
        let before = characters[index - 1], after = characters[index + 1], character = characters[index]
        if character == "." || character == "," { return before.isNumber && after.isNumber }
        if character == "'" || character == "\u{2019}" { return before.isLetter && after.isLetter }
        return false
    }
}
