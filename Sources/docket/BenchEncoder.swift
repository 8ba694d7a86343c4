import ArgumentParser
import DocketEncoder
import DocketModel
import Foundation

struct BenchEncoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder",
        abstract: "Measure the sentence encoder: sentences per second on one thread, and the time to embed a page's lines.",
        discussion: """
            Embeds --sentences generated lines of 8 words (drawn from words common on invoices, \
            letters and reports) in batches of --batch, on one thread, after one batch to warm up. \
            A page is 40 such lines embedded in one call; its time is the median of --pages pages. \
            The model is the installed one (see `SentenceEncoder.installed`: $DOCKET_ENCODER_DIR when set, \
            else share/docket/encoder/all-MiniLM-L6-v2 beside the executable, in /usr/local and in /usr).

            EXAMPLE
              docket bench encoder --sentences 2000 --batch 32
            """)

    @Option(help: "Sentences to embed for the sentences/s figure.") var sentences: Int = 2_000
    @Option(help: "Sentences per batch.") var batch: Int = SentenceEncoder.defaultBatchSize
    @Option(help: "Pages to time; the median is reported.") var pages: Int = 9
    @Option(help: BenchFormat.help) var format: BenchFormat = .text

    static let linesPerPage = 40
    static let wordsPerLine = 8

    func validate() throws {
        guard sentences > 0, batch > 0, pages > 0 else { throw ValidationError("--sentences, --batch and --pages must be positive.") }
    }

    struct Summary: Encodable {
        var sentences: Int
        var batch: Int
        var tokensPerSentence: Double
        var loadSeconds: Double
        var sentencesPerSecond: Double
        var linesPerPage: Int
        var secondsPerPage: Double

        enum CodingKeys: String, CodingKey {
            case sentences, batch
            case tokensPerSentence = "tokens_per_sentence", loadSeconds = "load_seconds", sentencesPerSecond = "sentences_per_second"
            case linesPerPage = "lines_per_page", secondsPerPage = "seconds_per_page"
        }
    }

    func run() throws {
        let loadStarted = ContinuousClock.now
        let encoder = try SentenceEncoder.installed()
        let loadSeconds = (ContinuousClock.now - loadStarted).inSeconds

        var generator = SplitMix64(seed: 42)
        let lines = (0..<sentences).map { _ in Self.line(using: &generator) }
        _ = encoder.embed(Array(lines.prefix(batch)), batchSize: batch)

        let started = ContinuousClock.now
        let vectors = encoder.embed(lines, batchSize: batch)
        let seconds = (ContinuousClock.now - started).inSeconds
        precondition(vectors.count == lines.count)

        var pageSeconds: [Double] = []
        for _ in 0..<pages {
            let page = (0..<Self.linesPerPage).map { _ in Self.line(using: &generator) }
            let pageStarted = ContinuousClock.now
            _ = encoder.embed(page, batchSize: batch)
            pageSeconds.append((ContinuousClock.now - pageStarted).inSeconds)
        }

        let summary = Summary(
            sentences: sentences, batch: batch,
            tokensPerSentence: Double(lines.reduce(0) { $0 + encoder.tokenIDs($1).count }) / Double(lines.count),
            loadSeconds: loadSeconds, sentencesPerSecond: Double(sentences) / seconds,
            linesPerPage: Self.linesPerPage, secondsPerPage: pageSeconds.sorted()[pageSeconds.count / 2])
        switch format {
        case .text:
            print(String(format: "model load:          %8.2f s", summary.loadSeconds))
            print(String(format: "tokens per sentence: %8.1f (with [CLS] and [SEP])", summary.tokensPerSentence))
            print(String(format: "sentences/s:         %8.1f (%d sentences, batches of %d, one thread)",
                         summary.sentencesPerSecond, sentences, batch))
            print(String(format: "per page:            %8.1f ms (%d lines of %d words, median of %d pages)",
                         1000 * summary.secondsPerPage, Self.linesPerPage, Self.wordsPerLine, pages))
        case .json:
            try Output.json(summary)
        }
    }

    private static let words = [
        "invoice", "total", "amount", "due", "date", "payment", "customer", "account", "number", "address",
        "patient", "report", "results", "normal", "findings", "the", "of", "and", "to", "for", "with", "on",
        "please", "pay", "within", "days", "balance", "tax", "net", "gross", "order", "delivery", "service",
        "period", "reference", "signed", "doctor", "hospital", "examination", "chest", "no", "effusion",
        "contract", "agreement", "party", "terms", "notice", "letter", "dear", "sincerely", "company",
        "street", "city", "phone", "email", "item", "quantity", "price", "discount", "shipping",
    ]

    private static func line(using generator: inout SplitMix64) -> String {
        (0..<wordsPerLine).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
    }
}
