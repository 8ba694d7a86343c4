import DocketModel
import Foundation

/// Why a submit was refused. Nothing is stored when a submit throws.
public enum SubmitError: Error, Equatable, Sendable {
    case unsupportedType(name: String)
    /// The PDF cannot be opened without a password, or not with the one given.
    case passwordNeeded(name: String, given: Bool)
    case empty(name: String)
    case badCallbackURL(String)
    /// The language is not one Tesseract reads.
    case badLanguage(OCRLanguageError, setBy: String)
    /// Tesseract reads the language, but its model is not installed on this machine.
    case languageNotInstalled(OCRLanguage, missing: [String], folder: String)
}

/// The one check of a callback URL, for every way a job is submitted.
public enum CallbackURL {
    /// Throws `SubmitError.badCallbackURL` unless `text` is an absolute http or https URL with a host.
    public static func check(_ text: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty
        else { throw SubmitError.badCallbackURL(text) }
    }
}

extension SubmitError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unsupportedType(let name):
            "\(name): not a type Docket reads. Docket reads PDF, PNG, JPEG, TIFF and UTF-8 text, detected from the file's bytes; convert the file to one of them and submit it again. Nothing was stored."
        case .passwordNeeded(let name, false):
            "\(name): the PDF is encrypted. Submit it again with --password. Nothing was stored."
        case .passwordNeeded(let name, true):
            "\(name): the PDF is encrypted and the --password given does not open it. Submit it again with the document's password. Nothing was stored."
        case .empty(let name):
            "\(name): the file is empty (0 bytes). Nothing was stored."
        case .badCallbackURL(let text):
            "--callback-url '\(text)' is not an http or https URL; give one such as https://example.com/hooks/docket. Nothing was stored."
        case .badLanguage(let error, let setBy):
            "\(setBy): \(error) Nothing was stored."
        case .languageNotInstalled(let language, let missing, let folder):
            "Language \(language): Tesseract's model for \(missing.joined(separator: " and ")) is not installed in \(folder). "
                + "Install it (apt-get install \(missing.map(OCRLanguage.package).joined(separator: " "))), "
                + "or add it to DOCKET_LANGUAGES for deploy/install-packages.sh, and submit again. Nothing was stored."
        }
    }
}
