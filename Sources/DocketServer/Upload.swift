import DocketModel
import Foundation
import Hummingbird
import NIOCore

/// An upload streamed to a file of its own as it arrives, so that the server never holds a
/// request body whole and a body over the limit is stopped as soon as it passes it.
struct Upload {
    let file: URL
    let byteCount: Int

    /// Streams `body` into a new file in `folder`. Throws 413 `document_too_large` (the file
    /// removed) as soon as more than `limit` bytes have come.
    static func receive(_ body: RequestBody, into folder: URL, limit: Int) async throws -> Upload {
        let file = folder.appending(path: "docket-upload-\(UUID().uuidString)")
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Problem(.internalServerError, code: "upload_folder_unwritable", title: "Upload folder unwritable",
                          detail: "The server cannot write uploads to \(folder.path) (\(String(cString: strerror(errno)))); its operator must make that folder writable.")
        }
        var count = 0
        do {
            for try await buffer in body {
                count += buffer.readableBytes
                guard count <= limit else { throw tooLarge(limit: limit) }
                let bytes = Array(buffer.readableBytesView)
                try await onStore { try writeAll(bytes, to: descriptor) }
            }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(file.path)
            throw error as? Problem ?? brokenOff(after: count, by: error)
        }
        return Upload(file: file, byteCount: count)
    }

    func remove() {
        unlink(file.path)
    }

    /// The upload's bytes, left in its file until the store takes them.
    var content: DocumentContent {
        .fileRange(path: file.path, offset: 0, count: byteCount)
    }

    /// The body stopped before its end: the client went away or sent it malformed, or the server
    /// is stopping and its grace ended. The client's doing, never a 500, and nothing was stored.
    private static func brokenOff(after count: Int, by error: any Error) -> Problem {
        if error is CancellationError {
            return Problem(.serviceUnavailable, code: "server_stopping", title: "Server stopping",
                           detail: "The server stopped before the upload's body had arrived (\(count) bytes came); send it again. Nothing was stored.",
                           retryAfter: 5)
        }
        return Problem(.badRequest, code: "upload_incomplete", title: "Upload incomplete",
                       detail: "The upload's body ended after \(count) bytes, before it was complete (\(error)); send it again. Nothing was stored.")
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(.contentTooLarge, code: "document_too_large", title: "Document too large",
                detail: "The upload is larger than this server's limit of \(limit) bytes (--max-upload-bytes); send a smaller document or split it. Nothing was stored.")
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Problem(.internalServerError, code: "upload_not_saved", title: "Upload not saved",
                              detail: "The server could not save the upload (\(String(cString: strerror(errno)))); try again later. Nothing was stored.")
            }
            offset += written
        }
    }
}

/// The one file part of a `multipart/form-data` body.
enum MultipartFile {
    struct Part {
        var filename: String?
        /// The part's bytes: a range of the body's content.
        var content: DocumentContent
    }

    /// The document's part, and the body's other parts that carry a name and no filename: form
    /// fields (`question`, `priority`, ...), in order.
    struct Body {
        var file: Part
        var fields: [(name: String, value: String)]
    }

    /// The boundary named by a multipart/form-data Content-Type; nil for any other type.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return ""
    }

    /// The part named `file`, or else the first with a filename, as a range of `body`: the body
    /// is read a chunk at a time and the part is never copied. Throws 400 when the body is not
    /// well-formed multipart or has no such part.
    static func extract(from body: DocumentContent, boundary: String) throws -> Body {
        guard !boundary.isEmpty else {
            throw Problem.badRequest("The multipart/form-data Content-Type has no boundary parameter; let the HTTP client build the body, or send the document's bytes as the body with its own Content-Type.")
        }
        let delimiter = Array("--\(boundary)".utf8)
        let malformed = Problem.badRequest("The multipart body is malformed (boundary \"\(boundary)\" not found where expected); send one part named 'file', e.g. curl -F file=@invoice.pdf.")
        let reader = RangeReader(body: body)
        // A delimiter ends the part before it only when it starts a line.
        let delimiters = try body.offsets(of: delimiter)
        guard let first = delimiters.first else { throw malformed }
        let lineDelimiters = try delimiters.dropFirst().filter { try reader.bytes(at: $0 - 2, count: 2) == [13, 10] }
        var cursor = first + delimiter.count
        var chosen: Part?
        var fallback: Part?
        var fields: [(name: String, value: String)] = []
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF and the part's headers.
            let after = try reader.bytes(at: cursor, count: 2)
            if after == Array("--".utf8) { break }
            guard after == [13, 10] else { throw malformed }
            cursor += 2
            let headerBlock = try reader.bytes(at: cursor, count: maximumHeaderBytes)
            guard let headerEnd = headerBlock.firstRange(of: Array("\r\n\r\n".utf8)) else { throw malformed }
            let headers = String(decoding: headerBlock[..<headerEnd.lowerBound], as: UTF8.self)
            let contentStart = cursor + headerEnd.upperBound
            guard let next = lineDelimiters.first(where: { $0 - 2 >= contentStart }) else { throw malformed }
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            let part = Part(filename: parameter("filename", in: disposition), content: reader.range(from: contentStart, to: next - 2))
            let name = parameter("name", in: disposition)
            if name == "file", chosen == nil {
                chosen = part
            } else if part.filename != nil {
                if fallback == nil { fallback = part }
            } else if let name {
                fields.append((name, try fieldValue(part, named: name)))
            }
            cursor = next + delimiter.count
        }
        guard let file = chosen ?? fallback else {
            throw Problem.badRequest("The multipart body has no file part; send the document as a part named 'file', e.g. curl -F file=@invoice.pdf.")
        }
        return Body(file: file, fields: fields)
    }

    /// The most a form field may hold.
    private static let maximumFieldBytes = 64 << 10

    private static func fieldValue(_ part: Part, named name: String) throws -> String {
        guard part.content.count <= maximumFieldBytes else {
            throw Problem.badRequest("The form field '\(name)' holds more than \(maximumFieldBytes) bytes; only the part named 'file' may be large.")
        }
        guard let value = String(validating: try part.content.allBytes(), as: UTF8.self), !value.contains("\0") else {
            throw Problem.badRequest("The form field '\(name)' is not UTF-8 text without NUL characters; send it as text.")
        }
        return value
    }

    /// The most a part's headers may take.
    private static let maximumHeaderBytes = 16 << 10

    /// Small reads at given offsets of a body that may be in a file.
    private struct RangeReader {
        let body: DocumentContent

        func bytes(at offset: Int, count: Int) throws -> [UInt8] {
            guard offset >= 0, offset < body.count else { return [] }
            return try range(from: offset, to: min(body.count, offset + count)).allBytes()
        }

        func range(from start: Int, to end: Int) -> DocumentContent {
            switch body {
            case .bytes(let bytes): .bytes(Array(bytes[start..<end]))
            case .fileRange(let path, let offset, _): .fileRange(path: path, offset: offset + start, count: end - start)
            }
        }
    }

    private static func parameter(_ name: String, in disposition: String) -> String? {
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
