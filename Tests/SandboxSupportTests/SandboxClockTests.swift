import Foundation
import SandboxSupport
import Testing

@Suite("SandboxClock")
struct SandboxClockTests {
    @Test("a scale of 60 turns a sandbox minute into a real second")
    func scalesIntervals() {
        let clock = SandboxClock(timeScale: 60)
        #expect(clock.realDuration(of: .seconds(60)) == .seconds(1))
        #expect(clock.sandboxDuration(of: .milliseconds(500)) == .seconds(30))
    }

    @Test("a scale below 1 is raised to 1")
    func clampsScale() {
        #expect(SandboxClock(timeScale: 0.1).timeScale == 1)
        #expect(SandboxClock(timeScale: .nan).timeScale == 1)
    }

    @Test("sandbox time advances timeScale times faster than real time")
    func advancesFaster() async throws {
        let origin = Date(timeIntervalSince1970: 1_700_000_000)
        let clock = SandboxClock(timeScale: 3600, origin: origin)
        try await clock.sleep(sandbox: .seconds(360))  // 0.1 s real
        let advanced = clock.now.timeIntervalSince(origin)
        #expect(advanced >= 360)
        #expect(advanced < 3600)
    }
}
