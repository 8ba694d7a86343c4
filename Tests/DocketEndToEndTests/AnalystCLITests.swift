import DocketFixtures
import Foundation
import Testing

/// The commands analysts read results with, run as the built binary on documents read by a real worker.
@Suite struct AnalystCLITests {
    private static let receipt = """
        KEDAI RUNCIT MAJU SDN BHD
        NO 12, JALAN AMPANG, 50450 KUALA LUMPUR
        Date: 02/03/2026
        2 x Teh Tarik 6.00
        TOTAL RM 6.00
        CASH 10.00
        CHANGE 4.00
        Thank you, please come again
        """

    private static let otherReceipt = """
        CAFE LINDENHOF SDN BHD
        NO 7, JALAN TUN RAZAK, 50400 KUALA LUMPUR
        Date: 15/03/2026
        Cheesecake 12.50
        TOTAL RM 12.50
        CASH 20.00
        CHANGE 7.50
        Thank you
        """

    /// A folder of two receipts and a PDF invoice (one in a subfolder), a hidden file and a file
    /// Docket cannot read, submitted with --recursive and read by a worker.
    private func readFolder() throws -> (DocketProcess, Scratch) {
        let docket = DocketProcess()
        let scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.folder.appending(path: "inbox/march"), withIntermediateDirectories: true)
        _ = try scratch.write("inbox/maju.txt", Array(Self.receipt.utf8))
        _ = try scratch.write("inbox/march/lindenhof.txt", Array(Self.otherReceipt.utf8))
        _ = try scratch.write("inbox/march/northwind.pdf", Fixtures.textPDF([FixturePage(text: [
            "Northwind Office Supply", "INVOICE", "Invoice number: NW-2026-0314", "Invoice date: 2026-03-14",
            "Due date: 2026-04-13", "Total due: 1,237.60 EUR", "Payment terms: 30 days net",
        ], fontSize: 12)]))
        _ = try scratch.write("inbox/.DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31])
        _ = try scratch.write("inbox/archive.zip", [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0])

        let worker = try docket.start(["worker", "--concurrency", "2"])
        defer {
            worker.terminate()
            worker.waitUntilExit()
        }
        let submitted = try docket.run(["submit", "--recursive", scratch.folder.appending(path: "inbox").path, "--wait"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stderr.contains("skipped \(scratch.folder.appending(path: "inbox/archive.zip").path): not a type Docket reads"))
        #expect(!submitted.stderr.contains(".DS_Store"))
        #expect(submitted.stdout.split(separator: "\n").count == 3)
        return (docket, scratch)
    }

    @Test func fieldsLineUpTheSameFieldAcrossDocuments() throws {
        let (docket, _) = try readFolder()
        let totals = try docket.run(["fields", "--name", "total", "--format", "csv"])
        #expect(totals.status == 0, "\(totals.stderr)")
        let records = csvRecords(totals.stdout)
        #expect(records.first == [
            "document_id", "document_name", "document_type", "name", "text", "value", "value_kind", "value_unit", "confidence", "page",
            "x0", "y0", "x1", "y1",
        ])
        let rows = records.dropFirst()
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0[1].components(separatedBy: "/").last ?? "", $0) })
        #expect(byName["maju.txt"]?[2] == "receipt" && byName["maju.txt"]?[5] == "6.00" && byName["maju.txt"]?[7] == "MYR")
        #expect(byName["lindenhof.txt"]?[5] == "12.50")
        #expect(byName["northwind.pdf"]?[2] == "invoice" && byName["northwind.pdf"]?[5] == "1237.60" && byName["northwind.pdf"]?[7] == "EUR")
        #expect(byName["northwind.pdf"]?[4] == "1,237.60 EUR")

        let receipts = try #require(try docket.json(["fields", "--type", "receipt", "--name", "date"]) as? [[String: Any]])
        let dates = receipts.compactMap { $0["value"] as? [String: Any] }
        #expect(Set(dates.compactMap { $0["text"] as? String }) == ["2026-03-02", "2026-03-15"])

        let documents = try docket.run(["documents", "--type", "invoice", "--format", "csv"])
        #expect(documents.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
    }

    @Test func searchRanksPagesAndMarksTheMatches() throws {
        let (docket, _) = try readFolder()
        let hits = try docket.run(["search", "cash", "--format", "csv"])
        #expect(hits.status == 0, "\(hits.stderr)")
        let rows = hits.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows.dropFirst().allSatisfy { $0.contains("[CASH]") })

        let phrase = try docket.run(["search", "\"teh tarik\""])
        #expect(phrase.stdout.contains("maju.txt") && !phrase.stdout.contains("lindenhof"))
        #expect(phrase.stdout.contains("[Teh Tarik]"))
        let prefix = try docket.run(["search", "North*", "--type", "invoice"])
        #expect(prefix.stdout.contains("northwind.pdf  document"))
        let future = try docket.run(["search", "total", "--since", "2999-01-01"])
        #expect(future.status == 0 && future.stdout.isEmpty)
        let empty = try docket.run(["search", "\"\""])
        #expect(empty.status == 64 && empty.stderr.contains("has no words"))
    }

    @Test func sqlReadsTheViewsAndRefusesWrites() throws {
        let (docket, _) = try readFolder()
        let types = try docket.run(["sql", "SELECT type, count(*) AS n FROM docket_documents GROUP BY type ORDER BY type", "--format", "csv"])
        #expect(types.status == 0, "\(types.stderr)")
        #expect(types.stdout == "type,n\r\ninvoice,1\r\nreceipt,2\r\n")

        for statement in ["DELETE FROM jobs", "UPDATE docket_jobs SET state = 'dead'", "DROP TABLE answers", "PRAGMA writable_schema = 1",
                          "ATTACH DATABASE 'x.sqlite' AS x", "VACUUM INTO '/tmp/copy.sqlite'"] {
            let refused = try docket.run(["sql", statement])
            #expect(refused.status == 4, "\(statement): \(refused.stderr)")
            #expect(refused.stderr.contains("docket sql only reads") && refused.stderr.contains("Nothing was changed"))
        }
        #expect(try docket.rows("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == [["3"]])
        let invalid = try docket.run(["sql", "SELEKT 1"])
        #expect(invalid.status == 64 && invalid.stderr.contains("not valid SQL"))
    }

    @Test func onATerminalTablesFitItsWidthAndMatchesAreBold() throws {
        let (docket, _) = try readFolder()
        /// Runs docket on a pseudo-terminal (util-linux `script`), as a person at a terminal does.
        func onTerminal(_ arguments: [String], columns: Int) throws -> String {
            let command = ([DocketProcess.binary.path] + arguments + ["--db", docket.database]).map { "'\($0)'" }.joined(separator: " ")
            let environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "\(columns)"]) { _, new in new }
                .filter { $0.key != "NO_COLOR" }
            return try standardOutput(of: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], environment: environment)
                .replacingOccurrences(of: "\r", with: "")
        }
        let table = try onTerminal(["fields"], columns: 80)
        let lines = table.split(separator: "\n")
        #expect(lines.count >= 8)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(table)")
        #expect(table.contains("…"))
        let piped = try docket.run(["fields"])
        #expect(piped.stdout.split(separator: "\n").contains { $0.count > 80 } && !piped.stdout.contains("…"))

        #expect(try onTerminal(["search", "cash"], columns: 100).contains("\u{1B}[1mCASH\u{1B}[0m"))
        #expect(!(try docket.run(["search", "cash"])).stdout.contains("\u{1B}"))
    }

    @Test func exportsWriteFilesWholeWithTheViewsColumns() throws {
        let (docket, scratch) = try readFolder()
        let target = scratch.folder.appending(path: "fields.jsonl").path
        let exported = try docket.run(["export", "fields", "--format", "jsonl", "--to", target, "--name", "total"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let lines = try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["name"] as? String == "total" && (first["value"] as? [String: Any])?["kind"] as? String == "amount")
        #expect(first["document_id"] is Int && first["evidence"] is [String: Any])

        let csv = try docket.run(["export", "documents", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,type,media_type,bytes,sha256,pages,words,source,confidence,submitted_at,read_seconds\r\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try docket.run(["export", "answers", "--format", "json"]).stdout.utf8)) as? [Any])
        #expect(json.isEmpty)
    }
}

