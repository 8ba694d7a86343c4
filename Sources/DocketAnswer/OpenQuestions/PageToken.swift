extension OpenQuestionAnswerer {
    /// One word of the document in reading order, with where it stands and how it compares.
    struct PageToken: Sendable {
        /// Index into the pages handed to the answerer.
        let pageIndex: Int
        /// Index into that page's words.
        let wordIndex: Int
        let text: String
        let stem: String
        let shape: WordShape

        init(pageIndex: Int, wordIndex: Int, text: String) {
            self.pageIndex = pageIndex
            self.wordIndex = wordIndex
            self.text = text
            let key = WordForms.key(of: text)
            stem = WordForms.stem(ofKey: key)
            shape = WordShape(of: text, key: key)
        }
    }
}
