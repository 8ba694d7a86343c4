import ArgumentParser
import DocketJSON
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv

    static let help = ArgumentHelp("Output format: text (a table that fits the terminal), json, csv.")
}

/// `--raw-csv`, beside every `--format csv`.
struct CSVOptions: ParsableArguments {
    @Flag(help: """
        csv: write cells as stored. By default a cell that starts with =, +, -, @, a tab or a carriage \
        return (other than a plain number such as -12.5) gets a ' in front, so a spreadsheet shows it \
        as text instead of running it as a formula.
        """)
    var rawCsv = false
}

enum Output {
    /// Prints rows as `format` asks: JSON of `json`, the table as aligned text, or CSV (of `csv`
    /// when given: its columns are named like the JSON's keys, where the table's are short for a terminal).
    static func emit(
        _ format: OutputFormat, _ csvOptions: CSVOptions, json: some Encodable, header: [String], rows: [[String]],
        csv csvTable: (header: [String], rows: [[String]])? = nil
    ) throws {
        switch format {
        case .json: try Output.json(json)
        case .csv: csv(csvTable?.header ?? header, csvTable?.rows ?? rows, csvOptions)
        case .text: table(header, rows)
        }
    }

    /// `value` as indented JSON (DocketJSON's convention).
    static func json(_ value: some Encodable) throws {
        print(try DocketJSON.string(value, pretty: true))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("docket: " + message + "\n").utf8))
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends a record.
    /// Cells a spreadsheet would run as a formula are neutralised unless --raw-csv.
    static func csvText(_ header: [String], _ rows: [[String]], _ options: CSVOptions) -> String {
        func field(_ value: String) -> String {
            let value = options.rawCsv ? value : neutralisingFormula(value)
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func csv(_ header: [String], _ rows: [[String]], _ options: CSVOptions) {
        print(csvText(header, rows, options), terminator: "")
    }

    /// OWASP's advice on CSV injection: a cell starting with = + - @, a tab or a carriage return
    /// gets a leading ' so spreadsheets take it as text. A signed number (-12.5, +3, -1,234.50) has
    /// no letters or brackets to call a function with, and is left as it is; so is a lone "-".
    static func neutralisingFormula(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(first), cell != "-" else { return cell }
        let rest = cell.unicodeScalars.dropFirst()
        let isSignedNumber = (first == "-" || first == "+") && rest.contains { ("0"..."9").contains($0) }
            && rest.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "," }
        return isSignedNumber ? cell : "'" + cell
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Columns padded to their widest cell, numbers right-aligned. On a terminal the widest
    /// columns are cut (ending in …) until the table fits its width; piped, nothing is cut.
    static func table(_ header: [String], _ rows: [[String]], width: Int? = Terminal.width) {
        let rows = rows.map { $0.map { $0.contains("\n") ? $0.replacingOccurrences(of: "\n", with: " ") : $0 } }
        let lengths = ([header] + rows).map { $0.map(\.count) }
        var widths = header.indices.map { column in lengths.map { $0[column] }.max() ?? 0 }
        if let width {
            let separators = 2 * max(0, header.count - 1)
            while widths.reduce(0, +) + separators > width {
                guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                      widths[widest] > max(header[widest].count, minimumCutWidth) else { break }
                widths[widest] -= 1
            }
        }
        let numericColumns = Set(header.indices.filter { column in
            !rows.isEmpty && rows.allSatisfy { Double($0[column]) != nil || $0[column] == "-" }
        })
        func line(_ cells: [String], lengths: [Int]) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                let fits = lengths[column] <= widths[column]
                let fitted = fits ? cell : String(cell.prefix(widths[column] - 1)) + "…"
                let padding = String(repeating: " ", count: widths[column] - (fits ? lengths[column] : widths[column]))
                if column > 0 { text += "  " }
                text += numericColumns.contains(column) ? padding + fitted : fitted + padding
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        var output = line(header, lengths: lengths[0]) + "\n"
        for (index, row) in rows.enumerated() { output += line(row, lengths: lengths[index + 1]) + "\n" }
        print(output, terminator: "")
    }

    private static let minimumCutWidth = 8

    static func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.2f s", $0) } ?? "-"
    }

    static func date(_ value: Double?) -> String {
        guard let value else { return "-" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: value))
    }
}

/// What the standard streams are attached to.
enum Terminal {
    /// The width of the terminal standard output writes to; nil when it is piped or redirected.
    static var width: Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Whether standard output may be coloured: a terminal, and NO_COLOR not set (no-color.org).
    static var colours: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
    }

    /// Whether a progress bar may be drawn on standard error.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }
}
