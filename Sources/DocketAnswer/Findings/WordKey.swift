/// The key a word is matched on: its singular form, so that the vocabulary lists each term once.
/// De-identification placeholders ("XXXX", which stand for names, dates and many ordinary words
/// the scrubber caught) become one unknown word that matches nothing.
enum WordKey {
    static let unknown = "xxxx"

    static func key(of lowercased: String) -> String {
        if lowercased.contains(unknown) { return unknown }
        if let singular = irregularSingulars[lowercased] { return singular }
        if lowercased.count <= 3 || Self.invariantEndings.contains(where: lowercased.hasSuffix) { return lowercased }
        if lowercased.hasSuffix("ies") { return String(lowercased.dropLast(3)) + "y" }
        if lowercased.hasSuffix("xes") { return String(lowercased.dropLast(2)) }
        if lowercased.hasSuffix("s") { return String(lowercased.dropLast()) }
        return lowercased
    }

    /// Words ending in "s" that are not plurals: "atelectasis", "hiatus", "mass", "calcinosis".
    private static let invariantEndings = ["is", "us", "ss"]

    private static let irregularSingulars: [String: String] = [
        "pneumothoraces": "pneumothorax", "hemithoraces": "hemithorax", "granulomata": "granuloma",
        "atelectases": "atelectasis", "vertebrae": "vertebra",
    ]
}
