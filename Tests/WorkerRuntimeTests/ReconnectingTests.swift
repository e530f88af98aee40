import Foundation
import Synchronization
import Testing
@testable import WorkerRuntime

/// The one reconnect loop (``Reconnecting``) without a broker: its delays grow up to the maximum,
/// start over once a session connected, end promptly when asked, and a failure it is told not to
/// retry ends it.
@Suite("Reconnecting")
struct ReconnectingTests {
    struct Refused: Error, Equatable {}

    /// The delay before jitter after `failures` failures in a row: doubling from `initial`, at most `maximum`.
    static func base(after failures: Int, initial: Duration, maximum: Duration) -> Duration {
        var delay = initial
        for _ in 0..<failures { delay = min(delay * 2, maximum) }
        return delay
    }

    /// Whether `delay` is `base` plus at most a quarter of it (``Backoff``'s jitter).
    static func within(_ delay: Duration, base: Duration) -> Bool {
        delay >= base && delay <= base + base / 4
    }

    @Test("a one-off is tried until it succeeds; the delays double up to the maximum and are waited")
    func growsToMaximum() async throws {
        let initial = Duration.milliseconds(10)
        let maximum = Duration.milliseconds(40)
        let failures = 5
        var attempts = 0
        var delays: [Duration] = []
        let started = ContinuousClock.now
        let value = try await Reconnecting(initial: initial, maximum: maximum).untilSuccess { (_, delay) async throws(Refused) in
            delays.append(delay)
        } attempt: {
            attempts += 1
            guard attempts > failures else { throw URLError(.cannotConnectToHost) }
            return attempts
        }
        let elapsed = ContinuousClock.now - started
        #expect(value == failures + 1)
        #expect(delays.count == failures)
        for (index, delay) in delays.enumerated() {
            let base = Self.base(after: index, initial: initial, maximum: maximum)
            #expect(Self.within(delay, base: base), "delay \(index): \(delay), expected \(base) plus up to a quarter")
        }
        #expect(delays.last.map { $0 <= maximum + maximum / 4 } == true)
        #expect(elapsed >= delays.reduce(.zero, +))
    }

    @Test("the delays start over once a session connected")
    func resetsAfterConnected() async throws {
        let initial = Duration.milliseconds(20)
        let maximum = Duration.seconds(1)
        // Per session: whether it connects before failing; the session after the last one stops the loop.
        let script = [false, false, true, false]
        var sessions = 0
        var delays: [Duration] = []
        let stopping = Atomic<Bool>(false)
        try await Reconnecting(initial: initial, maximum: maximum).sessions(stop: { stopping.load(ordering: .relaxed) }) {
            (_, delay) async throws(Refused) in delays.append(delay)
        } session: { connected in
            defer { sessions += 1 }
            guard sessions < script.count else {
                stopping.store(true, ordering: .relaxed)
                return
            }
            if script[sessions] { connected() }
            throw URLError(.networkConnectionLost)
        }
        #expect(sessions == script.count + 1)
        #expect(delays.count == script.count)
        let bases = [initial, initial * 2, initial, initial * 2]
        for (index, (delay, base)) in zip(delays, bases).enumerated() {
            #expect(Self.within(delay, base: base), "delay \(index): \(delay), expected \(base) plus up to a quarter")
        }
    }

    @Test("a long delay ends promptly once stop is asked, and the loop gives up without a value")
    func stopsPromptly() async throws {
        let stopping = Atomic<Bool>(false)
        let asker = Task {
            try await Task.sleep(for: .milliseconds(150))
            stopping.store(true, ordering: .relaxed)
        }
        var attempts = 0
        let started = ContinuousClock.now
        let value: Int? = await Reconnecting(initial: .seconds(30), maximum: .seconds(30)).untilSuccess(
            stop: { stopping.load(ordering: .relaxed) }
        ) { _, _ in
        } attempt: {
            attempts += 1
            throw URLError(.cannotConnectToHost)
        }
        let elapsed = ContinuousClock.now - started
        try await asker.value
        #expect(value == nil)
        #expect(attempts == 1)
        // One wait step (100 ms) after the stop at most, with room for a busy machine; the delay was 30 s.
        #expect(elapsed < .seconds(2))
    }

    @Test("a failure onFailure throws ends the loop with that error, without a wait or another try")
    func refusalEndsTheLoop() async {
        var attempts = 0
        let started = ContinuousClock.now
        await #expect(throws: Refused()) {
            _ = try await Reconnecting(initial: .seconds(30), maximum: .seconds(30)).untilSuccess { (error, _) async throws(Refused) in
                if let refused = error as? Refused { throw refused }
            } attempt: {
                attempts += 1
                throw Refused()
            }
        }
        #expect(attempts == 1)
        #expect(ContinuousClock.now - started < .seconds(2))
    }
}
