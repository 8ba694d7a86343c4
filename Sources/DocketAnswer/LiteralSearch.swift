/// Substring search on UTF-8 bytes. Foundation's `contains` and `range(of:)` bridge each text to
/// NSString first, which costs more than the search on a page's worth of text; the answerers'
/// phrases are compared with texts already lower-cased, so bytes are all they need.
enum LiteralSearch {
    /// Whether `phrase` occurs in `text`.
    static func contains(_ text: String, _ phrase: String) -> Bool {
        var text = text
        return text.withUTF8 { text in firstOffset(of: phrase, in: text, from: 0) != nil }
    }

    /// The byte offset of the first occurrence of `phrase` in `text` at or after `start`.
    static func firstOffset(of phrase: String, in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var phrase = phrase
        return phrase.withUTF8 { phrase -> Int? in
            guard !phrase.isEmpty else { return start <= text.count ? start : nil }
            guard start + phrase.count <= text.count else { return nil }
            let first = phrase[0]
            for offset in start...(text.count - phrase.count) where text[offset] == first {
                var length = 1
                while length < phrase.count, text[offset + length] == phrase[length] { length += 1 }
                if length == phrase.count { return offset }
            }
            return nil
        }
    }
}
