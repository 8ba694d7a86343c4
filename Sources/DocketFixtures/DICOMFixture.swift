import Foundation

/// DICOM files made with dcmtk's img2dcm from a generated JPEG: real DICOM (Secondary Capture)
/// with the attributes a test needs, and no patient's data.
public enum DICOMFixture {
    public enum Failure: Error, CustomStringConvertible {
        case img2dcmFailed(String)
        public var description: String {
            switch self { case .img2dcmFailed(let message): "img2dcm failed (is dcmtk installed? make packages): \(message)" }
        }
    }

    /// `attributes` are DICOM keywords and values, e.g. ["PatientName": "Doe^Jane", "Modality": "CR"].
    public static func make(jpeg: [UInt8], attributes: [String: String]) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-dicom-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appending(path: "image.jpg"), output = folder.appending(path: "image.dcm")
        try Data(jpeg).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/img2dcm")
        process.arguments = [input.path, output.path] + attributes.sorted { $0.key < $1.key }.flatMap { ["-k", "\($0.key)=\($0.value)"] }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure.img2dcmFailed("\(error)") }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let bytes = FileManager.default.contents(atPath: output.path) else {
            throw Failure.img2dcmFailed(message)
        }
        return [UInt8](bytes)
    }
}
