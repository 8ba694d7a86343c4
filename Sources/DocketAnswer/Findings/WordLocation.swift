/// Where a word of a report sits: its 1-based page number and its index in the page's `words`.
struct WordLocation: Sendable, Hashable {
    var page: Int
    var wordIndex: Int
}
