import ArgumentParser
import DocketModel
import DocketStore
import Foundation

struct BenchSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Fill a store with generated pages and measure search and fields latency and the size per page.",
        discussion: """
            Half the pages are one-page receipts (about 60 words, with vendor, date, address and total
            fields), half are pages of a letter (about 300 words drawn from a vocabulary of 5,000 with
            a Zipf distribution). Each query runs --runs times; the median is reported. Rows are
            fetched and decoded as the commands do, but not printed.

            EXAMPLE
              docket bench search --pages 10000
            """)

    @Option(help: "Pages to generate.") var pages: Int = 10_000
    @Option(help: "Runs of each query.") var runs: Int = 7
    @Option(help: "Database to use; a new temporary one by default.") var db: String?

    func run() throws {
        let path = db ?? FileManager.default.temporaryDirectory.appending(path: "docket-bench-\(UUID().uuidString)/bench.sqlite").path
        let store = try withExitCodes { try StoreLocation(path).open() }
        print("database: \(path)")
        let started = Date()
        var generator = SplitMix64(seed: 42)
        let vocabulary = (0..<5_000).map { Self.word(number: $0) }
        var written = 0
        let now = store.clock.now()
        while written < pages {
            var batch: [ReadDocument] = []
            for _ in 0..<min(250, pages - written) {
                let number = written
                written += 1
                let isReceipt = number % 2 == 0
                let lines = isReceipt ? Self.receipt(number, using: &generator) : Self.letterPage(vocabulary, using: &generator)
                let page = gridPage(lines, confidence: 92)
                batch.append(ReadDocument(
                    content: Array("bench \(number)".utf8), sha256: "bench-\(number)", mediaType: .plainText,
                    originalName: "doc-\(number).txt", submittedAt: now - Double(pages - number) * 60, pages: [page],
                    type: isReceipt ? .receipt : .letter, fields: isReceipt ? Self.receiptFields(page) : []))
            }
            try store.insertReadDocuments(batch)
        }
        try store.checkpoint()
        print(String(format: "generated %d pages in %.1f s", pages, Date().timeIntervalSince(started)))
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "store size: %.1f MiB, %.1f KiB per page", Double(bytes) / 1_048_576, Double(bytes) / 1024 / Double(pages)))

        func measure(_ label: String, _ body: () throws -> Int) rethrows {
            var seconds: [Double] = []
            var count = 0
            for _ in 0..<runs {
                let start = Date()
                count = try body()
                seconds.append(Date().timeIntervalSince(start))
            }
            let median = seconds.sorted()[seconds.count / 2]
            print(label.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: " median %7.2f ms  (%d rows)", median * 1000, count))
        }
        for query in ["total", "\"tax invoice\"", "kuala*", "\(vocabulary[40]) \(vocabulary[900])", "\(vocabulary[4_900])", "cash NOT change"] {
            try measure("search \(query)") { try store.search(query, in: DocumentFilter(), limit: 20).count }
        }
        try measure("search total --type receipt --since 1d") {
            try store.search("total", in: DocumentFilter(type: .receipt, since: now - 86_400), limit: 20).count
        }
        try measure("fields --name total (every receipt)") { try store.fields(named: "total").count }
        try measure("fields --name total --min-confidence 0.8") { try store.fields(named: "total", minimumConfidence: 0.8).count }
        try measure("fields --type receipt --since 1d") {
            try store.fields(of: DocumentFilter(type: .receipt, since: now - 86_400)).count
        }
    }

    private static let vendors = ["KEDAI RUNCIT MAJU SDN BHD", "CAFE LINDENHOF", "99 SPEED MART S/B", "MR. D.I.Y. (M) SDN BHD", "AEON CO. (M) BHD"]
    private static let streets = ["JALAN AMPANG", "JALAN TUN RAZAK", "JALAN SS 15/4", "LORONG BUNGA", "JALAN KAPAR"]
    private static let cities = ["50450 KUALA LUMPUR", "47500 SUBANG JAYA", "41150 KLANG", "40000 SHAH ALAM"]

    private static func receipt(_ number: Int, using generator: inout SplitMix64) -> [String] {
        var lines = [vendors[number % vendors.count], "NO \(number % 90 + 1), \(streets[number % streets.count]),", cities[number % cities.count],
                     "TAX INVOICE", "Date: \(String(format: "%02d/%02d/2026", number % 28 + 1, number % 12 + 1))"]
        var total = 0
        for item in 0..<Int.random(in: 3...9, using: &generator) {
            let cents = Int.random(in: 100...5_000, using: &generator)
            total += cents
            lines.append("ITEM \(item + 1) x1 \(cents / 100).\(String(format: "%02d", cents % 100))")
        }
        lines += ["TOTAL RM \(total / 100).\(String(format: "%02d", total % 100))", "CASH \(total / 100 + 1).00", "Thank you"]
        return lines
    }

    private static func letterPage(_ vocabulary: [String], using generator: inout SplitMix64) -> [String] {
        (0..<30).map { _ in
            (0..<10).map { _ in
                // Zipf: the word of rank r is drawn with probability proportional to 1/r.
                let rank = Int(exp(Double.random(in: 0..<log(Double(vocabulary.count)), using: &generator)))
                return vocabulary[min(rank, vocabulary.count - 1)]
            }.joined(separator: " ")
        }
    }

    private static func word(number: Int) -> String {
        let syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "pe", "dor", "vi", "na", "gle", "but"]
        var value = number + 12
        var word = ""
        while value > 0 {
            word += syllables[value % syllables.count]
            value /= syllables.count
        }
        return word
    }

    private static func receiptFields(_ page: Page) -> [DocumentField] {
        func field(_ name: String, line: Int, value: NormalizedValue? = nil) -> DocumentField {
            let text = page.lines[line].text
            return DocumentField(name: name, answer: Answer(
                question: name, text: text, value: value, confidence: 0.6 + Double(line % 4) / 10,
                evidence: Evidence(page: 1, box: page.lines[line].box, wordIndices: page.lines[line].wordIndices)))
        }
        let totalLine = page.lines.count - 3
        let total = page.lines[totalLine].text.split(separator: " ").last.map(String.init) ?? "0"
        return [field("vendor", line: 0), field("address", line: 1), field("date", line: 4),
                field("total", line: totalLine, value: NormalizedValue(kind: .amount, text: total, unit: "MYR"))]
    }
}
