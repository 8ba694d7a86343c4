/// How many letters, digits and capitals a text holds, as `Character.isLetter`, `isNumber` and
/// `isUppercase` count them. ASCII text, most of what is read, is counted byte by byte: the
/// `Character` properties look every character up in Unicode's tables.
struct CharacterCounts {
    private(set) var letters = 0
    private(set) var digits = 0
    private(set) var capitals = 0

    init(_ text: String) {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    letters += 1
                    capitals += 1
                case UInt8(ascii: "a")...UInt8(ascii: "z"): letters += 1
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
                default: break
                }
            }
        } else {
            for character in text {
                if character.isLetter { letters += 1 }
                if character.isNumber { digits += 1 }
                if character.isUppercase { capitals += 1 }
            }
        }
    }

    /// The runs of letters in `text`, the words `split { !$0.isLetter }` gives.
    static func letterRuns(of text: String) -> [String] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split { !$0.isLetter }.map(String.init) }
        return text.utf8.split { byte in
            !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }.map { String(Substring($0)) }
    }
}