@Suite struct HelpAndCompletionTests {
    @Test func everyCommandHelpsWithExamples() throws {
        let docket = DocketProcess()
        for command in ["submit", "worker", "status", "jobs", "documents", "show", "ask", "answers", "search", "fields", "sql",
                        "export", "eval", "cancel", "retry", "prune", "stats", "migrate"] {
            let help = try docket.run([command, "--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("EXAMPLE"), "\(command) --help has no examples")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletionScriptsAreGenerated(shell: String) throws {
        let script = try DocketProcess().run(["--generate-completion-script", shell])
        #expect(script.status == 0)
        #expect(script.stdout.contains("docket") && script.stdout.contains("search"))
    }
}

/// RFC 4180 records: quoted fields may hold commas and doubled quotes.
func csvRecords(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
        if quoted {
            if character == "\"" {
                if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == "," {
            record.append(field)
            field = ""
        } else if character == "\r\n" || character == "\n" {
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.append(character)
        }
    }
    if !field.isEmpty || !record.isEmpty { records.append(record + [field]) }
    return records
}

@Suite struct NewDatabaseTests {
    @Test func processesStartingTogetherOnANewDatabaseAllMigrateIt() throws {
        for _ in 0..<3 {
            let docket = DocketProcess()
            let errors = (0..<6).map { _ in Pipe() }
            let processes = try errors.map { try docket.start(["migrate"], stderr: $0) }
            for process in processes { process.waitUntilExit() }
            let messages = errors.map { String(decoding: $0.fileHandleForReading.availableData, as: UTF8.self) }
            #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0, 0, 0], "\(messages.filter { !$0.isEmpty })")
        }
    }
}
