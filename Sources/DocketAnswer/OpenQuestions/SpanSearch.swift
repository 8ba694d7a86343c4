import Foundation

extension OpenQuestionAnswerer {
    /// Scores every short run of words in a document as the answer to one question and keeps the best.
    struct SpanSearch {
        struct Candidate {
            let range: Range<Int>
            let features: SpanFeatures
            let score: Double
        }

        private let question: Question
        private let tokens: [PageToken]
        private let weights: Weights
        private let featureWeights: SpanFeatures
        /// Per question term: its share of the question's weight on this page (rarer words weigh more).
        private let termWeights: [Double]
        /// Per token: the question term it stands for, or nil.
        private let termAt: [TermMatcher.Match?]
        private let isCue: [Bool]
        private let isOpposingCue: [Bool]
        private let columns: TableColumns
        private let isListMarker: [Bool]
        private let addresses: AddressParts
        /// Where the document's own text ends: before a trailing "source: <link>" line, if any.
        private let textEnd: Int
        /// Per term and token position i: the last position <= i holding the term.
        private let previousOccurrence: [[Int?]]
        /// Per term and token position i: the first position >= i holding the term.
        private let nextOccurrence: [[Int?]]

        init(question: Question, sequence: TokenSequence, weights: Weights) {
            self.question = question
            self.weights = weights
            featureWeights = weights.featureWeights(expecting: question.expected)
            tokens = sequence.tokens
            let termAt = TermMatcher(terms: question.terms, nearStrength: weights.nearSpelling).matches(tokens.map(\.stem))
            self.termAt = termAt
            var occurrences = [Double](repeating: 0, count: question.terms.count)
            for match in termAt.compactMap({ $0 }) { occurrences[match.term] += match.strength }
            let tokenCount = Double(tokens.count)
            // Rarity on this page: a word the page uses once says more about where the answer is than one it uses often.
            let rarities = occurrences.map { $0 > 0 ? log(1 + tokenCount / $0) : 0 }
            // Words the page lacks still count in the whole, as much as the rarest word, so that a passage
            // sharing one word of a long question is not taken for one sharing them all.
            let missingWeight = weights.missingTermShare * log(1 + tokenCount)
            let totalRarity = rarities.reduce(0) { $0 + ($1 > 0 ? $1 : missingWeight) }
            termWeights = rarities.map { totalRarity > 0 ? $0 / totalRarity : 0 }
            isCue = tokens.map { question.cues.contains($0.stem) }
            isOpposingCue = tokens.map { question.opposingCues.contains($0.stem) }
            let tokens = self.tokens
            isListMarker = tokens.indices.map { ListMarker.isMarker(at: $0, in: tokens) }
            addresses = AddressParts(tokens: tokens)
            columns = TableColumns(tokens: tokens, isColumnTerm: termAt.map { match in
                match.map { question.terms[$0.term].contains(where: \.isNumber) } ?? false
            })
            var previous = [[Int?]](repeating: [Int?](repeating: nil, count: tokens.count), count: question.terms.count)
            var next = previous
            for term in question.terms.indices {
                var last: Int?
                for position in tokens.indices {
                    if termAt[position]?.term == term { last = position }
                    previous[term][position] = last
                }
                var following: Int?
                for position in tokens.indices.reversed() {
                    if termAt[position]?.term == term { following = position }
                    next[term][position] = following
                }
            }
            previousOccurrence = previous
            nextOccurrence = next
            textEnd = tokens.indices.suffix(3).last { tokens[$0].stem == "source" } ?? tokens.count
        }

        func best() -> Candidate? {
            candidates().max { $0.score < $1.score }
        }

