import ArgumentParser
import DocketExtract
import DocketQueue
import Foundation

/// Opens a PDF read from stdin with the password in $DOCKET_PDF_PASSWORD, in a process of its own
/// (see `PDFPasswordProbe`, which runs it).
struct ProbePDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe-pdf", abstract: "Internal: check whether a PDF on stdin opens with a password.",
        shouldDisplay: false)

    func run() throws {
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let password = ProcessInfo.processInfo.environment[PDFPasswordProbe.passwordVariable]
        throw ExitCode(pdfNeedsPassword(bytes, password: password) ? PDFPasswordProbe.needsPasswordExitCode : PDFPasswordProbe.opensExitCode)
    }
}
