/// The outcome of asking a `RateLimiter` for a call.
public enum RateLimitDecision: Sendable, Equatable {
    /// The call may proceed.
    case allowed
    /// The call exceeds the operation's frequency: answer 429 with this `Retry-After` (real
    /// seconds, rounded up, at least 1).
    case limited(retryAfterSeconds: Int)

    static func wholeSeconds(_ duration: Duration) -> Int {
        max(1, Int(duration.seconds.rounded(.up)))
    }
}
