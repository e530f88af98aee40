import Synchronization

/// Counts the calls each operation of a fake service received (for example `"OR11"` or
/// `"P41"`), so tests and the admin API can check what the connector actually did.
///
/// Thread-safe: a `Mutex` guards the table, so route handlers on any event loop can count.
public final class CallCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    /// Creates an empty counter.
    public init() {}

    /// Adds one call to `operation`.
    public func record(_ operation: String) {
        counts.withLock { $0[operation, default: 0] += 1 }
    }

    /// The number of calls `operation` received so far.
    public func count(of operation: String) -> Int {
        counts.withLock { $0[operation] ?? 0 }
    }

    /// Every operation's count at this instant.
    public func snapshot() -> [String: Int] {
        counts.withLock { $0 }
    }

    /// Forgets every count (admin reset between demo runs).
    public func reset() {
        counts.withLock { $0.removeAll() }
    }
}
