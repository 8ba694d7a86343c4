import Crypto
import DocketModel
import Foundation

/// The Docket-Signature header: `t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, "t.body"))`, keyed with
/// the UTF-8 bytes of the store's webhook secret (`docket webhooks secret`).
public enum WebhookSignature {
    public static func header(secret: String, timestamp: Int, body: String) -> String {
        "t=\(timestamp),v1=\(signature(secret: secret, timestamp: timestamp, body: body))"
    }

    public static func signature(secret: String, timestamp: Int, body: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: key)
        return mac.hexString
    }

    /// True when `header` signs `body` with `secret` (compared in constant time).
    public static func isValid(header: String, secret: String, body: String) -> Bool {
        var timestamp: Int?
        var given: String?
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1" { given = pair[1] }
        }
        guard let timestamp, let given else { return false }
        let expected = signature(secret: secret, timestamp: timestamp, body: body)
        guard expected.utf8.count == given.utf8.count else { return false }
        return zip(expected.utf8, given.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// When a failed delivery is tried again: 10 s, 30 s, 90 s... (three times the last), capped at
/// an hour, until the event is a day old; then it has failed.
public struct WebhookRetryPolicy: Sendable, Equatable {
    public var firstDelay: Double
    public var maxDelay: Double
    public var giveUpAfter: Double

    public init(firstDelay: Double = 10, maxDelay: Double = 3_600, giveUpAfter: Double = 86_400) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.giveUpAfter = giveUpAfter
    }

    /// The delay after failed attempt `attempt` (1-based).
    public func delay(after attempt: Int) -> Double {
        min(maxDelay, firstDelay * pow(3, Double(max(0, attempt - 1))))
    }

    /// Whether the event is tried again after attempt `attempt` failed at `now`, and when: the
    /// last try is at the end of the day that started at `createdAt`.
    public func retryTime(after attempt: Int, createdAt: Double, now: Double) -> Double? {
        let deadline = createdAt + giveUpAfter
        guard now < deadline else { return nil }
        return min(now + delay(after: attempt), deadline)
    }
}
