extension OpenQuestionAnswerer {
    /// Decides which page words stand for which question words: the same stem, or a near spelling
    /// (an OCR slip such as "testel" for "tester", or another form such as "treating" for "treatment").
    struct TermMatcher: Sendable {
        struct Match: Sendable {
            let term: Int
            /// 1 for the same stem, less for a near spelling.
            let strength: Double
        }

        private let terms: [String]
        private let nearStrength: Double
        private let exact: [String: Int]

        init(terms: [String], nearStrength: Double) {
            self.terms = terms
            self.nearStrength = nearStrength
            exact = Dictionary(terms.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// The question term each stem stands for, looked up once per distinct stem.
        func matches(_ stems: [String]) -> [Match?] {
            var cache: [String: Match?] = [:]
            return stems.map { stem in
                if let known = cache[stem] { return known }
                let found = match(stem)
                cache[stem] = found
                return found
            }
        }

        private func match(_ stem: String) -> Match? {
            if let term = exact[stem] { return Match(term: term, strength: 1) }
            guard stem.count >= Self.shortestNearWord, stem.allSatisfy(\.isLetter) else { return nil }
            for (index, term) in terms.enumerated() where term.count >= Self.shortestNearWord && term.allSatisfy(\.isLetter) {
                if Self.sharePrefix(stem, term) || Self.oneEditApart(Array(stem), Array(term)) {
                    return Match(term: index, strength: nearStrength)
                }
            }
            return nil
        }

        /// Shorter words differ in meaning by a letter too often ("cost", "cast").
        private static let shortestNearWord = 5

        private static func sharePrefix(_ a: String, _ b: String) -> Bool {
            let shared = zip(a, b).prefix { $0 == $1 }.count
            return shared >= shortestNearWord && abs(a.count - b.count) <= 3
        }

        private static func oneEditApart(_ a: [Character], _ b: [Character]) -> Bool {
            guard abs(a.count - b.count) <= 1 else { return false }
            var i = 0, j = 0, edits = 0
            while i < a.count, j < b.count {
                if a[i] == b[j] {
                    i += 1
                    j += 1
                    continue
                }
                edits += 1
                if edits > 1 { return false }
                if a.count > b.count { i += 1 } else if b.count > a.count { j += 1 } else { i += 1; j += 1 }
            }
            return edits + (a.count - i) + (b.count - j) <= 1
        }
    }
}
