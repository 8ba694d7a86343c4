import DocketFixtures
import Foundation
import Testing

/// `submit --language`: the languages Tesseract reads a document's scans in travel with its job to
/// the worker; one that Tesseract does not have, or that is not installed, is refused at submit.
@Suite struct LanguageCLITests {
    static let germanLetter = FixturePage(text: [
        "Müller & Söhne GmbH, Königstraße 18, 70173 Stuttgart",
        "Betreff: Prüfung der Größe und Gewichte",
        "Sehr geehrte Frau Jäger,",
        "die Übergabe der Maße erfolgt nächste Woche.",
        "Mit freundlichen Grüßen",
    ], fontSize: 16, lineSpacing: 28)

    /// A folder holding only Tesseract's English model, as on a machine where German is not installed.
    private func englishOnlyModels(_ scratch: Scratch) throws -> String {
        let folder = scratch.folder.appending(path: "tessdata-eng").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/eng.traineddata",
                                                   withDestinationPath: "/usr/share/tesseract-ocr/5/tessdata/eng.traineddata")
        return folder
    }

    @Test func aGermanScanIsReadWithTheGermanModelWhenSubmittedInGerman() throws {
        let scratch = try Scratch()
        let scan = try scratch.write("brief.png", Fixtures.png(Self.germanLetter, dpi: 300))
        var texts: [String: String] = [:]
        for language in ["deu+eng", "eng"] {
            let docket = DocketProcess()
            #expect(try docket.run(["submit", scan, "--language", language]).status == 0)
            #expect(try docket.run(["status", "1"]).stdout.contains("language:  \(language)"))
            #expect(try docket.run(["worker", "--drain"]).status == 0)
            texts[language] = try docket.run(["show", "1"]).stdout
        }
        let german = try #require(texts["deu+eng"])
        for word in ["Königstraße", "Größe", "Übergabe", "Maße", "Grüßen"] {
            #expect(german.contains(word), "\(word) in \(german)")
        }
        // English has no ß: the same scan read in English proves the job's language reached the engine.
        #expect(!(texts["eng"] ?? "").contains("ß"), "\(texts["eng"] ?? "")")
    }

    @Test func theJobsLanguageIsInItsJSON() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let note = try scratch.write("note.txt", Array("Rechnung".utf8))
        let receipts = try #require(try docket.json(["submit", note, "--language", "deu+eng", "--format", "json"]) as? [[String: Any]])
        #expect((receipts.first?["job"] as? [String: Any])?["language"] as? String == "deu+eng")
        let other = try scratch.write("other.txt", Array("Invoice".utf8))
        #expect(try docket.run(["submit", other], environment: ["DOCKET_LANGUAGE": "deu"]).status == 0)
        #expect(try jobField(docket, 2, "language") as? String == "deu")
    }

    @Test func aLanguageTesseractDoesNotHaveIsRefusedAtSubmitAndNothingIsStored() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let note = try scratch.write("note.txt", Array("hello".utf8))
        let refused = try docket.run(["submit", note, "--language", "deu+klingon"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("'klingon' in 'deu+klingon' is not a language Tesseract reads"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Nothing was stored"))
        let fromTheEnvironment = try docket.run(["submit", note], environment: ["DOCKET_LANGUAGE": "german"])
        #expect(fromTheEnvironment.status == 65)
        #expect(fromTheEnvironment.stderr.contains("DOCKET_LANGUAGE: 'german' is not a language Tesseract reads"), "\(fromTheEnvironment.stderr)")
        #expect(!FileManager.default.fileExists(atPath: docket.database))
    }

    @Test func aLanguageWhoseModelIsNotInstalledIsRefusedAtSubmitNamingThePackage() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let note = try scratch.write("note.txt", Array("hello".utf8))
        let models = try englishOnlyModels(scratch)
        let refused = try docket.run(["submit", note, "--language", "deu+eng"], environment: ["TESSDATA_PREFIX": models])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("Language deu+eng: Tesseract's model for deu is not installed in \(models)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("apt-get install tesseract-ocr-deu"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: docket.database))
    }

    @Test func aWorkerWithoutTheJobsModelFailsTheAttemptNamingThePackage() throws {
        let docket = DocketProcess()
        let scratch = try Scratch()
        let scan = try scratch.write("brief.png", Fixtures.png(Self.germanLetter))
        #expect(try docket.run(["submit", scan, "--language", "deu+eng", "--max-attempts", "1"]).status == 0)
        let models = try englishOnlyModels(scratch)
        #expect(try docket.run(["worker", "--drain"], environment: ["TESSDATA_PREFIX": models]).status == 0)
        let error = try #require(try jobField(docket, 1, "last_error") as? String)
        #expect(error.contains("apt-get install tesseract-ocr-deu,"), "\(error)")
        #expect(try jobField(docket, 1, "state") as? String == "dead")
    }
}
