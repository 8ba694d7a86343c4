import Foundation
import Synchronization
import Testing
@testable import DocketEncoder

/// The token ids and embeddings sentence-transformers computes for a few sentences
/// (scripts/encoder-reference.py wrote reference.json).
struct Reference: Decodable {
    struct Case: Decodable {
        var sentence: String
        var ids: [Int]
        var embedding: [Float]
    }

    var cases: [Case]

    static let loaded: Reference = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "reference.json")
        do {
            return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: file))
        } catch {
            fatalError("\(file.path): \(error)")
        }
    }()

    func embedding(of sentence: String) -> [Float] {
        cases.first { $0.sentence == sentence }!.embedding
    }
}

/// The installed model, loaded once for all the tests. `make test` installs it first
/// (deploy/install-packages.sh runs deploy/install-encoder.sh); without it the tests fail and say so.
enum InstalledEncoder {
    static let shared: Result<SentenceEncoder, any Error> = Result { try SentenceEncoder.installed() }

    static func get() throws -> SentenceEncoder {
        try shared.get()
    }
}

@Suite struct SentenceEncoderTests {
    @Test func tokenIDsAreTheReferenceTokenizers() throws {
        let encoder = try InstalledEncoder.get()
        for reference in Reference.loaded.cases {
            #expect(encoder.tokenIDs(reference.sentence) == reference.ids, "\(reference.sentence)")
        }
    }

    @Test func aWordOfMoreThanAHundredCharactersIsUnknown() throws {
        let encoder = try InstalledEncoder.get()
        let unknown = 100, classify = 101, separator = 102
        #expect(encoder.tokenIDs(String(repeating: "a", count: 101)) == [classify, unknown, separator])
        #expect(encoder.tokenIDs(String(repeating: "a", count: 100)).count > 3)
    }

    @Test func theLongSentenceIsTruncatedToTheModelsMaximum() throws {
        let encoder = try InstalledEncoder.get()
        let longest = try #require(Reference.loaded.cases.max { $0.ids.count < $1.ids.count })
        #expect(longest.ids.count == 256)
        #expect(encoder.tokenIDs(longest.sentence + " and more words") == longest.ids)
    }

    @Test func embeddingsMatchTheReferenceModel() throws {
        let encoder = try InstalledEncoder.get()
        let cases = Reference.loaded.cases
        let vectors = encoder.embed(cases.map(\.sentence))
        for (reference, vector) in zip(cases, vectors) {
            #expect(vector.count == SentenceEncoder.dimension)
            let cosine = cosineSimilarity(vector, reference.embedding)
            #expect(cosine >= 0.999, "\(reference.sentence): cosine \(cosine)")
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
    }

    @Test func aLabelIsNearerTheLabelItIsPartOfThanAnotherLabel() throws {
        let encoder = try InstalledEncoder.get()
        let vectors = encoder.embed(["amount due", "Total amount due", "Date of birth"])
        #expect(cosineSimilarity(vectors[0], vectors[1]) > cosineSimilarity(vectors[0], vectors[2]) + 0.3)
    }

    /// The reference model finds "DOB" nearer "Total amount due" (0.200) than "Date of birth" (0.138):
    /// its uncased vocabulary reads "dob" as "do" + "##b". The encoder must agree with it on every
    /// pair, whichever way the pair goes.
    @Test func similaritiesBetweenSentencesAreTheReferenceModels() throws {
        let encoder = try InstalledEncoder.get()
        let cases = Reference.loaded.cases
        let vectors = encoder.embed(cases.map(\.sentence))
        for first in cases.indices {
            for second in cases.indices where second > first {
                let expected = cosineSimilarity(cases[first].embedding, cases[second].embedding)
                let computed = cosineSimilarity(vectors[first], vectors[second])
                #expect(abs(computed - expected) < 0.002, "\(cases[first].sentence) ~ \(cases[second].sentence)")
            }
        }
    }

    @Test func aBatchEmbedsAsOneSentenceAtATimeDoes() throws {
        let encoder = try InstalledEncoder.get()
        let sentences = Reference.loaded.cases.map(\.sentence)
        let batched = encoder.embed(sentences, batchSize: sentences.count)
        let inTwos = encoder.embed(sentences, batchSize: 2)
        for (index, sentence) in sentences.enumerated() {
            let alone = encoder.embed(sentence)
            #expect(cosineSimilarity(batched[index], alone) > 0.99999, "\(sentence)")
            #expect(cosineSimilarity(inTwos[index], alone) > 0.99999, "\(sentence)")
        }
    }

    @Test func threadsEmbeddingAtOnceGetWhatOneThreadGets() throws {
        let encoder = try InstalledEncoder.get()
        let sentences = Reference.loaded.cases.map(\.sentence)
        let expected = encoder.embed(sentences)
        let results = Mutex<[Int: [[Float]]]>([:])
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            let vectors = encoder.embed(sentences)
            results.withLock { $0[thread] = vectors }
        }
        for vectors in results.withLock({ $0 }).values {
            #expect(vectors == expected)
        }
    }

    @Test func emptyInputGivesNoVectorsAndAnEmptySentenceOneVector() throws {
        let encoder = try InstalledEncoder.get()
        #expect(encoder.embed([]).isEmpty)
        #expect(encoder.embed("").count == SentenceEncoder.dimension)
    }
}

@Suite struct SentenceEncoderLoadingTests {
    @Test func aFolderWithoutTheModelNamesTheMissingFileAndHowToInstallIt() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: EncoderError.self) { try SentenceEncoder(directory: folder) }
        let message = "\(error!)"
        #expect(message.contains(folder.appending(path: "model.safetensors").path))
        #expect(message.contains("deploy/install-encoder.sh"))
    }

    @Test func noInstalledModelListsWhereItLookedAndHowToInstallIt() throws {
        let folder = "/nonexistent/docket-encoder-\(UUID().uuidString)"
        let searched = SentenceEncoder.searchPath(environment: ["DOCKET_ENCODER_DIR": folder])
        #expect(searched.map(\.path) == [folder])
        let everywhere = SentenceEncoder.searchPath(environment: [:])
        #expect(everywhere.map(\.path).contains("/usr/local/share/docket/encoder/all-MiniLM-L6-v2"))
        #expect(everywhere.last?.path == "/usr/share/docket/encoder/all-MiniLM-L6-v2")
        #expect(throws: EncoderError.notInstalled(searched: [folder])) { try SentenceEncoder.installed(environment: ["DOCKET_ENCODER_DIR": folder]) }
        let error = EncoderError.notInstalled(searched: searched.map(\.path))
        #expect("\(error)".contains(folder))
        #expect("\(error)".contains("deploy/install-encoder.sh"))
    }

    @Test func aTensorOfTheWrongShapeIsNamedWithTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "docket-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "model.safetensors")
        let header = Array(#"{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}"#.utf8)
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) } + header
        bytes += [UInt8](repeating: 0, count: 24)
        try Data(bytes).write(to: file)
        let tensors = try SafeTensors(contentsOf: file)
        #expect(try tensors.floats("a", shape: [2, 3]) == [0, 0, 0, 0, 0, 0])
        #expect(throws: EncoderError.wrongShape(name: "a", file: file.path, expected: [3, 2], found: [2, 3])) {
            try tensors.floats("a", shape: [3, 2])
        }
        #expect(throws: EncoderError.missingTensor(name: "b", file: file.path)) { try tensors.floats("b", shape: [1]) }
        #expect("\(EncoderError.missingTensor(name: "b", file: file.path))".contains(file.path))
    }
}
