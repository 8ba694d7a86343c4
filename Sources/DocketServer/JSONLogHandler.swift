import DocketJSON
import DocketModel
import Foundation
import Logging
import Synchronization

/// Writes each log record as one line of JSON to standard error: `time` (RFC 3339 UTC), `level`,
/// `label`, `message`, then the record's metadata as keys of their own.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private static let output = Mutex(FileHandle.standardError)

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.line(time: RFC3339Time(Date()).description, level: event.level.rawValue, label: label,
                             message: event.message.description,
                             metadata: metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }))
        line.append(0x0A)
        Self.output.withLock { $0.write(Data(line)) }
    }

    /// One record as a JSON object, written by hand: this runs once per request, and building a
    /// dictionary for JSONSerialization cost more than the request it logged.
    static func line(time: String, level: String, label: String, message: String, metadata: Logger.Metadata) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        let fixed = [("time", time), ("level", level), ("label", label), ("message", message)]
        for (name, value) in fixed {
            key(name)
            appendString(value, to: &out)
        }
        for name in metadata.keys.sorted() where !fixed.contains(where: { $0.0 == name }) {
            key(name)
            appendValue(metadata[name]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func appendValue(_ value: Logger.Metadata.Value, to out: inout [UInt8]) {
        switch value {
        case .string(let text):
            appendString(text, to: &out)
        case .stringConvertible(let convertible):
            if let number = convertible as? Int {
                out.append(contentsOf: String(number).utf8)
            } else if let number = convertible as? Double, number.isFinite {
                out.append(contentsOf: "\(number)".utf8)
            } else {
                appendString(convertible.description, to: &out)
            }
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendValue(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let values):
            out.append(UInt8(ascii: "{"))
            for (index, name) in values.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(name, to: &out)
                out.append(UInt8(ascii: ":"))
                appendValue(values[name]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                out.append(contentsOf: "\\u00\([byte].hexString)".utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
