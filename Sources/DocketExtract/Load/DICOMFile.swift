import DocketModel
import Foundation

/// A DICOM file read with dcmtk's command-line tools (Debian's `dcmtk` package): its attributes
/// with `dcmdump`, its first frame as a PNG with `dcmj2pnm`, which also decodes JPEG-compressed
/// images.
public struct DICOMFile {
    public let attributes: DICOMAttributes
    public let png: [UInt8]
    public let rows: Int
    public let columns: Int

    public init(bytes: [UInt8]) throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-dicom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appending(path: "image.dcm")
        try Data(bytes).write(to: input)

        let dump = try Self.run("dcmdump", ["+sd"] + Self.attributeNames.flatMap { ["+P", $0] } + [input.path])
        let values = Self.values(inDump: dump.output)
        attributes = DICOMAttributes(
            modality: values["Modality"], bodyPart: values["BodyPartExamined"], studyDate: values["StudyDate"].flatMap(Self.isoDate),
            studyDescription: values["StudyDescription"], patientName: values["PatientName"].map(Self.personName),
            patientID: values["PatientID"], patientBirthDate: values["PatientBirthDate"].flatMap(Self.isoDate),
            studyInstanceUID: values["StudyInstanceUID"], studyID: values["StudyID"], accessionNumber: values["AccessionNumber"])
        rows = values["Rows"].flatMap(Int.init) ?? 0
        columns = values["Columns"].flatMap(Int.init) ?? 0
        guard rows > 0, columns > 0 else {
            throw ExtractError.unreadableDICOM(reason: dump.status == 0 ? "it has no image" : Self.dcmtkReason(dump.errors))
        }

        let output = folder.appending(path: "image.png")
        // The pixels' own range sets the grey levels: many files carry no display window.
        let converted = try Self.run("dcmj2pnm", ["-q", "--write-png", "--min-max-window", input.path, output.path])
        guard converted.status == 0, let png = FileManager.default.contents(atPath: output.path) else {
            throw ExtractError.unreadableDICOM(reason: Self.dcmtkReason(converted.errors))
        }
        self.png = [UInt8](png)
    }

    private static let attributeNames = [
        "Modality", "BodyPartExamined", "StudyDate", "StudyDescription", "PatientName", "PatientID", "PatientBirthDate",
        "StudyInstanceUID", "StudyID", "AccessionNumber", "Rows", "Columns",
    ]

    /// `(0010,0020) LO [MRN-0042]   #   8, 1 PatientID` -> ["PatientID": "MRN-0042"]; numbers stand without brackets.
    static func values(inDump dump: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in dump.split(separator: "\n") {
            guard let hash = line.lastIndex(of: "#"),
                  let name = line[hash...].split(separator: " ").last.map(String.init),
                  line.count > 15 else { continue }
            let body = line[line.index(line.startIndex, offsetBy: 15)..<hash].trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("(no value") { continue }
            if body.hasPrefix("["), let close = body.lastIndex(of: "]") {
                let value = body[body.index(after: body.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { values[name] = value }
            } else if let first = body.split(separator: " ").first {
                values[name] = String(first)
            }
        }
        return values
    }

    /// DICOM DA (YYYYMMDD) as ISO 8601.
    static func isoDate(_ value: String) -> String? {
        let digits = value.filter(\.isNumber)
        guard digits.count == 8 else { return nil }
        return "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
    }

    /// DICOM PN ("Doe^Jane") as written ("Jane Doe").
    static func personName(_ value: String) -> String {
        let parts = value.split(separator: "^", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count > 1 else { return value }
        return ([parts[1]] + (parts.count > 2 ? [parts[2]] : []) + [parts[0]]).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// dcmtk's first error ("E: ..."), else its first line: what went wrong, without its warnings.
    private static func dcmtkReason(_ text: String) -> String {
        let lines = text.split(separator: "\n")
        let error = lines.first { $0.hasPrefix("E: ") }.map { $0.dropFirst(3) } ?? lines.first
        return error.map { String($0.prefix(200)) } ?? "no message"
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        guard let path = ["/usr/bin", "/usr/local/bin", "/bin"].map({ "\($0)/\(tool)" }).first(where: FileManager.default.isExecutableFile)
        else { throw ExtractError.missingTool(name: tool, package: "dcmtk") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}
