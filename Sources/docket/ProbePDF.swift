import ArgumentParser
import DocketExtract
import Foundation

/// Opens a PDF read from stdin with the password in $DOCKET_PDF_PASSWORD, in a process of its own:
/// Poppler can crash on some encrypted files given a wrong password, and a submit must survive that.
struct ProbePDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe-pdf", abstract: "Internal: check whether a PDF on stdin opens with a password.",
        shouldDisplay: false)

    static let opensExitCode: Int32 = 0
    static let needsPasswordExitCode: Int32 = 10

    func run() throws {
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let password = ProcessInfo.processInfo.environment["DOCKET_PDF_PASSWORD"]
        throw ExitCode(pdfNeedsPassword(bytes, password: password) ? Self.needsPasswordExitCode : Self.opensExitCode)
    }

    /// Whether the PDF `bytes` cannot be opened with `password`; a crash while trying counts as "cannot".
    static func needsPassword(_ bytes: [UInt8], password: String?) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["probe-pdf"]
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKET_PDF_PASSWORD"] = password
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(bytes))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return !(process.terminationReason == .exit && process.terminationStatus == opensExitCode)
    }
}
