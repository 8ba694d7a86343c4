import DocketFixtures
import Foundation
import Testing

/// Every command that prints JSON, run as the built binary: snake_case keys, RFC 3339 UTC times,
/// and one set of keys per resource whichever command prints it.
@Suite struct JSONConventionTests {
    private static let receipt = """
        KEDAI RUNCIT MAJU SDN BHD
        Date: 02/03/2026
        2 x Teh Tarik 6.00
        TOTAL RM 6.00
        CASH 10.00
        """

    private static var snakeCase: Regex<(Substring, Substring?)> { /[a-z][a-z0-9]*(_[a-z0-9]+)*/ }
    private static var rfc3339UTC: Regex<Substring> { /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/ }
    /// Anything that starts like a date and a time, however it goes on.
    private static var looksLikeATime: Regex<Substring> { /\d{4}-\d\d-\d\d[T ]\d\d:\d\d.*/ }

    /// What the JSON-printing commands printed, by command.
    private struct Printed {
        var outputs: [(command: String, json: Any)] = []
        /// The objects of one resource, by the command that printed them.
        var resources: [String: [(command: String, object: [String: Any])]] = [:]

        mutating func add(_ resource: String, _ command: String, _ objects: [Any]) {
            #expect(!objects.isEmpty, "\(command) printed no \(resource)")
            for object in objects {
                guard let object = object as? [String: Any] else {
                    Issue.record("\(command): a \(resource) that is not an object: \(object)")
                    continue
                }
                resources[resource, default: []].append((command, object))
            }
        }
    }

    private func run(_ docket: DocketProcess, _ arguments: [String], into printed: inout Printed) throws -> Any {
        let json = try docket.json(arguments)
        printed.outputs.append((arguments.joined(separator: " "), json))
        return json
    }

    /// Every key of `json` with the path to it, nested ones included.
    private static func keys(of json: Any, at path: String = "") -> [(path: String, key: String)] {
        if let object = json as? [String: Any] {
            return object.flatMap { key, value in [(path: path, key: key)] + keys(of: value, at: path + "." + key) }
        }
        if let array = json as? [Any] { return array.flatMap { keys(of: $0, at: path + "[]") } }
        return []
    }

    /// Every value of `json` with the key it stands under.
    private static func values(of json: Any, key: String = "") -> [(key: String, value: Any)] {
        if let object = json as? [String: Any] { return object.flatMap { values(of: $1, key: $0) } }
        if let array = json as? [Any] { return array.flatMap { values(of: $0, key: key) } }
        return [(key, json)]
    }

