import Foundation

/// How `docket serve` listens and what it accepts.
public struct ServerSettings: Sendable {
    public var host: String
    /// 0 asks the system for a free port; the port taken is printed when the server listens.
    public var port: Int
    /// The largest document an upload may carry, in bytes.
    public var maxUploadBytes: Int
    /// Uploads are refused with 503 queue_full while this many jobs are queued.
    public var maxQueueDepth: Int
    /// Seconds that requests in flight have to finish after SIGTERM.
    public var grace: Double
    /// Where uploads are streamed before they are stored; each file is removed when its request ends.
    public var uploadFolder: URL
    /// Set: the server speaks HTTPS only, with this certificate and key. Nil: plain HTTP.
    public var tls: ServerTLS?

    public init(host: String = "127.0.0.1", port: Int = 8080, maxUploadBytes: Int = 100 << 20, maxQueueDepth: Int = 10_000,
                grace: Double = 30, uploadFolder: URL = FileManager.default.temporaryDirectory, tls: ServerTLS? = nil) {
        self.host = host
        self.port = port
        self.maxUploadBytes = maxUploadBytes
        self.maxQueueDepth = maxQueueDepth
        self.grace = grace
        self.uploadFolder = uploadFolder
        self.tls = tls
    }

    /// HOST:PORT as `--listen` takes it: "127.0.0.1:8080", "[::1]:8080", ":8080" (all addresses).
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }
}
