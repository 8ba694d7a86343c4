import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 that records the webhook requests it receives and answers
/// each as `respond` says: for tests and `docket bench webhook`.
public final class WebhookReceiver: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names in lowercase.
        public var headers: [String: String]
        public var body: String
        /// When the request had been read (seconds since 1970).
        public var receivedAt: Double
    }

    /// The status to answer with, and seconds to wait before answering.
    public struct Response: Sendable {
        public var status: Int
        public var delay: Double

        public init(status: Int = 200, delay: Double = 0) {
            self.status = status
            self.delay = delay
        }
    }

    public let port: UInt16
    private let listener: Int32
    private let condition = NSCondition()
    private var received: [Request] = []
    private var answeredCount = 0
    private var respond: @Sendable (Request) -> Response
    private var stopped = false

    /// Listens on `port` (any free one when 0).
    public init(port: UInt16 = 0, respond: @escaping @Sendable (Request) -> Response = { _ in Response() }) throws {
        self.respond = respond
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ReceiverError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            let error = errno
            close(descriptor)
            throw ReceiverError.socket(error)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        self.port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    public var url: String { "http://127.0.0.1:\(port)/hooks" }

    /// Changes how later requests are answered.
    public func answer(with respond: @escaping @Sendable (Request) -> Response) {
        condition.lock()
        self.respond = respond
        condition.unlock()
    }

    /// Stops listening; the port is free again.
    public func stop() {
        condition.lock()
        let wasStopped = stopped
        stopped = true
        condition.broadcast()
        condition.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    public var requests: [Request] {
        condition.lock()
        defer { condition.unlock() }
        return received
    }

    /// How many requests have been answered (after their delay).
    public var answered: Int {
        condition.lock()
        defer { condition.unlock() }
        return answeredCount
    }

    /// Waits until `count` requests have come, or `limit` seconds have passed (a test's safety net
    /// when something is broken); returns those received.
    @discardableResult
    public func waitForRequests(_ count: Int, limit: Double = 120) -> [Request] {
        let deadline = Date().addingTimeInterval(limit)
        condition.lock()
        defer { condition.unlock() }
        while received.count < count, condition.wait(until: deadline) {}
        return received
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            if let end = headerEnd, bytes.count >= end + contentLength { break }
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { return }
            bytes += buffer[0..<count]
            if headerEnd == nil, let range = bytes.firstRange(of: Array("\r\n\r\n".utf8)) {
                headerEnd = range.upperBound
                let head = String(decoding: bytes[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
        }
        guard let headerEnd else { return }
        let head = String(decoding: bytes[..<(headerEnd - 4)], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let request = Request(
            method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: String(decoding: bytes[headerEnd..<(headerEnd + contentLength)], as: UTF8.self),
            receivedAt: Date().timeIntervalSince1970)
        condition.lock()
        let respond = self.respond
        condition.unlock()
        let response = respond(request)
        condition.lock()
        received.append(request)
        condition.broadcast()
        condition.unlock()
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        condition.lock()
        answeredCount += 1
        condition.unlock()
        let reply = "HTTP/1.1 \(response.status) Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        _ = reply.utf8CString.withUnsafeBufferPointer { write(connection, $0.baseAddress, $0.count - 1) }
    }
}

public enum ReceiverError: Error {
    case socket(Int32)
}
