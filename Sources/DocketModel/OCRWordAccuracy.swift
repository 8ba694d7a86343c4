/// How many of a text's words an OCR reading got right, counted as the ISRI OCR evaluation tools
/// count word accuracy: words are runs of letters and digits, compared case-sensitively and in
/// order, and the words read right are the longest common subsequence of the two word sequences
/// (a word read twice or out of place is not counted twice).
public struct OCRWordAccuracy: Sendable, Equatable {
    public var truthWords: Int
    public var wordsReadRight: Int

    /// 1 for a truth without words.
    public var accuracy: Double { truthWords == 0 ? 1 : Double(wordsReadRight) / Double(truthWords) }

    public init(truthWords: Int, wordsReadRight: Int) {
        self.truthWords = truthWords
        self.wordsReadRight = wordsReadRight
    }

    public init(read: String, truth: String) {
        let truthWords = Self.words(truth)
        self.init(truthWords: truthWords.count, wordsReadRight: Self.longestCommonSubsequence(Self.words(read), truthWords))
    }

    /// The figures of several pages or files taken together: each word counts once.
    public static func + (left: OCRWordAccuracy, right: OCRWordAccuracy) -> OCRWordAccuracy {
        OCRWordAccuracy(truthWords: left.truthWords + right.truthWords, wordsReadRight: left.wordsReadRight + right.wordsReadRight)
    }

    public static func words(_ text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber) }
    }

    static func longestCommonSubsequence(_ first: [Substring], _ second: [Substring]) -> Int {
        guard !first.isEmpty, !second.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: second.count + 1)
        var current = previous
        for word in first {
            for (index, other) in second.enumerated() {
                current[index + 1] = word == other ? previous[index] + 1 : max(previous[index + 1], current[index])
            }
            swap(&previous, &current)
        }
        return previous[second.count]
    }
}
