import DocketFixtures
import Foundation
import Testing

@Suite struct LayoutCLITests {
    @Test func aFormsLayoutIsStoredAndShownAndItsCheckboxesAnswerQuestions() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let pdf = try scratch.write("form.pdf", Fixtures.textPDF([LayoutFixtures.form]))
        let scan = try scratch.write("form.png", Fixtures.png(LayoutFixtures.form))
        let submitted = try docket.run(["submit", pdf, scan, "--question", "Is the box 'urgent' ticked?"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let worker = try docket.run(["worker", "--drain"])
        #expect(worker.status == 0, "\(worker.stderr)")

        for document in ["1", "2"] {
            let shown = try #require(try docket.json(["show", document]) as? [String: Any])
            let page = try #require((shown["pages"] as? [[String: Any]])?.first)
            let layout = try #require(page["layout"] as? [String: Any])
            let checkboxes = try #require(layout["checkboxes"] as? [[String: Any]])
            let states = checkboxes.compactMap { checkbox in
                (checkbox["label_text"] as? String).map { ($0, checkbox["checked"] as? Bool ?? false) }
            }
            #expect(states.map(\.0) == LayoutFixtures.formCheckboxes.map(\.label), "document \(document)")
            #expect(states.map(\.1) == LayoutFixtures.formCheckboxes.map(\.ticked), "document \(document)")
            let tables = try #require(layout["tables"] as? [[String: Any]])
            let cells = try #require(tables.first?["cells"] as? [[String: Any]])
            #expect(cells.count == 16)
            #expect(cells.first { $0["row"] as? Int == 2 && $0["column"] as? Int == 1 }?["text"] as? String == "5000 IU")
            #expect((layout["blocks"] as? [[String: Any]])?.first?["kind"] as? String == "heading")
        }

        let text = try docket.run(["show", "1"])
        #expect(text.stdout.contains("[x] Urgent"))
        #expect(text.stdout.contains("[ ] New patient"))
        #expect(text.stdout.contains("| Heparin | 5000 IU | subcutaneous | 2 |"))

        let stored = try docket.rows("SELECT a.answer FROM answers a ORDER BY a.document_id")
        #expect(stored == [["yes"], ["yes"]])
        let ticked = try docket.run(["ask", "2", "Is 'Referral attached' checked?"])
        #expect(ticked.status == 0)
        #expect(ticked.stdout.contains("yes"))
        let empty = try docket.run(["ask", "1", "Is the box 'new patient' ticked?"])
        #expect(empty.stdout.contains("no"))
        let missing = try docket.run(["ask", "1", "Is the box 'smoker' ticked?"])
        #expect(missing.status == 3)
        let counts = try docket.rows("""
            SELECT (SELECT count(*) FROM checkboxes WHERE checked = 1), (SELECT count(*) FROM table_cells),
                   (SELECT count(*) FROM key_values WHERE relation = 'below')
            """)
        #expect(counts == [["6", "32", "2"]])
    }
}
