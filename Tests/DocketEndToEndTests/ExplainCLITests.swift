import DocketFixtures
import Foundation
import Testing

/// `docket ask --explain` and the answerer each stored answer names, through the built binary.
@Suite struct ExplainCLITests {
    static let invoice = FixturePage(
        text: ["Northwind Office Supply", "Invoice number: NW-2026-0314", "Invoice date: 2026-03-14", "Total due: 1,237.60 EUR"],
        fontSize: 14)
    static let questions = ["What is the total due?", "Invoice date", "Who signed the contract?"]

    /// A JSON value as text with its keys sorted, for comparing values parsed apart.
    static func canonical(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [value ?? NSNull()], options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func theExplanationsWinnerIsTheAnswerTheWorkerStored() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pdf = try scratch.write("invoice.pdf", Fixtures.textPDF([Self.invoice]))
        let submitted = try docket.run(["submit", pdf] + Self.questions.flatMap { ["--question", $0] })
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let worker = try docket.run(["worker", "--drain"])
        #expect(worker.status == 0, "\(worker.stderr)")

        let stored = try #require(try docket.json(["answers", "--document", "1"]) as? [[String: Any]])
        #expect(stored.count == Self.questions.count)
        let asked = try docket.run(["ask", "1"] + Self.questions + ["--explain", "--format", "json"])
        #expect(asked.status == 3, "one question has no answer: \(asked.stderr)")
        let explained = try #require(try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [[String: Any]])
        #expect(explained.count == Self.questions.count)

        for question in Self.questions {
            let answer = try #require(stored.first { $0["question"] as? String == question })
            let shown = try #require(explained.first { $0["question"] as? String == question })
            let explanation = try #require(shown["explanation"] as? [String: Any])
            for key in ["answer", "value", "confidence", "evidence", "answered_by"] {
                #expect(try Self.canonical(shown[key]) == Self.canonical(answer[key]), "\(question): \(key)")
            }
            #expect(explanation["decided_by"] as? String == answer["answered_by"] as? String, "\(question)")
            let reason = try #require(explanation["reason"] as? String)
            let attempts = try #require(explanation["attempts"] as? [[String: Any]])
            let candidates = try #require(explanation["candidates"] as? [[String: Any]])
            #expect(!attempts.isEmpty && candidates.count <= 5)
            if let text = answer["answer"] as? String {
                let decider = try #require(answer["answered_by"] as? String)
                #expect(reason.hasPrefix("\(decider): "), "\(reason)")
                #expect(attempts.last?["answerer"] as? String == decider)
                #expect(attempts.last?["outcome"] as? String == "answered")
                #expect(candidates.first?["text"] as? String == text, "\(question)")
                #expect(try Self.canonical(candidates.first?["evidence"]) == Self.canonical(answer["evidence"]))
            }
        }
        let total = try #require(stored.first { $0["question"] as? String == "What is the total due?" })
        #expect(total["answer"] as? String == "1,237.60 EUR" && total["answered_by"] as? String == "label")
        let date = try #require(stored.first { $0["question"] as? String == "Invoice date" })
        #expect(date["answered_by"] as? String == "form_key_value")
        let dateExplanation = try #require(explained.first { $0["question"] as? String == "Invoice date" }?["explanation"] as? [String: Any])
        let dateCandidates = try #require(dateExplanation["candidates"] as? [[String: Any]])
        #expect(dateCandidates.first?["score"] is Double)
        #expect(!(try #require(dateCandidates.first?["features"] as? [[String: Any]])).isEmpty, "a learned model names its features")

        let text = try docket.run(["ask", "1", "Invoice date", "--explain"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("answered by form_key_value"))
        #expect(text.stdout.contains("answerers tried, in order:"))
        #expect(text.stdout.contains("top candidates of form_key_value:"))
        #expect(text.stdout.contains("features: "))
        #expect(text.stdout.contains("why: form_key_value: highest score"))

        let table = try docket.run(["answers"])
        #expect(table.stdout.contains("ANSWERED BY") && table.stdout.contains("form_key_value"))
        #expect(try docket.run(["ask", "1", "Invoice date", "--explain", "--format", "csv"]).status != 0)
    }
}
