import Synchronization

/// Enforces each operation's maximum call frequency as a minimum interval between two
/// accepted calls, measured in sandbox time.
///
/// Mirakl documents a maximum frequency per operation ("once per minute", "every 15 minutes";
/// mirakl-api.md §1 "Rate limits") and answers an excess with HTTP 429 and a `Retry-After`
/// header in seconds. The intervals given here are sandbox intervals: on a clock with
/// `timeScale` 60 a "once per minute" limit lets one call through per real second, so tests can
/// walk the limit in seconds. Operations without an interval are never limited. A refused call
/// does not move the window. Thread-safe through a `Mutex`.
public final class RateLimiter: Sendable {
    /// The clock that scales every interval.
    public let clock: SandboxClock
    private let state: Mutex<State>

    private struct State {
        var intervals: [String: Duration]
        var lastAccepted: [String: ContinuousClock.Instant] = [:]
        var enabled: Bool
    }

    /// Creates a limiter.
    /// - Parameters:
    ///   - clock: the sandbox clock; real windows are the sandbox intervals divided by its scale.
    ///   - minimumIntervals: the sandbox interval each operation requires between two calls.
    ///   - enabled: when false every call is admitted (benchmarks, demos that hammer a route).
    public init(clock: SandboxClock, minimumIntervals: [String: Duration], enabled: Bool = true) {
        self.clock = clock
        self.state = Mutex(State(intervals: minimumIntervals, enabled: enabled))
    }

    /// Whether limits are enforced.
    public var isEnabled: Bool {
        get { state.withLock { $0.enabled } }
        set { state.withLock { $0.enabled = newValue } }
    }

    /// The sandbox interval required between two calls of `operation`, if it is limited.
    public func minimumInterval(of operation: String) -> Duration? {
        state.withLock { $0.intervals[operation] }
    }

    /// Decides whether a call to `operation` may proceed now, and records it when it may.
    /// - Parameter scope: an optional sub-key with its own window under the operation's
    ///   interval (e.g. an import id: "P42 once per minute" applies per import).
    public func admit(_ operation: String, scope: String? = nil) -> RateLimitDecision {
        let now = ContinuousClock.now
        let key = scope.map { "\(operation)|\($0)" } ?? operation
        return state.withLock { state in
            guard state.enabled, let interval = state.intervals[operation] else { return .allowed }
            let window = clock.realDuration(of: interval)
            if let last = state.lastAccepted[key] {
                let elapsed = now - last
                if elapsed < window {
                    return .limited(retryAfterSeconds: RateLimitDecision.wholeSeconds(window - elapsed))
                }
            }
            state.lastAccepted[key] = now
            return .allowed
        }
    }

    /// Forgets every past call, so each operation's next call is admitted.
    public func reset() {
        state.withLock { $0.lastAccepted.removeAll() }
    }
}
