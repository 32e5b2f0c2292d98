/// How an alert is retried: exponential backoff with full jitter, up to a number of attempts or an age.
public struct DeliveryPolicy: Sendable, Hashable {
    /// The wait before the first retry, doubled for each further one.
    public var initialBackoffSeconds: Double
    public var maximumBackoffSeconds: Double
    /// After this many attempts the alert is a permanent failure (visible, never dropped).
    public var maximumAttempts: Int
    /// An alert still unsent this long after it was queued is a permanent failure.
    public var maximumAgeSeconds: Double

    public init(initialBackoffSeconds: Double = 1, maximumBackoffSeconds: Double = 300, maximumAttempts: Int = 12,
                maximumAgeSeconds: Double = 86_400) {
        self.initialBackoffSeconds = initialBackoffSeconds
        self.maximumBackoffSeconds = maximumBackoffSeconds
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumAgeSeconds = maximumAgeSeconds
    }

    /// The wait after `attempt` failed attempts (1, 2, ...), for a uniform `random` in 0..<1: "full jitter", a
    /// uniform wait between half the exponential step and the whole of it, capped. A server's `Retry-After` is a
    /// floor.
    public func backoff(afterAttempt attempt: Int, random: Double, retryAfter: Double? = nil) -> Double {
        let exponent = min(Double(max(0, attempt - 1)), 30)
        let step = min(maximumBackoffSeconds, initialBackoffSeconds * Double.pow2(exponent))
        let jittered = step / 2 + step / 2 * min(max(random, 0), 1)
        return max(jittered, retryAfter ?? 0)
    }
}

extension Double {
    fileprivate static func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