        /// Every span that may be the answer, scored.
        func candidates() -> [Candidate] {
            let afterEnd = (0...tokens.count).map(featuresAfter(end:))
            var candidates: [Candidate] = []
            for start in tokens.indices where Self.canOpenSpan(tokens[start]) {
                let before = featuresBefore(start: start)
                var termsInside = 0
                var innerCommas = 0
                for end in (start + 1)...min(tokens.count, start + question.expected.longestSpan) {
                    let last = tokens[end - 1]
                    guard last.pageIndex == tokens[start].pageIndex else { break }
                    if termAt[end - 1] != nil { termsInside += 1 }
                    if end - 1 > start {
                        let inner = tokens[end - 2].shape
                        if inner.contains(.endsWithColon) || inner.contains(.endsSentence) { break }
                        if inner.contains(.endsWithComma) { innerCommas += 1 }
                    }
                    guard Self.canCloseSpan(last) else { continue }
                    // Institutions are named "X of Y" as well as "Y X": "university of minnesota", "board of ethics".
                    let opensWithHead = end - start > 2 && question.answerHead == tokens[start].stem && tokens[start + 1].stem == "of"
                    let endsWithHead = end - start > 1 && question.answerHead == last.stem || opensWithHead
                    let questionWords = endsWithHead ? termsInside - 1 : termsInside
                    guard questionWords < end - start else { continue }
                    let fit = fit(start..<end)
                    guard fit > 0 || !question.expected.isStrictlyTyped else { continue }
                    var features = before
                    features.merge(after: afterEnd[end])
                    addSpanFeatures(to: &features, span: start..<end, fit: fit, questionWords: questionWords,
                                    innerCommas: innerCommas, endsWithHead: endsWithHead)
                    candidates.append(Candidate(range: start..<end, features: features, score: features.score(featureWeights)))
                }
            }
            return candidates
        }

        private func fit(_ span: Range<Int>) -> Double {
            let fit = SpanFit.fit(tokens[span], for: question, addresses: addresses)
            // "4)" numbers an entry; it is seldom the figure asked for.
            if span.count == 1, isListMarker[span.lowerBound], question.expected != .pageNumber { return fit * Self.listMarkerFitShare }
            if question.expected == .person, cutsAName(span) { return fit * Self.cutNameFitShare }
            return fit
        }

        /// Whether the span holds only part of a person's name: a title or an initial opens it just
        /// before ("dr." before "c. baum"), or it stops at a middle initial ("dr. grace" before "a.
        /// goldsmith"), a degree ("jr.", "md") or a word that makes it a firm's ("harold levinson associates").
        private func cutsAName(_ span: Range<Int>) -> Bool {
            let first = tokens[span.lowerBound], last = tokens[span.upperBound - 1]
            if span.lowerBound > 0, !first.shape.contains(.personTitle) {
                let previous = tokens[span.lowerBound - 1]
                let opensTheName = previous.shape.contains(.personTitle) && !previous.shape.contains(.endsSentence)
                let earlierInitial = previous.shape.contains(.initial) && first.shape.contains(.initial)
                if previous.pageIndex == first.pageIndex, opensTheName || earlierInitial { return true }
            }
            guard span.upperBound < tokens.count else { return false }
            let next = tokens[span.upperBound]
            guard next.pageIndex == last.pageIndex, !last.shape.contains(.endsSentence) else { return false }
            if next.shape.contains(.nameSuffix) { return true }
            guard !last.shape.contains(.endsWithComma) else { return false }
            if next.shape.contains(.organisationWord) { return true }
            // A middle initial follows the first name: "dr. grace" before "a. goldsmith", "name william"
            // before "j. darby", but not "leroy gerald" before "r.j. reynolds" nor "j. charles" before "m. parrish".
            guard next.shape.contains(.initial) else { return false }
            let isGivenName = { (token: PageToken) in Vocabulary.givenNames.contains(token.key) }
            let words = tokens[span].filter { !$0.shape.contains(.personTitle) }
            if words.count == 1 { return words.count < span.count || isGivenName(last) }
            return isGivenName(last) && !words.dropLast().contains { isGivenName($0) || $0.shape.contains(.initial) }
        }

