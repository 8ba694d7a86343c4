import DocketTestDatabases
import Foundation
import Testing

/// The same documents read on SQLite and on PostgreSQL give the same results: every command's
/// output, once ids and times (which differ between any two runs) are left out, is the same.
@Suite struct BackendParityTests {
    private static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Samples")

    /// A text-layer PDF, a scanned image, a plain-text report and a DICOM image, each with its question.
    private static let files: [(name: String, question: String?)] = [
        ("invoice.pdf", "What is the total due?"), ("receipt.png", "What is the total?"),
        ("radiology-report.txt", "What is the impression?"), ("chest-xray.dcm", nil),
    ]

    private func readSamples(_ docket: DocketProcess) throws {
        for file in Self.files {
            let path = Self.samples.appending(path: file.name).path
            let submitted = try docket.run(["submit", path] + (file.question.map { ["--question", $0] } ?? []))
            #expect(submitted.status == 0, "\(submitted.stderr)")
        }
        let worker = try docket.run(["worker", "--drain", "--concurrency", "2"], environment: ["OMP_THREAD_LIMIT": "1"])
        #expect(worker.status == 0, "\(worker.stderr)")
    }

    /// `docket export TABLE` as JSON Lines, without the keys that name ids or times, sorted.
    private func export(_ docket: DocketProcess, _ table: String) throws -> [String] {
        let result = try docket.run(["export", table, "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            try Self.comparable(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }.sorted()
    }

    /// The object as sorted-key JSON without ids, times and (for search hits) rank and snippet.
    private static func comparable(_ object: [String: Any], leaving extra: Set<String> = []) throws -> String {
        var object = object
        for key in object.keys {
            let lowered = key.lowercased()
            if lowered == "id" || lowered.hasSuffix("id") || lowered.hasSuffix("_at") || lowered.hasSuffix("seconds") || extra.contains(key) {
                object.removeValue(forKey: key)
            }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func samplesReadOnBothBackendsExportTheSame() throws {
        let sqlite = DocketProcess()
        let postgres = DocketProcess(database: try ThrowawayPostgres.newDatabase())
        try readSamples(sqlite)
        try readSamples(postgres)
        for table in ["documents", "fields", "answers"] {
            let onSQLite = try export(sqlite, table)
            #expect(!onSQLite.isEmpty)
            #expect(try export(postgres, table) == onSQLite, "docket export \(table) differs")
        }
        for command in [["jobs"], ["answers"], ["studies"], ["stats"]] {
            let onSQLite = try sqlite.run(command), onPostgres = try postgres.run(command)
            #expect(onPostgres.status == onSQLite.status, "docket \(command[0]): \(onPostgres.stderr)")
        }
        let search = ["search", "total"]
        let hitsOnSQLite = try sqlite.run(search + ["--format", "json"]), hitsOnPostgres = try postgres.run(search + ["--format", "json"])
        #expect(hitsOnPostgres.status == 0 && hitsOnSQLite.status == 0, "\(hitsOnPostgres.stderr)")
        func pagesFound(_ output: String) throws -> [String] {
            let hits = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
            return try hits.map { try Self.comparable($0, leaving: ["rank", "snippet"]) }.sorted()
        }
        // The same pages match; ranking differs between FTS5's bm25 and PostgreSQL's ts_rank.
        #expect(try pagesFound(hitsOnPostgres.stdout) == pagesFound(hitsOnSQLite.stdout))
    }
}
