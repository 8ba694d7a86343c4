import DocketModel
import Foundation

/// The refusals a submit makes before anything is stored, shared by `docket submit` and the HTTP
/// API so that both refuse the same files with the same words.
public enum SubmitChecks {
    /// Throws the `SubmitError` that refuses `file`: empty, not a type Docket reads, or an encrypted
    /// PDF that `password` does not open. The type is detected from the bytes, never from a name
    /// or a declared media type.
    /// Returns the type detected.
    @discardableResult
    public static func check(_ file: SubmittedFile, password: String?) throws -> MediaType {
        guard !file.content.isEmpty else { throw SubmitError.empty(name: file.name) }
        guard let mediaType = try MediaType.detect(file.content) else { throw SubmitError.unsupportedType(name: file.name) }
        try checkPassword(file, of: mediaType, password: password)
        return mediaType
    }

    /// Throws the `SubmitError` that refuses `language`: its model is not installed where Tesseract looks
    /// on this machine, the one that submits. Workers on other machines need the same models.
    public static func checkInstalled(_ language: OCRLanguage,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let missing = language.missing(from: TesseractData.installedLanguages(environment: environment))
        guard missing.isEmpty else {
            throw SubmitError.languageNotInstalled(language, missing: missing, folder: TesseractData.folder(environment: environment))
        }
    }

    /// Parses the language given at submit (`given` names where: `--language`, `language`), or takes
    /// the configured default when none is, and checks that its models are installed.
    public static func language(_ text: String?, given: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> OCRLanguage {
        let language: OCRLanguage
        do throws(OCRLanguageError) {
            if let text {
                language = try OCRLanguage(text)
            } else {
                language = try OCRLanguage.configuredDefault(environment: environment)
            }
        } catch {
            throw SubmitError.badLanguage(error, setBy: text == nil ? OCRLanguage.defaultVariable : given)
        }
        try checkInstalled(language, environment: environment)
        return language
    }

    /// Throws `SubmitError.passwordNeeded` when `file` is an encrypted PDF that `password` does not open.
    public static func checkPassword(_ file: SubmittedFile, password: String?) throws {
        try checkPassword(file, of: try MediaType.detect(file.content), password: password)
    }

    private static func checkPassword(_ file: SubmittedFile, of mediaType: MediaType?, password: String?) throws {
        if mediaType == .pdf, try MediaType.pdfDeclaresEncryption(file.content),
           try PDFPasswordProbe.needsPassword(file.content, password: password) {
            throw SubmitError.passwordNeeded(name: file.name, given: password != nil)
        }
    }
}

/// Whether a PDF opens with a password, asked of `docket probe-pdf` in a process of its own:
/// Poppler can crash on some encrypted files given a wrong password, and a submit (or the server
/// taking an upload) must survive that.
public enum PDFPasswordProbe {
    public static let opensExitCode: Int32 = 0
    public static let needsPasswordExitCode: Int32 = 10
    /// The environment variable that carries the password to the probe, out of its arguments.
    public static let passwordVariable = "DOCKET_PDF_PASSWORD"

    /// Whether the PDF `bytes` cannot be opened with `password`; a crash while trying counts as
    /// "cannot". Runs this executable, which must be `docket`, as `docket probe-pdf`.
    public static func needsPassword(_ content: DocumentContent, password: String?) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["probe-pdf"]
        var environment = ProcessInfo.processInfo.environment
        environment[passwordVariable] = password
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A probe that dies before reading everything closes the pipe: that is "cannot open", not a failed submit.
        do {
            try content.forEachChunk { try input.fileHandleForWriting.write(contentsOf: $0) }
        } catch let error as DocumentContentError {
            process.terminate()
            process.waitUntilExit()
            throw error
        } catch {}
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return !(process.terminationReason == .exit && process.terminationStatus == opensExitCode)
    }
}
