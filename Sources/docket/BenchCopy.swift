import ArgumentParser
import DocketModel
import DocketStore
import Foundation

struct BenchCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Fill an SQLite store with generated pages and time docket copy to PostgreSQL and back.",
        discussion: """
            The pages are documents of 10 pages each, every page about 300 words on 30 lines with their \
            boxes, and a few fields per document. The copy runs as `docket copy` does (one transaction \
            per document, then the comparison of both stores); the figures are pages per second for the \
            copy alone and with the comparison. --postgres must name an empty database.

            EXAMPLE
              docket bench copy --pages 1000 --postgres postgres://docket@127.0.0.1/docket_bench
            """)

    @Option(help: "Pages to generate.") var pages: Int = 1_000
    @Option(help: "An empty PostgreSQL database to copy into (and back out of).") var postgres: String

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-bench-copy-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sqlite = try withExitCodes { try StoreLocation(folder + "/source.sqlite").open() }
        let generated = Date()
        try fill(sqlite)
        print(String(format: "generated %d pages in %.1f s", pages, Date().timeIntervalSince(generated)))

        guard let source = sqlite as? any CopyableStore,
              let server = try withExitCodes({ try StoreLocation(postgres).open() }) as? any CopyableStore,
              let back = try withExitCodes({ try StoreLocation(folder + "/back.sqlite").open() }) as? any CopyableStore
        else { throw ExitCode.failure }
        try measure("SQLite -> PostgreSQL", from: source, to: server)
        try measure("PostgreSQL -> SQLite", from: server, to: back)
    }

    private func measure(_ label: String, from source: any CopyableStore, to destination: any CopyableStore) throws {
        let started = Date()
        var copied = started
        let report = try withExitCodes {
            try StoreCopier(source: source, destination: destination, merge: false).run { progress in
                if progress.documentsDone == progress.documentsTotal { copied = Date() }
            }
        }
        let finished = Date()
        let pagesCopied = Double(report.progress.pagesCopied)
        print(String(format: "%@: %.0f pages/s copying (%.1f s), %.0f pages/s with the comparison (%.1f s)%@", label,
                     pagesCopied / copied.timeIntervalSince(started), copied.timeIntervalSince(started),
                     pagesCopied / finished.timeIntervalSince(started), finished.timeIntervalSince(started),
                     report.differingTables.isEmpty ? "" : "; DIFFERS in \(report.differingTables.joined(separator: ", "))"))
    }

    private func fill(_ store: any Store) throws {
        var generator = SplitMix64(seed: 7)
        let words = ["total", "invoice", "amount", "date", "page", "report", "account", "number", "value", "section", "item", "paid"]
        let now = store.clock.now()
        var written = 0, document = 0
        while written < pages {
            let count = min(10, pages - written)
            let documentPages = (0..<count).map { number in
                gridPage((0..<30).map { _ in
                    (0..<10).map { _ in words[Int.random(in: 0..<words.count, using: &generator)] + String(Int.random(in: 0..<1000, using: &generator)) }
                        .joined(separator: " ")
                }, number: number + 1, confidence: 91)
            }
            let fields = [DocumentField(name: "total", answer: Answer(
                question: "total", text: documentPages[0].lines[0].text, value: nil, confidence: 0.7,
                evidence: Evidence(page: 1, box: documentPages[0].lines[0].box, wordIndices: documentPages[0].lines[0].wordIndices)))]
            try store.insertReadDocuments([ReadDocument(
                content: Array("bench copy \(document)".utf8), sha256: "bench-copy-\(document)", mediaType: .plainText,
                originalName: "doc-\(document).txt", submittedAt: now - Double(pages - written), pages: documentPages,
                type: .other, fields: fields)])
            written += count
            document += 1
        }
        try store.checkpoint()
    }
}
