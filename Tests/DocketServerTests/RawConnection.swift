import Foundation

/// A plain TCP connection to a loopback port, for requests that URLSession cannot send: a body
/// that stops part way, or that is finished only later.
final class RawConnection {
    private let descriptor: Int32

    struct Failure: Error { var call: String; var code: Int32 }

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Foundation.close(descriptor)
            throw Failure(call: "connect", code: code)
        }
    }

    deinit { Foundation.close(descriptor) }

    /// Writes all of `bytes`; MSG_NOSIGNAL so that a connection the server closed fails here
    /// instead of killing the test process with SIGPIPE.
    func send(_ bytes: some Collection<UInt8>) throws {
        let bytes = Array(bytes)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Foundation.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw Failure(call: "send", code: errno)
            }
            offset += sent
        }
    }

    /// Everything the server sends until it closes the connection (or resets it).
    func receiveUntilClosed() -> Data {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return received }
            received.append(contentsOf: buffer[..<count])
        }
    }

    /// The status code of the HTTP response in `data`, if it holds one.
    static func status(of data: Data) -> Int? {
        let head = String(decoding: data.prefix(64), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(head.dropFirst("HTTP/1.1 ".count).prefix(3))
    }
}
