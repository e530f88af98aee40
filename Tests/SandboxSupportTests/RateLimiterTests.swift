import SandboxSupport
import Testing

@Suite("RateLimiter")
struct RateLimiterTests {
    @Test("a second call inside the window is refused with Retry-After in real seconds")
    func refusesInsideWindow() {
        // Once per 15 sandbox minutes at scale 60 is a 15 s real window.
        let limiter = RateLimiter(clock: SandboxClock(timeScale: 60), minimumIntervals: ["P41": .seconds(900)])
        #expect(limiter.admit("P41") == .allowed)
        guard case .limited(let retryAfter) = limiter.admit("P41") else {
            Issue.record("second call was admitted")
            return
        }
        #expect(retryAfter >= 14 && retryAfter <= 15)
        #expect(limiter.admit("OR21") == .allowed)
        #expect(limiter.admit("OR21") == .allowed)
    }

    @Test("Retry-After is at least one second and the call passes once the window is over")
    func passesAfterWindow() async throws {
        let clock = SandboxClock(timeScale: 600)
        let interval = 60.0
        let limiter = RateLimiter(clock: clock, minimumIntervals: ["OR11": .seconds(interval)])
        #expect(limiter.admit("OR11") == .allowed)
        let admitted = clock.now
        #expect(limiter.admit("OR11") == .limited(retryAfterSeconds: 1))
        // The window over on the limiter's own clock (a sandbox minute: 100 ms here).
        while clock.now < admitted.addingTimeInterval(interval) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(limiter.admit("OR11") == .allowed)
    }

    @Test("a disabled limiter admits everything")
    func disabled() {
        let limiter = RateLimiter(clock: SandboxClock(), minimumIntervals: ["A01": .seconds(86_400)], enabled: false)
        #expect(limiter.admit("A01") == .allowed)
        #expect(limiter.admit("A01") == .allowed)
    }
}
