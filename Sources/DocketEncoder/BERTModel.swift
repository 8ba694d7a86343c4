import COpenBLAS
import Foundation

/// The sizes of a BERT encoder, from its config.json, and the longest input the sentence model
/// was trained on, from sentence_bert_config.json.
struct BERTConfiguration {
    var vocabularySize: Int
    var hiddenSize: Int
    var layers: Int
    var heads: Int
    var intermediateSize: Int
    var maxPositions: Int
    var typeVocabularySize: Int
    var layerNormEpsilon: Float
    var maxSequenceLength: Int

    init(directory: URL) throws {
        let file = directory.appending(path: "config.json")
        let json = try Self.object(file)
        func integer(_ key: String) throws -> Int {
            guard let value = json[key] as? Int, value > 0 else {
                throw EncoderError.unreadable(file: file.path, reason: "no positive integer \(key)")
            }
            return value
        }
        guard (json["hidden_act"] as? String ?? "gelu") == "gelu" else {
            throw EncoderError.unreadable(file: file.path, reason: "hidden_act is not gelu")
        }
        vocabularySize = try integer("vocab_size")
        hiddenSize = try integer("hidden_size")
        layers = try integer("num_hidden_layers")
        heads = try integer("num_attention_heads")
        intermediateSize = try integer("intermediate_size")
        maxPositions = try integer("max_position_embeddings")
        typeVocabularySize = try integer("type_vocab_size")
        layerNormEpsilon = Float(json["layer_norm_eps"] as? Double ?? 1e-12)
        guard hiddenSize % heads == 0 else {
            throw EncoderError.unreadable(file: file.path, reason: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(heads)")
        }
        let sentenceConfig = directory.appending(path: "sentence_bert_config.json")
        if FileManager.default.fileExists(atPath: sentenceConfig.path), let length = try Self.object(sentenceConfig)["max_seq_length"] as? Int {
            maxSequenceLength = min(length, maxPositions)
        } else {
            maxSequenceLength = maxPositions
        }
    }

    private static func object(_ file: URL) throws -> [String: Any] {
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] else {
                throw EncoderError.unreadable(file: file.path, reason: "not a JSON object")
            }
            return object
        } catch let error as EncoderError {
            throw error
        } catch {
            throw EncoderError.unreadable(file: file.path, reason: error.localizedDescription)
        }
    }
}

/// A BERT encoder's weights and its forward pass, then mean pooling and L2 normalisation.
///
/// The sentences of a batch are packed rather than padded: their tokens are the rows of one matrix
/// for every per-token product, and each sentence's attention reads only its own rows, which is
/// what an attention mask over padding computes, without computing the padding.
struct BERTModel: Sendable {
    struct Layer: Sendable {
        /// Query, key and value projections stacked: [3 * hidden, hidden], so one product makes all three.
        var qkvWeight: [Float]
        var qkvBias: [Float]
        var attentionOutputWeight: [Float]
        var attentionOutputBias: [Float]
        var attentionNormWeight: [Float]
        var attentionNormBias: [Float]
        var intermediateWeight: [Float]
        var intermediateBias: [Float]
        var outputWeight: [Float]
        var outputBias: [Float]
        var outputNormWeight: [Float]
        var outputNormBias: [Float]
    }

    let hidden: Int
    let heads: Int
    let intermediate: Int
    let epsilon: Float
    let wordEmbeddings: [Float]
    let positionEmbeddings: [Float]
    let tokenTypeEmbeddings: [Float]
    let embeddingNormWeight: [Float]
    let embeddingNormBias: [Float]
    let layers: [Layer]

