import Foundation

/// The one JSON convention of Docket's command line and HTTP API.
///
/// - Keys are snake_case, spelled out in each resource's `CodingKeys` (no key strategy), and sorted.
/// - Times are RFC 3339 in UTC with three fraction digits (`RFC3339Time`): `2026-12-05T14:03:07.250Z`.
/// - Every key of a resource is always present: an absent optional value is `null`.
/// - Ids are numbers; job states, document types and text sources are the names the CLI takes.
public enum DocketJSON {
    /// Compact, one value to a line: for JSON Lines and HTTP bodies.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Indented, for people reading a terminal.
    public static var prettyEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Reads what `encoder` writes.
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// `value` as JSON text, compact or indented.
    public static func string(_ value: some Encodable, pretty: Bool = false) throws -> String {
        String(decoding: try (pretty ? prettyEncoder : encoder).encode(value), as: UTF8.self)
    }
}
