/// When the attempts of a reprocess series run: "a maximum of 5 attempts to integrate the
/// order with the store should be made within a period of 15 minutes"
/// (seeds/how-the-carrefour-integration-works.md, reprocessing).
///
/// The first attempt runs at once; the gaps between the next ones double (1, 2, 4, 8 units),
/// scaled so that the last attempt starts by 90 % of the window, leaving it room to finish
/// inside it. With the defaults (5 attempts, 15 minutes) the gaps are 54 s, 1 min 48 s,
/// 3 min 36 s and 7 min 12 s: attempts at 0, 0:54, 2:42, 6:18 and 13:30.
public struct ReprocessSchedule: Sendable, Equatable {
    /// How many attempts a series may make.
    public let maxAttempts: Int
    /// The window all of them start in.
    public let window: Duration

    /// A schedule of `maxAttempts` (at least 1) inside `window`.
    public init(maxAttempts: Int, window: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.window = window
    }

    /// The wait after attempt `attempt` (1-based) failed before the next one, or nil when
    /// `attempt` was the last.
    public func delay(after attempt: Int) -> Duration? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        let units = Int64(1 << (maxAttempts - 1)) - 1  // 1 + 2 + … + 2^(n-2)
        let unitMilliseconds = window / .milliseconds(1) * 0.9 / Double(units)
        return .milliseconds(Int64(unitMilliseconds.rounded(.down)) * Int64(1 << (attempt - 1)))
    }

    /// When attempt `attempt` starts, from the series' start.
    public func start(of attempt: Int) -> Duration {
        (1..<max(1, attempt)).reduce(Duration.zero) { $0 + (delay(after: $1) ?? .zero) }
    }
}