    init(weights: SafeTensors, configuration: BERTConfiguration) throws {
        let hidden = configuration.hiddenSize, intermediate = configuration.intermediateSize
        self.hidden = hidden
        heads = configuration.heads
        self.intermediate = intermediate
        epsilon = configuration.layerNormEpsilon
        wordEmbeddings = try weights.floats("embeddings.word_embeddings.weight", shape: [configuration.vocabularySize, hidden])
        positionEmbeddings = try weights.floats("embeddings.position_embeddings.weight", shape: [configuration.maxPositions, hidden])
        tokenTypeEmbeddings = try weights.floats("embeddings.token_type_embeddings.weight", shape: [configuration.typeVocabularySize, hidden])
        embeddingNormWeight = try weights.floats("embeddings.LayerNorm.weight", shape: [hidden])
        embeddingNormBias = try weights.floats("embeddings.LayerNorm.bias", shape: [hidden])
        layers = try (0..<configuration.layers).map { index in
            let prefix = "encoder.layer.\(index)."
            func tensor(_ name: String, _ shape: [Int]) throws -> [Float] { try weights.floats(prefix + name, shape: shape) }
            return Layer(
                qkvWeight: try tensor("attention.self.query.weight", [hidden, hidden]) + tensor("attention.self.key.weight", [hidden, hidden])
                    + tensor("attention.self.value.weight", [hidden, hidden]),
                qkvBias: try tensor("attention.self.query.bias", [hidden]) + tensor("attention.self.key.bias", [hidden])
                    + tensor("attention.self.value.bias", [hidden]),
                attentionOutputWeight: try tensor("attention.output.dense.weight", [hidden, hidden]),
                attentionOutputBias: try tensor("attention.output.dense.bias", [hidden]),
                attentionNormWeight: try tensor("attention.output.LayerNorm.weight", [hidden]),
                attentionNormBias: try tensor("attention.output.LayerNorm.bias", [hidden]),
                intermediateWeight: try tensor("intermediate.dense.weight", [intermediate, hidden]),
                intermediateBias: try tensor("intermediate.dense.bias", [intermediate]),
                outputWeight: try tensor("output.dense.weight", [hidden, intermediate]),
                outputBias: try tensor("output.dense.bias", [hidden]),
                outputNormWeight: try tensor("output.LayerNorm.weight", [hidden]),
                outputNormBias: try tensor("output.LayerNorm.bias", [hidden]))
        }
    }

    /// The unit-length mean of the last layer's token vectors, for each sentence's token ids.
    func embed(_ sentences: [[Int32]]) -> [[Float]] {
        guard !sentences.isEmpty else { return [] }
        let lengths = sentences.map(\.count)
        let starts = lengths.reduce(into: [0]) { $0.append($0.last! + $1) }
        let rows = starts.last!

        var states = [Float](repeating: 0, count: rows * hidden)
        states.withUnsafeMutableBufferPointer { states in
            wordEmbeddings.withUnsafeBufferPointer { words in
                positionEmbeddings.withUnsafeBufferPointer { positions in
                    tokenTypeEmbeddings.withUnsafeBufferPointer { types in
                        for (sentence, ids) in sentences.enumerated() {
                            for (position, id) in ids.enumerated() {
                                let row = (starts[sentence] + position) * hidden
                                let word = Int(id) * hidden, place = position * hidden
                                for column in 0..<hidden {
                                    states[row + column] = words[word + column] + positions[place + column] + types[column]
                                }
                            }
                        }
                    }
                }
            }
            layerNorm(states, rows: rows, weight: embeddingNormWeight, bias: embeddingNormBias)
        }

        var qkv = [Float](repeating: 0, count: rows * 3 * hidden)
        var context = [Float](repeating: 0, count: rows * hidden)
        var projected = [Float](repeating: 0, count: rows * hidden)
        var widened = [Float](repeating: 0, count: rows * intermediate)
        var scores = [Float](repeating: 0, count: (lengths.max() ?? 0) * (lengths.max() ?? 0))
        for layer in layers {
            linear(states, rows: rows, inputs: hidden, weight: layer.qkvWeight, bias: layer.qkvBias, outputs: 3 * hidden, into: &qkv)
            attention(qkv, starts: starts, lengths: lengths, scores: &scores, into: &context)
            linear(context, rows: rows, inputs: hidden, weight: layer.attentionOutputWeight, bias: layer.attentionOutputBias,
                   outputs: hidden, into: &projected)
            addAndNormalize(&states, projected, rows: rows, weight: layer.attentionNormWeight, bias: layer.attentionNormBias)
            linear(states, rows: rows, inputs: hidden, weight: layer.intermediateWeight, bias: layer.intermediateBias,
                   outputs: intermediate, into: &widened)
            widened.withUnsafeMutableBufferPointer { values in
                for index in values.indices {
                    let x = values[index]
                    values[index] = 0.5 * x * (1 + erf(x * Float(0.5).squareRoot()))
                }
            }
            linear(widened, rows: rows, inputs: intermediate, weight: layer.outputWeight, bias: layer.outputBias,
                   outputs: hidden, into: &projected)
            addAndNormalize(&states, projected, rows: rows, weight: layer.outputNormWeight, bias: layer.outputNormBias)
        }

        return states.withUnsafeBufferPointer { states in
            sentences.indices.map { sentence in
                var mean = [Float](repeating: 0, count: hidden)
                for row in starts[sentence]..<starts[sentence + 1] {
                    for column in 0..<hidden { mean[column] += states[row * hidden + column] }
                }
                let count = Float(lengths[sentence])
                for column in 0..<hidden { mean[column] /= count }
                let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
                // sentence-transformers' Normalize: divide by the norm, but never by less than 1e-12.
                let scale = 1 / max(norm, 1e-12)
                return mean.map { $0 * scale }
            }
        }
    }

