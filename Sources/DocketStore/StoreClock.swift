import Foundation
import Synchronization

/// Where the store reads the time it records (seconds since 1970) and compares leases and
/// backoffs against: the system's clock, or a `ManualClock` that a test moves.
public struct StoreClock: Sendable {
    private let read: @Sendable () -> Double

    public init(_ read: @escaping @Sendable () -> Double) {
        self.read = read
    }

    public func now() -> Double { read() }

    public static let system = StoreClock { Date().timeIntervalSince1970 }
}

/// A clock that stands still until it is moved: a test gives it to a store to pass a lease or a
/// backoff without waiting for it.
public final class ManualClock: Sendable {
    private let time: Mutex<Double>

    public init(at start: Double = Date().timeIntervalSince1970) {
        time = Mutex(start)
    }

    public var now: Double { time.withLock { $0 } }

    public func advance(by seconds: Double) {
        time.withLock { $0 += seconds }
    }

    public var storeClock: StoreClock { StoreClock { [self] in now } }
}
