import Foundation

/// The languages Tesseract reads a document's scanned pages in, named as Tesseract names them and
/// joined with `+`: `eng`, `deu+eng`. Tesseract tries them in the order given.
public struct OCRLanguage: Sendable, Hashable, CustomStringConvertible {
    /// Tesseract's codes, in order: `["deu", "eng"]`.
    public let codes: [String]

    public static let english = OCRLanguage(unchecked: "eng")

    /// The variable that sets the language of documents submitted without one.
    public static let defaultVariable = "DOCKET_LANGUAGE"

    /// Parses `text` (`deu+eng`), refusing a code Tesseract has no model for under any name.
    public init(_ text: String) throws(OCRLanguageError) {
        let codes = text.split(separator: "+", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty, !codes.contains(where: \.isEmpty) else {
            throw .malformed(text)
        }
        if let unknown = codes.first(where: { !Self.isTesseractCode($0) }) { throw .unknown(code: unknown, in: text) }
        var seen = Set<String>()
        self.codes = codes.filter { seen.insert($0).inserted }
    }

    /// A language as stored with a job, which was checked when the job was submitted.
    public init(unchecked text: String) {
        codes = text.split(separator: "+").map(String.init)
    }

    /// The default for documents submitted without a language: `DOCKET_LANGUAGE`, or English.
    public static func configuredDefault(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(OCRLanguageError) -> OCRLanguage {
        guard let text = environment[defaultVariable], !text.isEmpty else { return .english }
        return try OCRLanguage(text)
    }

    public var description: String { codes.joined(separator: "+") }

    /// The codes whose model is not in `installed`, in order.
    public func missing(from installed: Set<String>) -> [String] {
        codes.filter { !installed.contains($0) }
    }

    /// The Debian package that holds a code's model: `tesseract-ocr-chi-sim` for `chi_sim`,
    /// `tesseract-ocr-script-latn` for `script/Latin`.
    public static func package(of code: String) -> String {
        if code.hasPrefix(scriptPrefix) {
            let script = String(code.dropFirst(scriptPrefix.count))
            return "tesseract-ocr-script-" + (scriptPackageNames[script] ?? script.lowercased().replacingOccurrences(of: "_", with: "-"))
        }
        return "tesseract-ocr-" + code.replacingOccurrences(of: "_", with: "-")
    }

    private static func isTesseractCode(_ code: String) -> Bool {
        if code.hasPrefix(scriptPrefix) { return scriptPackageNames[String(code.dropFirst(scriptPrefix.count))] != nil }
        return languageCodes.contains(code)
    }

    private static let scriptPrefix = "script/"

    /// Tesseract's language models (tessdata), by code: ISO 639-2 with a variant after `_`.
    static let languageCodes: Set<String> = [
        "afr", "amh", "ara", "asm", "aze", "aze_cyrl", "bel", "ben", "bod", "bos", "bre", "bul", "cat", "ceb", "ces",
        "chi_sim", "chi_sim_vert", "chi_tra", "chi_tra_vert", "chr", "cos", "cym", "dan", "deu", "div", "dzo", "ell", "eng",
        "enm", "epo", "est", "eus", "fao", "fas", "fil", "fin", "fra", "frk", "frm", "fry", "gla", "gle", "glg", "grc", "guj",
        "hat", "heb", "hin", "hrv", "hun", "hye", "iku", "ind", "isl", "ita", "ita_old", "jav", "jpn", "jpn_vert", "kan", "kat",
        "kat_old", "kaz", "khm", "kir", "kmr", "kor", "kor_vert", "lao", "lat", "lav", "lit", "ltz", "mal", "mar", "mkd", "mlt",
        "mon", "mri", "msa", "mya", "nep", "nld", "nor", "oci", "ori", "pan", "pol", "por", "pus", "que", "ron", "rus", "san",
        "sin", "slk", "slv", "snd", "spa", "spa_old", "sqi", "srp", "srp_latn", "sun", "swa", "swe", "syr", "tam", "tat", "tel",
        "tgk", "tha", "tir", "ton", "tur", "uig", "ukr", "urd", "uzb", "uzb_cyrl", "vie", "yid", "yor",
    ]

    /// Tesseract's script models (`script/Latin`), with the name of their Debian package's suffix.
    static let scriptPackageNames: [String: String] = [
        "Arabic": "arab", "Armenian": "armn", "Bengali": "beng", "Canadian_Aboriginal": "cans", "Cherokee": "cher",
        "Cyrillic": "cyrl", "Devanagari": "deva", "Ethiopic": "ethi", "Fraktur": "frak", "Georgian": "geor", "Greek": "grek",
        "Gujarati": "gujr", "Gurmukhi": "guru", "Hangul": "hang", "Hangul_vert": "hang-vert", "HanS": "hans",
        "HanS_vert": "hans-vert", "HanT": "hant", "HanT_vert": "hant-vert", "Hebrew": "hebr", "Japanese": "jpan",
        "Japanese_vert": "jpan-vert", "Kannada": "knda", "Khmer": "khmr", "Lao": "laoo", "Latin": "latn", "Malayalam": "mlym",
        "Myanmar": "mymr", "Oriya": "orya", "Sinhala": "sinh", "Syriac": "syrc", "Tamil": "taml", "Telugu": "telu",
        "Thaana": "thaa", "Thai": "thai", "Tibetan": "tibt", "Vietnamese": "viet",
    ]
}

extension OCRLanguage: Codable {
    /// As Tesseract writes it: "deu+eng".
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum OCRLanguageError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case unknown(code: String, in: String)

    public var description: String {
        switch self {
        case .malformed(let text):
            "'\(text)' names no language. Give Tesseract's codes joined with '+', such as eng, deu+eng or fra."
        case .unknown(let code, let text) where code == text:
            "'\(code)' is not a language Tesseract reads. Give Tesseract's codes joined with '+', such as eng, deu+eng or fra."
        case .unknown(let code, let text):
            "'\(code)' in '\(text)' is not a language Tesseract reads. Give Tesseract's codes joined with '+', such as eng, deu+eng or fra."
        }
    }
}

/// Where Tesseract finds its models, and which are installed: the folder `TESSDATA_PREFIX` names,
/// or the one Debian's Tesseract uses.
public enum TesseractData {
    public static let folderVariable = "TESSDATA_PREFIX"
    static let debianFolders = ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata"]

    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let folder = environment[folderVariable], !folder.isEmpty { return folder }
        return debianFolders.first { FileManager.default.fileExists(atPath: $0) } ?? debianFolders[0]
    }

    /// The codes whose model is in the folder: `eng` for `eng.traineddata`, `script/Latin` for
    /// `script/Latin.traineddata`.
    public static func installedLanguages(environment: [String: String] = ProcessInfo.processInfo.environment) -> Set<String> {
        let folder = folder(environment: environment)
        func models(in folder: String, prefix: String) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { $0.hasSuffix(modelSuffix) }.map { prefix + String($0.dropLast(modelSuffix.count)) }
        }
        return Set(models(in: folder, prefix: "") + models(in: folder + "/script", prefix: "script/"))
    }

    private static let modelSuffix = ".traineddata"
}