        /// Features of the span as a whole, beyond those of where it starts and ends.
        private func addSpanFeatures(to features: inout SpanFeatures, span: Range<Int>, fit: Double, questionWords: Int,
                                     innerCommas: Int, endsWithHead: Bool) {
            let start = span.lowerBound, end = span.upperBound, length = span.count
            features[.passage] = passage(start: start, end: end)
            features[.fit] = fit
            features[.endsWithHead] = endsWithHead ? 1 : 0
            features[.closing] = end == textEnd ? 1 : 0
            // The asked entry runs to the next marker.
            if features[.afterAskedMarker] > 0, end == textEnd || isListMarker[safe: end] == true {
                features[.wholeEntry] = 1
            }
            if length == 1, let runStart = columns.askedCell(at: start), termAt[start] == nil,
               labelWeight(from: runStart - 1, step: -1) > 0 {
                features[.askedCell] = 1
            }
            features[.edge] = max(0, 1 - Double(start) / Self.edgeWords, 1 - Double(textEnd - end) / Self.edgeWords)
            switch question.placeOnPage {
            case .top: features[.askedPlace] = max(0, 1 - Double(start) / Self.askedPlaceWords)
            case .bottom: features[.askedPlace] = max(0, 1 - Double(textEnd - end) / Self.askedPlaceWords)
            case nil: break
            }
            features[.termsInside] = Double(questionWords) / Double(length)
            features[.extraLength] = Double(max(0, length - question.expected.usualLength))
            features[.missingLength] = Double(max(0, question.expected.shortestUsual - length))
            features[.innerComma] = question.expected.allowsInnerComma ? 0 : Double(innerCommas)
            // After a cue the colon closes a salutation ("dear louis:"), not a label.
            features[.colonAtEnd] = tokens[end - 1].shape.contains(.endsWithColon) && features[.cue] == 0 ? 1 : 0
        }

        /// How many words from the top or bottom still count as the page's edge.
        private static let edgeWords = 6.0
        private static let listMarkerFitShare = 0.3
        /// How well part of a name answers a question asking for the person.
        private static let cutNameFitShare = 0.5
        /// How much the question's words before a span count, when a person is asked for and no colon
        /// marks them as the span's label.
        private static let unmarkedPositionShare = 0.6
        /// How many words after a figure the noun it counts may stand ("15 glistening white stories").
        private static let countedNounReach = 4
        /// How many words from the top or bottom a question's "at the top" or "at the bottom" reaches.
        private static let askedPlaceWords = 25.0

        private static func canOpenSpan(_ token: PageToken) -> Bool {
            token.shape.isDisjoint(with: [.functionWord, .punctuation, .link])
        }

        /// Not a function word ("9 am" aside).
        private static func canCloseSpan(_ token: PageToken) -> Bool {
            token.shape.isDisjoint(with: [.punctuation, .link])
                && (!token.shape.contains(.functionWord) || token.shape.contains(.meridiem))
        }

        // MARK: Features

        /// Features that depend only on where the span starts.
        private func featuresBefore(start: Int) -> SpanFeatures {
            var features = SpanFeatures()
            features[.labelBefore] = labelWeight(from: start - 1, step: -1)
            // A lone ":" ends with a colon too.
            if start > 0, tokens[start - 1].shape.contains(.endsWithColon) {
                features[.colonLabelBefore] = features[.labelBefore]
            } else if question.expected == .person {
                // "walter metcalfe, jr. president walter f. wrenn, jr. first vice-president": without a
                // colon, a position may belong to the name before it.
                features[.labelBefore] *= Self.unmarkedPositionShare
            }
            if start > 0 {
                features[.termsBefore] = fadingTermWeight(distances: { term in
                    previousOccurrence[term][start - 1].map { ($0, start - 1 - $0) }
                }, decay: weights.nearDecay, window: weights.nearWindow)
            }
            features[.cue] = cueWeight(before: start, cues: isCue)
            features[.opposingCue] = cueWeight(before: start, cues: isOpposingCue)
            let afterBreak = start == 0 || !tokens[start - 1].shape.isDisjoint(with: [.endsWithColon, .endsWithComma, .endsSentence, .punctuation])
            features[.cleanStart] = afterBreak && !endsRangeOpening(start) ? 1 : 0
            features[.opening] = start == 0 ? 1 : 0
            features[.afterAskedMarker] = followsAskedMarker(start) ? 1 : 0
            features[.earliness] = 1 - Double(start) / Double(tokens.count)
            return features
        }

        /// The span starts after the dash of a range whose first figure stands before it: "12:15 - 1:45".
        private func endsRangeOpening(_ start: Int) -> Bool {
            start >= 2 && ["-", "–", "—"].contains(tokens[start - 1].text) && tokens[start - 2].shape.contains(.hasDigit)
        }

