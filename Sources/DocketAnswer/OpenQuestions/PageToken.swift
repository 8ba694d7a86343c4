extension OpenQuestionAnswerer {
    /// One word of the document in reading order, with where it stands and how it compares.
    struct PageToken: Sendable {
        /// Index into the pages handed to the answerer.
        let pageIndex: Int
        /// Indices into that page's words: one, or the pieces of a figure OCR split ("10," "000").
        let wordIndices: [Int]
        let text: String
        /// The word as the vocabularies list it: lower case, without the punctuation around it.
        let key: String
        let stem: String
        let shape: WordShape

        init(pageIndex: Int, wordIndices: [Int], text: String) {
            self.pageIndex = pageIndex
            self.wordIndices = wordIndices
            self.text = text
            key = WordNormalizer.comparisonKey(text)
            stem = WordNormalizer.stem(ofKey: key)
            shape = WordShape(of: text, key: key)
        }
    }
}
