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
            throw error
        }
        return Upload(file: file, byteCount: count)
    }

    func remove() {
        unlink(file.path)
    }

    /// The upload's bytes, read straight into one array (the store takes a document whole).
    func bytes() throws -> [UInt8] {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Problem(.internalServerError, code: "upload_not_saved", title: "Upload not saved",
                          detail: "The server could not read back the upload (\(String(cString: strerror(errno)))); try again. Nothing was stored.")
        }
        defer { close(descriptor) }
        let total = byteCount
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            count = 0
            while count < total {
                let got = read(descriptor, buffer.baseAddress! + count, total - count)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
        }
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
        var bytes: [UInt8]
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

    /// The part named `file`, or else the first with a filename. Throws 400 when the body is not
    /// well-formed multipart or has no such part.
    static func extract(from body: [UInt8], boundary: String) throws -> Part {
        guard !boundary.isEmpty else {
            throw Problem.badRequest("The multipart/form-data Content-Type has no boundary parameter; let the HTTP client build the body, or send the document's bytes as the body with its own Content-Type.")
        }
        let delimiter = Array("--\(boundary)".utf8)
        let malformed = Problem.badRequest("The multipart body is malformed (boundary \"\(boundary)\" not found where expected); send one part named 'file', e.g. curl -F file=@invoice.pdf.")
        guard var cursor = body.firstRange(of: delimiter)?.upperBound else { throw malformed }
        var fallback: Part?
        while true {
            // After a delimiter: "--" ends the body, otherwise CRLF and the part's headers.
            if body[cursor...].starts(with: Array("--".utf8)) { break }
            guard body[cursor...].starts(with: [13, 10]) else { throw malformed }
            cursor += 2
            guard let headerEnd = body[cursor...].firstRange(of: Array("\r\n\r\n".utf8)) else { throw malformed }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            let contentStart = headerEnd.upperBound
            guard let next = body[contentStart...].firstRange(of: [13, 10] + delimiter) else { throw malformed }
            let disposition = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") }.map(String.init) ?? ""
            let part = Part(filename: parameter("filename", in: disposition), bytes: Array(body[contentStart..<next.lowerBound]))
            if parameter("name", in: disposition) == "file" { return part }
            if fallback == nil, part.filename != nil { fallback = part }
            cursor = next.upperBound
        }
        guard let fallback else {
            throw Problem.badRequest("The multipart body has no file part; send the document as a part named 'file', e.g. curl -F file=@invoice.pdf.")
        }
        return fallback
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
