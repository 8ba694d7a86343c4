import Foundation

/// BERT's uncased tokenizer, as Hugging Face's BertTokenizer with do_lower_case: clean the text,
/// set CJK ideographs apart, lower-case and strip accents, split off punctuation, then split each
/// word into the longest pieces in the vocabulary (continuations prefixed "##"), and wrap the ids
/// in [CLS] ... [SEP]. Characters here are Unicode scalars, as they are in Python.
struct WordPieceTokenizer: Sendable {
    static let maxCharactersPerWord = 100

    let maxTokens: Int
    let vocabularySize: Int
    let classifyID: Int32
    let separatorID: Int32
    let unknownID: Int32
    /// Keyed by UTF-8 bytes: a String key would treat canonically equivalent spellings as one token.
    private let ids: [[UInt8]: Int32]
    private let specialTokens: [(scalars: [Unicode.Scalar], id: Int32)]

    init(vocabulary url: URL, maxTokens: Int) throws {
        let file = url.path
        guard FileManager.default.fileExists(atPath: file) else { throw EncoderError.missingFile(file) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw EncoderError.unreadable(file: file, reason: error.localizedDescription)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var ids: [[UInt8]: Int32] = [:]
        for (index, line) in lines.enumerated() {
            ids[Array(line.utf8)] = Int32(index)
        }
        func id(_ token: String) throws -> Int32 {
            guard let id = ids[Array(token.utf8)] else { throw EncoderError.unreadable(file: file, reason: "no \(token) in the vocabulary") }
            return id
        }
        self.ids = ids
        vocabularySize = lines.count
        self.maxTokens = maxTokens
        classifyID = try id("[CLS]")
        separatorID = try id("[SEP]")
        unknownID = try id("[UNK]")
        specialTokens = try ["[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]"].map { (Array($0.unicodeScalars), try id($0)) }
    }

    /// The ids of `text`: [CLS], its word pieces (as many as fit), [SEP]. A special token written
    /// in the text, such as "[SEP]", is that token, as it is for the reference tokenizer.
    func ids(_ text: String) -> [Int32] {
        var result: [Int32] = [classifyID]
        let room = maxTokens - 2
        segments: for segment in splitOnSpecialTokens(text) {
            let segmentIDs: [Int32] = switch segment {
            case .special(let id): [id]
            case .text(let text): Self.basicTokens(text).flatMap(pieces)
            }
            for id in segmentIDs {
                guard result.count - 1 < room else { break segments }
                result.append(id)
            }
        }
        result.append(separatorID)
        return result
    }

    private enum Segment {
        case text(String)
        case special(Int32)
    }

    private func splitOnSpecialTokens(_ text: String) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "[", let (token, id) = specialTokens.first(where: { token, _ in
                index + token.count <= scalars.count && scalars[index..<(index + token.count)].elementsEqual(token)
            }) {
                if textStart < index { segments.append(.text(String(String.UnicodeScalarView(scalars[textStart..<index])))) }
                segments.append(.special(id))
                index += token.count
                textStart = index
            } else {
                index += 1
            }
        }
        if textStart < scalars.count { segments.append(.text(String(String.UnicodeScalarView(scalars[textStart...])))) }
        return segments
    }

    /// The word pieces of one word, or [UNK] when it is too long or some part of it is in no piece.
    private func pieces(_ word: [Unicode.Scalar]) -> [Int32] {
        guard word.count <= Self.maxCharactersPerWord else { return [unknownID] }
        let utf8 = word.map { Array(String($0).utf8) }
        var result: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var candidate: [UInt8] = start > 0 ? Array("##".utf8) : []
                for scalar in utf8[start..<end] { candidate += scalar }
                if let id = ids[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let found else { return [unknownID] }
            result.append(found)
            start = end
        }
        return result
    }

    /// BERT's basic tokenization: the words and punctuation marks of `text`, lower-cased and without accents.
    static func basicTokens(_ text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJK(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        let composed = String(cleaned).precomposedStringWithCanonicalMapping
        var tokens: [[Unicode.Scalar]] = []
        for word in splitOnWhitespace(composed.unicodeScalars) {
            let lowered = String(String.UnicodeScalarView(word)).lowercased().decomposedStringWithCanonicalMapping
            var current: [Unicode.Scalar] = []
            for scalar in lowered.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                if isPunctuation(scalar) {
                    if !current.isEmpty { tokens.append(current) }
                    tokens.append([scalar])
                    current = []
                } else {
                    current.append(scalar)
                }
            }
            if !current.isEmpty { tokens.append(current) }
        }
        return tokens
    }

    /// Python's str.split(): runs of whitespace separate words.
    private static func splitOnWhitespace(_ scalars: String.UnicodeScalarView) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in scalars {
            if scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value) {
                if !current.isEmpty { words.append(current) }
                current = []
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": true
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// ASCII symbols count as punctuation too, as BERT has it: $, +, <, ^, ` and the like.
    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 33...47, 58...64, 91...96, 123...126: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