    @Test(arguments: StoreBackend.allCases)
    func everyCommandPrintsTheSameConvention(_ backend: StoreBackend) throws {
        let docket = try backend.docket()
        let scratch = try Scratch()
        let invoice = try scratch.write("northwind.pdf", Fixtures.textPDF([FixturePage(text: [
            "Northwind Office Supply", "INVOICE", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR",
        ], fontSize: 12)]))
        let receipt = try scratch.write("maju.txt", Array(Self.receipt.utf8))
        let note = try scratch.write("chest.txt", Array("CHEST X-RAY REPORT\nIMPRESSION: No pneumothorax.\n".utf8))
        let later = try scratch.write("later.txt", Array("a note for later\n".utf8))
        var printed = Printed()

        let submitted = try run(docket, ["submit", invoice, receipt, "--question", "What is the total due?", "--question", "Who signed?"],
                                into: &printed)
        let receipts = try #require(submitted as? [[String: Any]])
        printed.add("submit receipt", "submit", receipts)
        printed.add("document", "submit", receipts.compactMap { $0["document"] })
        printed.add("job", "submit", receipts.compactMap { $0["job"] })
        let study = try #require(try run(docket, ["submit", "--study", "CXR-1", note, "--key", "note-1"], into: &printed) as? [Any])
        printed.add("job", "submit --study", study.compactMap { ($0 as? [String: Any])?["job"] })
        let worker = try docket.run(["worker", "--drain"])
        #expect(worker.status == 0, "\(worker.stderr)")
        // Queued after the worker ended: a job that has not started, its times and progress null.
        _ = try run(docket, ["submit", later, "--not-before", "2d"], into: &printed)

        printed.add("job", "status", [try run(docket, ["status", "1"], into: &printed)])
        printed.add("job", "status (queued)", [try run(docket, ["status", "4"], into: &printed)])
        printed.add("job", "jobs", try #require(try run(docket, ["jobs"], into: &printed) as? [Any]))
        let stats = try #require(try run(docket, ["stats"], into: &printed) as? [String: Any])
        #expect(Set((stats["counts"] as? [String: Any]).map { Array($0.keys) } ?? []) == ["queued", "running", "succeeded", "failed", "dead", "cancelled"])
        printed.add("document", "documents", try #require(try run(docket, ["documents"], into: &printed) as? [Any]))
        let shown = try #require(try run(docket, ["show", "1"], into: &printed) as? [String: Any])
        printed.add("document", "show", [shown["document"] as Any])
        printed.add("page", "show", try #require(shown["pages"] as? [Any]))
        printed.add("document", "show (text)", [(try run(docket, ["show", "2"], into: &printed) as? [String: Any])?["document"] as Any])
        printed.add("answer", "answers", try #require(try run(docket, ["answers"], into: &printed) as? [Any]))
        let asked = try docket.run(["ask", "1", "What is the total due?", "--format", "json"])
        #expect(asked.status == 0, "\(asked.stderr)")
        let askedJSON = try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8))
        printed.outputs.append(("ask", askedJSON))
        let explained = try docket.run(["ask", "1", "What is the total due?", "Invoice date", "--explain", "--format", "json"])
        #expect(explained.status == 0, "\(explained.stderr)")
        printed.outputs.append(("ask --explain", try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8))))
        printed.add("answer", "ask", try #require(askedJSON as? [Any]))
        printed.add("field", "fields", try #require(try run(docket, ["fields", "--missing"], into: &printed) as? [Any]))
        printed.add("search hit", "search", try #require(try run(docket, ["search", "total"], into: &printed) as? [Any]))
        printed.add("study", "studies", try #require(try run(docket, ["studies"], into: &printed) as? [Any]))
        let report = try #require(try run(docket, ["report", "1"], into: &printed) as? [String: Any])
        printed.add("report", "report", [report])
        printed.add("answer", "report", try #require(report["answers"] as? [Any]))
        printed.add("field", "report", try #require(report["fields"] as? [Any]))
        let studyReport = try #require(try run(docket, ["report", "--study", "CXR-1"], into: &printed) as? [String: Any])
        printed.add("report", "report --study", try #require(studyReport["reports"] as? [Any]))

        for (table, resource) in [("documents", "document"), ("fields", "field"), ("answers", "answer")] {
            let array = try docket.run(["export", table, "--format", "json"])
            #expect(array.status == 0, "\(array.stderr)")
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(array.stdout.utf8)) as? [Any])
            printed.outputs.append(("export \(table) --format json", objects))
            printed.add(resource, "export \(table) --format json", objects)
            let lines = try docket.run(["export", table, "--format", "jsonl"])
            let rows = try lines.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
            printed.outputs.append(("export \(table) --format jsonl", rows))
            printed.add(resource, "export \(table) --format jsonl", rows)
        }

        for (command, json) in printed.outputs {
            for (path, key) in Self.keys(of: json) {
                #expect(key.wholeMatch(of: Self.snakeCase) != nil, "\(command): \(path).\(key) is not snake_case")
            }
            var times = 0
            for (key, value) in Self.values(of: json) {
                if key.hasSuffix("_at") {
                    #expect(value is NSNull || (value as? String)?.wholeMatch(of: Self.rfc3339UTC) != nil, "\(command): \(key) = \(value)")
                    times += value is String ? 1 : 0
                }
                if let text = value as? String, text.wholeMatch(of: Self.looksLikeATime) != nil {
                    #expect(text.wholeMatch(of: Self.rfc3339UTC) != nil, "\(command): \(key) = \(text) is not RFC 3339 UTC")
                }
            }
            if ["status 1", "jobs", "documents", "report 1"].contains(command) { #expect(times > 0, "\(command) printed no time") }
        }

        #expect(Set(printed.resources.keys) == [
            "submit receipt", "document", "job", "page", "answer", "field", "search hit", "study", "report",
        ])
        for (resource, printedBy) in printed.resources {
            let first = try #require(printedBy.first)
            let expected = Set(first.object.keys)
            for (command, object) in printedBy {
                #expect(Set(object.keys) == expected, "\(resource) from \(command) has other keys than from \(first.command)")
            }
        }
        let queued = try #require(printed.resources["job"]?.first { $0.command == "status (queued)" }?.object)
        #expect(queued["started_at"] is NSNull && queued["worker"] is NSNull && queued["idempotency_key"] is NSNull)
        #expect((queued["progress"] as? [String: Any])?["pages_total"] is NSNull)
        let keyed = try #require(printed.resources["job"]?.first { $0.command == "submit --study" }?.object)
        #expect(keyed["idempotency_key"] as? String == "note-1")
        let succeeded = try #require(printed.resources["job"]?.first { $0.command == "status" }?.object)
        #expect(succeeded["state"] as? String == "succeeded" && succeeded["finished_at"] is String && succeeded["id"] is Int)
    }

    @Test func evalScoresAreSnakeCaseInJSONAndCSV() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        _ = try scratch.write("maju.txt", Array(Self.receipt.utf8))
        let questions = try scratch.write("qa.jsonl", Array("""
            {"id": "q1", "document": "maju.txt", "question": "What is the total?", "answers": ["RM 6.00"], "kind": "field"}

            """.utf8))
        // DocketProcess gives the evaluation database with --db.
        let result = try docket.run(["eval", questions, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let scores = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let keys: Set<String> = [
            "kind", "questions", "scored", "answered", "anls", "exact_match", "coverage", "f1_of_yes", "confident", "confident_right",
        ]
        #expect(Set(scores.first.map { Array($0.keys) } ?? []) == keys.union(["cross_validated"]))
        #expect(scores.first?["cross_validated"] is NSNull)
        let csv = try docket.run(["eval", questions, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("kind,questions,scored,anls,exact_match,coverage,f1_of_yes,cross_validated_anls\r\n"), "\(csv.stdout)")

        // Cross-validated, the same figures sit under "cross_validated" in the same shape.
        let twoReceipts = try scratch.write("qa2.jsonl", Array("""
            {"id": "q1", "document": "maju.txt", "question": "What is the total?", "answers": ["RM 6.00"], "kind": "field"}
            {"id": "q2", "document": "maju-copy.txt", "question": "What is the total?", "answers": ["RM 6.00"], "kind": "field"}

            """.utf8))
        _ = try scratch.write("maju-copy.txt", Array((Self.receipt + "\nThank you\n").utf8))
        let folded = try docket.run(["eval", twoReceipts, "--folds", "2", "--format", "json"])
        #expect(folded.status == 0, "\(folded.stderr)")
        let foldedScores = try #require(try JSONSerialization.jsonObject(with: Data(folded.stdout.utf8)) as? [[String: Any]])
        let heldOut = try #require(foldedScores.first?["cross_validated"] as? [String: Any])
        #expect(Set(heldOut.keys) == keys)
        #expect(heldOut["questions"] as? Int == 2)
        let refused = try docket.run(["eval", twoReceipts, "--folds", "1"])
        #expect(refused.status == 64 && refused.stderr.contains("--folds must be 2 or more"), "\(refused.stderr)")
    }
}
