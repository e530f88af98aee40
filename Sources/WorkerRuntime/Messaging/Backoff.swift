/// Growing waits with jitter: each wait doubles up to `maximum`, and a random part (up to a
/// quarter) keeps many replicas from retrying in lockstep.
public struct Backoff: Sendable {
    private var current: Duration
    private let maximum: Duration

    public init(initial: Duration, maximum: Duration) {
        self.current = initial
        self.maximum = maximum
    }

    /// The next wait.
    public mutating func next() -> Duration {
        let base = current
        current = min(current * 2, maximum)
        return base + jitter(upTo: base / 4)
    }
}

/// A random duration from zero to `limit`.
public func jitter(upTo limit: Duration) -> Duration {
    let ms = limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000
    guard ms > 0 else { return .zero }
    return .milliseconds(Int64.random(in: 0...ms))
}

/// Sleeps for `duration` in short steps and returns early once `stop()` is true, so a graceful
/// shutdown never waits out a long reconnect delay.
public func sleep(_ duration: Duration, unless stop: () -> Bool) async {
    let deadline = ContinuousClock.now + duration
    while !stop() {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return }
        try? await Task.sleep(for: min(left, .milliseconds(100)))
    }
}
