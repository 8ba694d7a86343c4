import Foundation
import Testing

/// A cell that starts like a formula is text in every CSV Docket writes, unless --raw-csv asks for
/// the cells as stored (OWASP, "CSV Injection").
@Suite struct CSVFormulaTests {
    private static let hostileNames = ["=HYPERLINK(\"evil.example\",\"click\")", "@SUM(1+1)", "+cmd", "-2+3", "\tTAB"]

    /// Text documents named as the hostile cells, and one named as a plain negative number.
    private func submitted() throws -> (DocketProcess, Scratch) {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let paths = try (Self.hostileNames + ["-12.5"]).enumerated().map { index, name in
            let path = scratch.folder.path + "/" + name
            try #require(FileManager.default.createFile(atPath: path, contents: Data("Document \(index)\n".utf8)), "\(path)")
            return path
        }
        let result = try docket.run(["submit"] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        return (docket, scratch)
    }

    private func names(_ csv: String, column: String) throws -> [String] {
        let records = csvRecords(csv)
        let index = try #require(records.first?.firstIndex(of: column), "\(csv)")
        return records.dropFirst().map { $0[index] }
    }

    @Test func exportPutsAQuoteBeforeAFormula() throws {
        let (docket, _) = try submitted()
        let exported = try docket.run(["export", "documents", "--format", "csv"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try names(exported.stdout, column: "name") == Self.hostileNames.map { "'" + $0 } + ["-12.5"])
    }

    @Test func everyTableCommandPutsAQuoteBeforeAFormula() throws {
        let (docket, _) = try submitted()
        let listed = try docket.run(["documents", "--format", "csv"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try Set(names(listed.stdout, column: "name")) == Set(Self.hostileNames.map { "'" + $0 } + ["-12.5"]))
        let queried = try docket.run(["sql", "SELECT name FROM docket_documents ORDER BY id", "--format", "csv"])
        #expect(queried.status == 0, "\(queried.stderr)")
        #expect(try names(queried.stdout, column: "name") == Self.hostileNames.map { "'" + $0 } + ["-12.5"])
    }

    @Test func rawCSVWritesTheCellsAsStored() throws {
        let (docket, _) = try submitted()
        let exported = try docket.run(["export", "documents", "--format", "csv", "--raw-csv"])
        #expect(try names(exported.stdout, column: "name") == Self.hostileNames + ["-12.5"])
        let listed = try docket.run(["documents", "--format", "csv", "--raw-csv"])
        #expect(try Set(names(listed.stdout, column: "name")) == Set(Self.hostileNames + ["-12.5"]))
    }

    @Test func everyCommandWithCSVOutputTakesRawCSV() throws {
        let docket = DocketProcess()
        for command in ["submit", "status", "jobs", "documents", "ask", "answers", "search", "fields", "sql", "export", "studies",
                        "eval", "stats"] {
            let help = try docket.run([command, "--help"])
            #expect(help.stdout.contains("--raw-csv"), "\(command) --help")
        }
    }
}
