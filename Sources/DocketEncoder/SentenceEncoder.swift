import COpenBLAS
import Foundation

/// all-MiniLM-L6-v2, a sentence encoder: a text's meaning as a unit vector of `dimension` floats,
/// near the vectors of texts that mean much the same ("amount due", "Total amount due"). Runs the
/// model's BERT encoder (6 layers) on the CPU with OpenBLAS, then averages its token vectors.
///
/// It holds about 90 MB of weights. Embedding is thread-safe, one OpenBLAS thread per call: Docket
/// parallelises across documents.
public final class SentenceEncoder: Sendable {
    public static let dimension = 384
    public static let modelName = "all-MiniLM-L6-v2"
    static let requiredFiles = ["model.safetensors", "vocab.txt", "config.json"]

    /// Sentences run through the model together: their tokens share each matrix product.
    public static let defaultBatchSize = 32

    private let tokenizer: WordPieceTokenizer
    private let model: BERTModel

    /// Loads the model from a folder holding model.safetensors, vocab.txt and config.json (and,
    /// optionally, sentence_bert_config.json for the model's maximum sequence length).
    public init(directory: URL) throws {
        for name in Self.requiredFiles where !FileManager.default.fileExists(atPath: directory.appending(path: name).path) {
            throw EncoderError.missingFile(directory.appending(path: name).path)
        }
        let configuration = try BERTConfiguration(directory: directory)
        model = try BERTModel(weights: SafeTensors(contentsOf: directory.appending(path: "model.safetensors")), configuration: configuration)
        tokenizer = try WordPieceTokenizer(vocabulary: directory.appending(path: "vocab.txt"), maxTokens: configuration.maxSequenceLength)
        guard tokenizer.vocabularySize <= configuration.vocabularySize else {
            throw EncoderError.unreadable(file: directory.appending(path: "vocab.txt").path,
                                          reason: "\(tokenizer.vocabularySize) tokens, more than the model's \(configuration.vocabularySize)")
        }
        openblas_set_num_threads(1)
    }

    /// The folders searched for the installed model: $DOCKET_ENCODER_DIR alone when it is set (a
    /// folder named on purpose is not silently passed over for another model), else
    /// share/docket/encoder/all-MiniLM-L6-v2 beside the running executable's folder, under
    /// /usr/local and under /usr, in that order.
    public static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        if let folder = environment["DOCKET_ENCODER_DIR"], !folder.isEmpty {
            return [URL(fileURLWithPath: folder)]
        }
        var folders: [URL] = []
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        folders.append(executable.deletingLastPathComponent().appending(path: "../share/docket/encoder/\(modelName)").standardized)
        folders.append(URL(fileURLWithPath: "/usr/local/share/docket/encoder/\(modelName)"))
        folders.append(URL(fileURLWithPath: "/usr/share/docket/encoder/\(modelName)"))
        return folders
    }

    /// The model from the first folder of `searchPath` that has its files.
    public static func installed(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SentenceEncoder {
        let folders = searchPath(environment: environment)
        for folder in folders where requiredFiles.allSatisfy({ FileManager.default.fileExists(atPath: folder.appending(path: $0).path) }) {
            return try SentenceEncoder(directory: folder)
        }
        throw EncoderError.notInstalled(searched: folders.map(\.path))
    }

    /// The token ids the model reads for `sentence`: [CLS], word pieces, [SEP], at most the model's maximum.
    public func tokenIDs(_ sentence: String) -> [Int] {
        tokenizer.ids(sentence).map(Int.init)
    }

    /// One unit vector of `dimension` floats per sentence, in order.
    public func embed(_ sentences: [String], batchSize: Int = defaultBatchSize) -> [[Float]] {
        let tokenized = sentences.map(tokenizer.ids)
        var vectors: [[Float]] = []
        vectors.reserveCapacity(sentences.count)
        var start = 0
        while start < tokenized.count {
            let end = min(tokenized.count, start + max(1, batchSize))
            vectors += model.embed(Array(tokenized[start..<end]))
            start = end
        }
        return vectors
    }

    public func embed(_ sentence: String) -> [Float] {
        embed([sentence])[0]
    }
}

/// Cosine similarity; for the encoder's unit vectors, their dot product.
public func cosineSimilarity(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "vectors of different lengths")
    var dot: Float = 0, normA: Float = 0, normB: Float = 0
    for index in a.indices {
        dot += a[index] * b[index]
        normA += a[index] * a[index]
        normB += b[index] * b[index]
    }
    return normA == 0 || normB == 0 ? 0 : dot / (normA.squareRoot() * normB.squareRoot())
}
