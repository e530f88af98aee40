/// The one reconnect loop: try, and after each failure wait a growing ``Backoff`` delay (with
/// jitter, doubling up to `maximum`) before trying again, until the work succeeds or `stop` says
/// to give up. Two forms:
/// - ``untilSuccess(stop:onFailure:attempt:)``: a one-off that is retried until it succeeds (declare
///   the topology at start, configure a hook, publish with confirms).
/// - ``sessions(stop:onFailure:session:)``: a long-lived session (a consumer's broker connection)
///   run again and again; the delays start over from `initial` once a session says it connected,
///   so a connection lost after hours of work is tried again soon.
///
/// `onFailure` sees every failure and the delay about to be waited; it decides what is worth
/// retrying: throwing from it ends the loop with that error (a refusal that no reconnect can mend).
/// Everything runs on the caller's isolation (an actor's closures stay on the actor). The waits end
/// early once `stop()` is true or the task is cancelled, so a graceful shutdown never waits out a
/// long delay; the loop itself ends only when `stop()` is true, never on cancellation
/// alone (a caller that must not give up, like a publish awaiting confirms, keeps its own deadline).
public struct Reconnecting: Sendable {
    /// The first delay, and the delay again after a session connected.
    public let initial: Duration
    /// The longest delay (before jitter, which adds up to a quarter).
    public let maximum: Duration

    /// A loop whose delays start at `initial` and double up to `maximum`.
    public init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Runs `attempt` until it returns and gives back its value, waiting after each failure;
    /// `nil` when `stop()` became true first.
    /// - Parameters:
    ///   - stop: whether to give up; read before each attempt and during each wait.
    ///   - onFailure: called with each failure and the delay about to be waited; what it throws
    ///     ends the loop.
    ///   - attempt: the work.
    nonisolated(nonsending) public func untilSuccess<T, E: Error>(
        stop: () -> Bool = { false },
        onFailure: (_ error: any Error, _ delay: Duration) async throws(E) -> Void,
        attempt: () async throws -> T
    ) async throws(E) -> T? {
        var backoff = Backoff(initial: initial, maximum: maximum)
        while !stop() {
            do {
                return try await attempt()
            } catch {
                let delay = backoff.next()
                try await onFailure(error, delay)
                await Self.wait(delay, unless: stop)
            }
        }
        return nil
    }

    /// Runs `session` again and again until `stop()` is true. A session that returns is run again
    /// at once; one that throws is run again after a delay. The session calls `connected` once it
    /// is established, and the delays start over from `initial`.
    /// - Parameters:
    ///   - stop: whether to stop; read before each session and during each wait.
    ///   - onFailure: called with each failure and the delay about to be waited; what it throws
    ///     ends the loop.
    ///   - session: one session; calls its argument once connected.
    nonisolated(nonsending) public func sessions<E: Error>(
        stop: () -> Bool,
        onFailure: (_ error: any Error, _ delay: Duration) async throws(E) -> Void,
        session: (_ connected: () -> Void) async throws -> Void
    ) async throws(E) {
        var backoff = Backoff(initial: initial, maximum: maximum)
        let initial = initial
        let maximum = maximum
        while !stop() {
            do {
                try await session { backoff = Backoff(initial: initial, maximum: maximum) }
            } catch {
                let delay = backoff.next()
                try await onFailure(error, delay)
                await Self.wait(delay, unless: stop)
            }
        }
    }

    /// Waits `delay` in short steps, ending early once `stop()` is true or the task is cancelled
    /// (as ``sleep(_:unless:)``, but on the caller's isolation, where `stop` belongs).
    nonisolated(nonsending) private static func wait(_ delay: Duration, unless stop: () -> Bool) async {
        let deadline = ContinuousClock.now + delay
        while !stop() && !Task.isCancelled {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return }
            try? await Task.sleep(for: min(left, .milliseconds(100)))
        }
    }
}