        /// Features that depend only on where the span ends (`end` is exclusive).
        private func featuresAfter(end: Int) -> SpanFeatures {
            var features = SpanFeatures()
            features[.labelAfter] = labelWeight(from: end, step: 1)
            features[.termsAfter] = fadingTermWeight(distances: { term in
                nextOccurrence[term][safe: end].flatMap { $0 }.map { ($0, $0 - end) }
            }, decay: weights.nearDecay, window: weights.nearWindow)
            let closedByPunctuation = end > 0 && !tokens[end - 1].shape.isDisjoint(with: [.endsWithComma, .endsSentence])
            let followedByBreak = end == tokens.count || !tokens[end].shape.isDisjoint(with: [.punctuation, .endsWithColon])
                || isListMarker[end] || endsHeading(at: end)
            features[.cleanEnd] = closedByPunctuation || followedByBreak ? 1 : 0
            if let counted = question.countedNoun {
                features[.countedNounAfter] = tokens[end...].prefix(Self.countedNounReach).contains { $0.stem == counted } ? 1 : 0
            }
            return features
        }

        /// Headings give way to figures: "annual report of the committee 1979 the committee met ...".
        private func endsHeading(at end: Int) -> Bool {
            guard [.title, .subject, .documentType].contains(question.expected), end > 0, end < tokens.count else { return false }
            return tokens[end - 1].shape.contains(.alphabetic) && tokens[end].shape.contains(.hasDigit)
        }

        /// Question words around the span, fading with distance over a wider window.
        private func passage(start: Int, end: Int) -> Double {
            fadingTermWeight(distances: { term in
                let before = start > 0 ? previousOccurrence[term][start - 1].map { ($0, start - 1 - $0) } : nil
                let after = nextOccurrence[term][safe: end].flatMap { $0 }.map { ($0, $0 - end) }
                switch (before, after) {
                case let (before?, after?): return before.1 <= after.1 ? before : after
                default: return before ?? after
                }
            }, decay: weights.passageDecay, window: weights.passageWindow)
        }

        /// `distances` gives, for a term, the position of its occurrence that counts and how far that is from the span.
        private func fadingTermWeight(distances: (Int) -> (position: Int, distance: Int)?, decay: Double, window: Int) -> Double {
            var total = 0.0
            for term in termWeights.indices where termWeights[term] > 0 {
                guard let (position, distance) = distances(term), distance < window else { continue }
                total += termWeights[term] * (termAt[position]?.strength ?? 0) * pow(decay, Double(distance))
            }
            return total
        }

        /// The weight of the question words that run up to the span from `position` on, as a label
        /// does ("kind of water :" before the value); a few function words and punctuation may sit among them.
        private func labelWeight(from position: Int, step: Int) -> Double {
            var seen = Set<Int>()
            var weight = 0.0
            var functionWords = 0
            var position = position
            var steps = 0
            while tokens.indices.contains(position), steps < 8 {
                let token = tokens[position]
                // "... and supplier. the provisions": a sentence that ends before the span does not label it.
                if step < 0, token.shape.contains(.endsSentence) { break }
                if let match = termAt[position] {
                    if seen.insert(match.term).inserted { weight += termWeights[match.term] * match.strength }
                } else if token.shape.contains(.punctuation) {
                    // Skipped: ":" and "-" stand between labels and values.
                } else if token.shape.contains(.functionWord) || Self.isLabelFiller(token), functionWords < 2 {
                    functionWords += 1
                } else {
                    break
                }
                position += step
                steps += 1
            }
            return weight
        }

        /// A word such as "name" in "venue name:", which questions use as filler ("What is the venue
        /// name?") and so do not search for, but which labels hold.
        private static func isLabelFiller(_ token: PageToken) -> Bool {
            Vocabulary.questionFiller.contains(token.key)
        }

        /// Whether the asked entry's marker ("5." for the 5th item) stands right before `start`.
        private func followsAskedMarker(_ start: Int) -> Bool {
            guard let asked = question.listMarker else { return false }
            var position = start - 1
            if position >= 0, [".", ")", "-"].contains(tokens[position].text) { position -= 1 }
            return position >= 0 && isListMarker[position] && tokens[position].key == asked
        }

        /// 1 when a cue word stands right before `start`, 0.5 when one word lies between.
        private func cueWeight(before start: Int, cues: [Bool]) -> Double {
            var distance = 0
            var position = start - 1
            while position >= 0, distance < 2 {
                if tokens[position].shape.contains(.punctuation) {
                    position -= 1
                    continue
                }
                distance += 1
                if cues[position] { return distance == 1 ? 1 : 0.5 }
                position -= 1
            }
            return 0
        }
    }
}
