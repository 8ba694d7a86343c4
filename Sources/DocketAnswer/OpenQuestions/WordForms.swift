extension OpenQuestionAnswerer {
    /// How words are compared between a question and a page: letters and digits only, lower-cased,
    /// plurals and common abbreviations folded, so "Figs." in a question meets "figure" on a page.
    enum WordForms {
        static func key(of word: some StringProtocol) -> String {
            String(word.lowercased().filter { $0.isLetter || $0.isNumber })
        }

        static func stem(ofKey key: String) -> String {
            if let synonym = Vocabulary.synonyms[key] { return synonym }
            guard key.count > 3, key.last == "s", key.contains(where: \.isLetter) else { return key }
            if key.hasSuffix("ies"), key.count > 4 { return String(key.dropLast(3)) + "y" }
            if key.hasSuffix("sses") || key.hasSuffix("xes") || key.hasSuffix("ches") || key.hasSuffix("shes") {
                return String(key.dropLast(2))
            }
            if key.hasSuffix("ss") || key.hasSuffix("us") || key.hasSuffix("is") { return key }
            let singular = String(key.dropLast())
            return Vocabulary.synonyms[singular] ?? singular
        }
    }
}
