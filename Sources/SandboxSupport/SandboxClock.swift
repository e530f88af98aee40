public import Foundation

/// A compressed clock: the sandbox's notion of time runs `timeScale` times faster than real time.
///
/// Every delay of the sandbox (import stages, cataloguing, order generator ticks) and every
/// rate-limit window goes through one clock, so a test or a demo can run hours of marketplace
/// behaviour in seconds (`timeScale` 3600 makes one real second one sandbox hour) while the
/// sandbox still reports plausible dates. Sandbox time starts at the real wall-clock time of
/// creation and then advances `timeScale` sandbox seconds per real second, measured on a
/// monotonic clock so wall-clock jumps do not disturb it.
public struct SandboxClock: Sendable {
    /// Sandbox seconds per real second; always at least 1.
    public let timeScale: Double
    /// The sandbox date at the moment the clock was created.
    public let origin: Date
    private let start: ContinuousClock.Instant

    /// Creates a clock.
    /// - Parameters:
    ///   - timeScale: sandbox seconds per real second; values below 1 (or not finite) are raised to 1.
    ///   - origin: sandbox date at creation; defaults to the real current date.
    public init(timeScale: Double = 1, origin: Date = Date()) {
        self.timeScale = timeScale.isFinite ? max(1, timeScale) : 1
        self.origin = origin
        self.start = ContinuousClock.now
    }

    /// The current sandbox date.
    public var now: Date {
        let elapsed = ContinuousClock.now - start
        return origin.addingTimeInterval(elapsed.seconds * timeScale)
    }

    /// The real duration that a sandbox interval takes on this clock.
    public func realDuration(of sandboxInterval: Duration) -> Duration {
        .seconds(sandboxInterval.seconds / timeScale)
    }

    /// The sandbox interval that a real duration represents on this clock.
    public func sandboxDuration(of realInterval: Duration) -> Duration {
        .seconds(realInterval.seconds * timeScale)
    }

    /// Suspends the caller for a sandbox interval (that is, its real equivalent).
    /// - Throws: `CancellationError` when the task is cancelled while sleeping.
    public func sleep(sandbox interval: Duration) async throws {
        try await Task.sleep(for: realDuration(of: interval))
    }
}

extension Duration {
    /// The duration as fractional seconds.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