    /// output[rows, outputs] = input[rows, inputs] · weightᵀ + bias, for a weight stored [outputs, inputs] as PyTorch stores it.
    private func linear(_ input: [Float], rows: Int, inputs: Int, weight: [Float], bias: [Float], outputs: Int, into output: inout [Float]) {
        output.withUnsafeMutableBufferPointer { output in
            for row in 0..<rows {
                for column in 0..<outputs { output[row * outputs + column] = bias[column] }
            }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
                        1, input, Int32(inputs), weight, Int32(inputs), 1, output.baseAddress, Int32(outputs))
        }
    }

    /// Scaled dot-product attention, head by head, each sentence over its own tokens only.
    private func attention(_ qkv: [Float], starts: [Int], lengths: [Int], scores: inout [Float], into context: inout [Float]) {
        let headSize = hidden / heads
        let stride = 3 * hidden
        let scale = 1 / Float(headSize).squareRoot()
        qkv.withUnsafeBufferPointer { qkv in
            scores.withUnsafeMutableBufferPointer { scores in
                context.withUnsafeMutableBufferPointer { context in
                    for (sentence, length) in lengths.enumerated() {
                        let first = starts[sentence]
                        for head in 0..<heads {
                            let query = qkv.baseAddress! + first * stride + head * headSize
                            let key = query + hidden
                            let value = query + 2 * hidden
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(length), Int32(length), Int32(headSize),
                                        scale, query, Int32(stride), key, Int32(stride), 0, scores.baseAddress, Int32(length))
                            for row in 0..<length {
                                let scoresRow = UnsafeMutableBufferPointer(rebasing: scores[(row * length)..<((row + 1) * length)])
                                let largest = scoresRow.max()!
                                var sum: Float = 0
                                for index in scoresRow.indices {
                                    scoresRow[index] = exp(scoresRow[index] - largest)
                                    sum += scoresRow[index]
                                }
                                for index in scoresRow.indices { scoresRow[index] /= sum }
                            }
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(length), Int32(headSize), Int32(length),
                                        1, scores.baseAddress, Int32(length), value, Int32(stride), 0,
                                        context.baseAddress! + first * hidden + head * headSize, Int32(hidden))
                        }
                    }
                }
            }
        }
    }

    /// states = LayerNorm(states + residual), row by row.
    private func addAndNormalize(_ states: inout [Float], _ residual: [Float], rows: Int, weight: [Float], bias: [Float]) {
        states.withUnsafeMutableBufferPointer { states in
            residual.withUnsafeBufferPointer { residual in
                for index in states.indices { states[index] += residual[index] }
            }
            layerNorm(states, rows: rows, weight: weight, bias: bias)
        }
    }

    private func layerNorm(_ states: UnsafeMutableBufferPointer<Float>, rows: Int, weight: [Float], bias: [Float]) {
        weight.withUnsafeBufferPointer { weight in
            bias.withUnsafeBufferPointer { bias in
                for row in 0..<rows {
                    let values = UnsafeMutableBufferPointer(rebasing: states[(row * hidden)..<((row + 1) * hidden)])
                    var mean: Float = 0
                    for value in values { mean += value }
                    mean /= Float(hidden)
                    var variance: Float = 0
                    for value in values { variance += (value - mean) * (value - mean) }
                    variance /= Float(hidden)
                    let inverse = 1 / (variance + epsilon).squareRoot()
                    for column in 0..<hidden { values[column] = (values[column] - mean) * inverse * weight[column] + bias[column] }
                }
            }
        }
    }
}
