import ArgumentParser
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("docket: " + message + "\n").utf8))
    }

    /// Columns padded to their widest cell; columns of numbers right-aligned.
    static func table(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let numericColumns = Set(header.indices.filter { column in
            !rows.isEmpty && rows.allSatisfy { Double($0[column]) != nil || $0[column] == "-" }
        })
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        print(line(header))
        rows.forEach { print(line($0)) }
    }

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
