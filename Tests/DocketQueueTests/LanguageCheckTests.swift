import DocketModel
import DocketQueue
import Foundation
import Testing

/// The language a submit gives, or the configured default, is checked before anything is stored.
@Suite struct LanguageCheckTests {
    @Test func tesseractsCodesJoinedWithPlusAreALanguage() throws {
        #expect(try OCRLanguage("deu+eng").codes == ["deu", "eng"])
        #expect(try OCRLanguage("chi_sim").description == "chi_sim")
        #expect(try OCRLanguage("script/Latin+eng").codes == ["script/Latin", "eng"])
        #expect(try OCRLanguage("eng+eng").description == "eng")
        #expect(throws: OCRLanguageError.unknown(code: "de", in: "de+eng")) { try OCRLanguage("de+eng") }
        #expect(throws: OCRLanguageError.malformed("deu++eng")) { try OCRLanguage("deu++eng") }
        #expect(throws: OCRLanguageError.malformed(" ")) { try OCRLanguage(" ") }
        #expect(throws: OCRLanguageError.unknown(code: "script/Klingon", in: "script/Klingon")) { try OCRLanguage("script/Klingon") }
    }

    @Test func eachCodeNamesTheDebianPackageThatHoldsItsModel() {
        #expect(OCRLanguage.package(of: "deu") == "tesseract-ocr-deu")
        #expect(OCRLanguage.package(of: "chi_sim") == "tesseract-ocr-chi-sim")
        #expect(OCRLanguage.package(of: "script/Latin") == "tesseract-ocr-script-latn")
    }

    @Test func theDefaultIsDocketLanguageOrEnglish() throws {
        let installed = ["TESSDATA_PREFIX": "/usr/share/tesseract-ocr/5/tessdata"]
        #expect(try SubmitChecks.language(nil, given: "--language", environment: installed) == .english)
        #expect(try SubmitChecks.language(nil, given: "--language", environment: installed.merging(["DOCKET_LANGUAGE": "deu+eng"]) { $1 })
                .description == "deu+eng")
        #expect(try SubmitChecks.language("eng", given: "--language", environment: installed.merging(["DOCKET_LANGUAGE": "deu"]) { $1 })
                == .english)
        #expect(throws: SubmitError.badLanguage(.unknown(code: "german", in: "german"), setBy: "DOCKET_LANGUAGE")) {
            try SubmitChecks.language(nil, given: "--language", environment: ["DOCKET_LANGUAGE": "german"])
        }
    }

    @Test func aLanguageWhoseModelIsMissingIsRefusedWithThePackageToInstall() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tessdata-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/script", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for model in ["eng.traineddata", "script/Latin.traineddata"] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + model, contents: Data()))
        }
        let environment = ["TESSDATA_PREFIX": folder]
        #expect(TesseractData.installedLanguages(environment: environment) == ["eng", "script/Latin"])
        #expect(try SubmitChecks.language("script/Latin+eng", given: "--language", environment: environment).codes == ["script/Latin", "eng"])
        let refusal = SubmitError.languageNotInstalled(try OCRLanguage("fra+deu+eng"), missing: ["fra", "deu"], folder: folder)
        #expect(throws: refusal) { try SubmitChecks.language("fra+deu+eng", given: "--language", environment: environment) }
        #expect(refusal.description.contains("model for fra and deu is not installed in \(folder)"))
        #expect(refusal.description.contains("apt-get install tesseract-ocr-fra tesseract-ocr-deu"))
    }
}
