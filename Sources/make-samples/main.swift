import Foundation

// Writes the sample documents into the folder given as the only argument (default: Samples).
// Usage: swift run --scratch-path .build-fixtures make-samples Samples

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count <= 1 else {
    FileHandle.standardError.write(Data("usage: make-samples [output-folder]\n".utf8))
    exit(64)
}
let outputFolder = URL(fileURLWithPath: arguments.first ?? "Samples", isDirectory: true)

let samples: [(fileName: String, bytes: () -> [UInt8])] = [
    (InvoiceSample.fileName, InvoiceSample.bytes),
    (ScannedLetterSample.fileName, ScannedLetterSample.bytes),
    (ReceiptSample.fileName, ReceiptSample.bytes),
    (FormSample.fileName, FormSample.bytes),
    (DeliveryNoteSample.fileName, DeliveryNoteSample.bytes),
    (RadiologyReportSample.fileName, RadiologyReportSample.bytes),
    (ChestRadiographSample.fileName, ChestRadiographSample.bytes),
]

do {
    try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
    for sample in samples {
        let bytes = sample.bytes()
        try Data(bytes).write(to: outputFolder.appendingPathComponent(sample.fileName), options: .atomic)
        print("\(sample.fileName)\t\(bytes.count) bytes")
    }
} catch {
    FileHandle.standardError.write(Data("make-samples: \(error.localizedDescription)\n".utf8))
    exit(1)
}
