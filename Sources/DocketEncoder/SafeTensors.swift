import Foundation

/// The tensors of a .safetensors file: an 8-byte little-endian header length, a JSON header naming
/// each tensor's type, shape and byte range, then the tensors' bytes. The file is memory-mapped;
/// `floats(_:shape:)` copies one F32 tensor out of it.
struct SafeTensors {
    struct Entry {
        var dtype: String
        var shape: [Int]
        var range: Range<Int>
    }

    let file: String
    private let data: Data
    private let entries: [String: Entry]
    private let dataStart: Int

    init(contentsOf url: URL) throws {
        file = url.path
        guard FileManager.default.fileExists(atPath: file) else { throw EncoderError.missingFile(file) }
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw EncoderError.unreadable(file: file, reason: error.localizedDescription)
        }
        guard data.count >= 8 else { throw EncoderError.unreadable(file: file, reason: "shorter than a safetensors header") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw EncoderError.unreadable(file: file, reason: "header length \(headerLength) past the end of the file")
        }
        dataStart = 8 + Int(headerLength)
        let header = data.subdata(in: 8..<dataStart)
        guard let json = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw EncoderError.unreadable(file: file, reason: "the header is not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in json where name != "__metadata__" {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
                  offsets[0] >= 0, offsets[0] <= offsets[1], dataStart + offsets[1] <= data.count
            else {
                throw EncoderError.unreadable(file: file, reason: "tensor \(name) has a malformed header entry")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, range: (dataStart + offsets[0])..<(dataStart + offsets[1]))
        }
        self.entries = entries
    }

    /// The F32 tensor `name`, which must have `shape`, in row-major order.
    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        guard let entry = entries[name] else { throw EncoderError.missingTensor(name: name, file: file) }
        guard entry.dtype == "F32" else { throw EncoderError.unsupportedType(name: name, file: file, dtype: entry.dtype) }
        guard entry.shape == shape else { throw EncoderError.wrongShape(name: name, file: file, expected: shape, found: entry.shape) }
        let count = shape.reduce(1, *)
        guard entry.range.count == count * MemoryLayout<Float>.size else {
            throw EncoderError.unreadable(file: file, reason: "tensor \(name) has \(entry.range.count) bytes for shape \(shape)")
        }
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { bytes in
                let source = UnsafeRawBufferPointer(rebasing: bytes[entry.range])
                #if _endian(little)
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                for index in 0..<count {
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
                }
                #endif
            }
            initialized = count
        }
    }
}
