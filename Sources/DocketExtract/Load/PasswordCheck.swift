import CPoppler
import DocketModel

/// Whether `bytes`, a PDF, cannot be opened with `password` (nil: no password) because it is
/// encrypted. Opens the document with Poppler only when it declares encryption, so that a submit
/// can ask for the password at once instead of the job failing later.
public func pdfNeedsPassword(_ bytes: [UInt8], password: String?) -> Bool {
    guard MediaType.pdfDeclaresEncryption(bytes) else { return false }
    let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
    defer { g_bytes_unref(data) }
    var error: UnsafeMutablePointer<GError>?
    defer { if let error { g_error_free(error) } }
    if let document = poppler_document_new_from_bytes(data, password, &error) {
        g_object_unref(UnsafeMutableRawPointer(document))
        return false
    }
    guard let error else { return false }
    return error.pointee.domain == poppler_error_quark() && error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
}
