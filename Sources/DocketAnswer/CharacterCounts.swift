/// How many letters, digits and capitals a text holds, as `Character.isLetter`, `isNumber` and
/// `isUppercase` count them; ASCII text byte by byte (`WordNormalizer.isASCII`).
struct CharacterCounts {
    private(set) var letters = 0
    private(set) var digits = 0
    private(set) var capitals = 0

    init(_ text: String) {
        if WordNormalizer.isASCII(text) {
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
}
