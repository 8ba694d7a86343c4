/// How long a failed attempt waits before the next: exponential, capped, with jitter so that jobs
/// that failed together do not all come back together.
public struct RetryPolicy: Sendable, Equatable {
    public var baseDelay: Double
    public var maxDelay: Double

    public init(baseDelay: Double = 10, maxDelay: Double = 3_600) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Delay before the attempt after `attempt` (1-based), between half and all of the exponential step.
    public func delay(after attempt: Int, random: Double = Double.random(in: 0...1)) -> Double {
        let exponential = min(maxDelay, baseDelay * pow2(max(0, attempt - 1)))
        return exponential * (0.5 + 0.5 * random)
    }

    private func pow2(_ exponent: Int) -> Double { exponent >= 62 ? .greatestFiniteMagnitude : Double(1 << exponent) }
}
