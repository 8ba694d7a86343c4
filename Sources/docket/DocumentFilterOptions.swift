import ArgumentParser
import DocketModel
import DocketStore
import Foundation

extension DocumentType: ExpressibleByArgument {}

/// `--type`, `--since` and `--until`, shared by the commands that list documents' results.
struct DocumentFilterOptions: ParsableArguments {
    @Option(help: "Only documents of this type: \(DocumentType.allCases.map(\.rawValue).joined(separator: ", ")).")
    var type: DocumentType?
    @Option(help: ArgumentHelp("Only documents submitted at or after this time.",
                               discussion: "A date (2026-03-01), an ISO 8601 time, or an age (7d, 12h).", valueName: "time"))
    var since: String?
    @Option(help: ArgumentHelp("Only documents submitted before this time.", valueName: "time"))
    var until: String?

    func filter() throws -> DocumentFilter {
        DocumentFilter(type: type, since: try since.map { try Self.time($0, option: "--since") },
                       until: try until.map { try Self.time($0, option: "--until") })
    }

    /// Unix seconds of a date, an ISO 8601 time, or an age before now.
    static func time(_ text: String, option: String) throws -> Double {
        if let time = ISO8601DateFormatter().date(from: text) { return time.timeIntervalSince1970 }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date.timeIntervalSince1970 }
        if let age = try? Duration.parse(text) { return Date().timeIntervalSince1970 - age }
        throw ValidationError("\(option) '\(text)' is not a date (2026-03-01), an ISO 8601 time (2026-03-01T08:00:00Z) or an age (7d, 12h).")
    }
}
