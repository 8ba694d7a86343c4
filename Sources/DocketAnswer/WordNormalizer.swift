/// How the answerers bring a word to the form they compare it in. Each reader folds plurals as far
/// as its own vocabulary needs, so the singular forms differ in strength and are named for their use.
public enum WordNormalizer {
    // MARK: Comparison keys

    /// Letters and digits only, lower-cased: "Figs." meets "figs", "Name/Phone Ext.:" meets "Name / Phone Ext. :".
    public static func comparisonKey(_ word: some StringProtocol) -> String {
        if isASCII(word) {
            return String(decoding: word.utf8.compactMap(asciiKeyByte), as: UTF8.self)
        }
        return String(word.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// An ASCII letter lower-cased, or a digit; nil for anything else.
    private static func asciiKeyByte(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        default: nil
        }
    }

    /// Whether `text` is all ASCII. Most text read is, and its letters and digits are known from
    /// their bytes, without the Unicode tables `Character`'s properties look them up in.
    static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The runs of letters in `text`, as `text.split { !$0.isLetter }` gives them.
    static func letterRuns(in text: String) -> [String] {
        guard isASCII(text) else { return text.split { !$0.isLetter }.map(String.init) }
        return text.utf8.split { byte in
            !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }.map { String(Substring($0)) }
    }

    /// The lower-cased runs of letters and digits in `text`: "Cost-of-Goods:" -> ["cost", "of", "goods"].
    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// The first `length` characters of a comparison key: a stem crude enough for "packages" to meet
    /// "package" and "delivered" to meet "delivery".
    static func prefixStem(ofKey key: String, length: Int) -> String {
        String(key.prefix(length))
    }

    // MARK: Open questions

    /// How a question's word meets a page's: the comparison key's singular ("figures" -> "figure",
    /// "boxes" -> "box"; "address", "status", "analysis" kept), with common abbreviations and spellings
    /// folded to one word, so "Figs." meets "figure" and "tel" meets "phone".
    static func stem(ofKey key: String) -> String {
        let synonyms = OpenQuestionAnswerer.Vocabulary.synonyms
        if let synonym = synonyms[key] { return synonym }
        guard key.count > 3, key.last == "s", key.contains(where: \.isLetter) else { return key }
        if key.hasSuffix("ies"), key.count > 4 { return String(key.dropLast(3)) + "y" }
        if key.hasSuffix("sses") || key.hasSuffix("xes") || key.hasSuffix("ches") || key.hasSuffix("shes") {
            return String(key.dropLast(2))
        }
        if key.hasSuffix("ss") || key.hasSuffix("us") || key.hasSuffix("is") { return key }
        let singular = String(key.dropLast())
        return synonyms[singular] ?? singular
    }

    // MARK: Table headers

    /// A header word's singular by its final "s" alone: "salaries" -> "salary", "expenses" -> "expense";
    /// "gross" and words of three letters or fewer ("tax") stay as they are.
    static func tableHeaderSingular(_ word: String) -> String {
        guard word.count > 3, word.last == "s", !word.hasSuffix("ss") else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        return String(word.dropLast())
    }

    // MARK: Findings

    /// A de-identification placeholder ("XXXX"): it stands for names, dates and many ordinary words
    /// the scrubber caught, so it becomes one unknown word that matches nothing.
    static let deidentifiedWord = "xxxx"

    /// The key a report's word meets the findings vocabulary on: its singular, so that the vocabulary
    /// lists each term once. Knows the Greek and Latin plurals of radiology ("pneumothoraces") and the
    /// terms that end in "s" without being plurals ("atelectasis", "hiatus", "mass").
    static func findingTermKey(ofLowercased word: String) -> String {
        if word.contains(deidentifiedWord) { return deidentifiedWord }
        if let singular = irregularFindingSingulars[word] { return singular }
        if word.count <= 3 || ["is", "us", "ss"].contains(where: word.hasSuffix) { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }

    private static let irregularFindingSingulars: [String: String] = [
        "pneumothoraces": "pneumothorax", "hemithoraces": "hemithorax", "granulomata": "granuloma",
        "atelectases": "atelectasis", "vertebrae": "vertebra",
    ]
}
