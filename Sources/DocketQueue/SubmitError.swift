/// Why a submit was refused. Nothing is stored when a submit throws.
public enum SubmitError: Error, Equatable, Sendable {
    case unsupportedType(name: String)
    case encryptedWithoutPassword(name: String)
    case empty(name: String)
}

extension SubmitError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unsupportedType(let name):
            "\(name): not a type Docket reads. Docket reads PDF, PNG, JPEG, TIFF and UTF-8 text, detected from the file's bytes; convert the file to one of them and submit it again. Nothing was stored."
        case .encryptedWithoutPassword(let name):
            "\(name): the PDF is encrypted. Submit it again with --password. Nothing was stored."
        case .empty(let name):
            "\(name): the file is empty (0 bytes). Nothing was stored."
        }
    }
}
