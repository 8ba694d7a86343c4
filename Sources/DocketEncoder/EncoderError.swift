import Foundation

/// Why the sentence encoder could not be loaded.
public enum EncoderError: Error, Equatable, CustomStringConvertible {
    /// None of the places searched holds the model's files.
    case notInstalled(searched: [String])
    case missingFile(String)
    case unreadable(file: String, reason: String)
    case missingTensor(name: String, file: String)
    case wrongShape(name: String, file: String, expected: [Int], found: [Int])
    case unsupportedType(name: String, file: String, dtype: String)

    /// What to run to install the model's files.
    public static let installInstruction =
        "install them with deploy/install-encoder.sh (make build and make test run it), or set DOCKET_ENCODER_DIR to a folder that has them"

    public var description: String {
        switch self {
        case .notInstalled(let searched):
            "the sentence encoder's files (\(SentenceEncoder.requiredFiles.joined(separator: ", "))) are in none of: "
                + searched.joined(separator: ", ") + "; " + Self.installInstruction
        case .missingFile(let file):
            "\(file) is missing; " + Self.installInstruction
        case .unreadable(let file, let reason):
            "\(file): \(reason)"
        case .missingTensor(let name, let file):
            "\(file) has no tensor \(name)"
        case .wrongShape(let name, let file, let expected, let found):
            "\(file): tensor \(name) has shape \(found), expected \(expected)"
        case .unsupportedType(let name, let file, let dtype):
            "\(file): tensor \(name) is \(dtype), expected F32"
        }
    }
}
