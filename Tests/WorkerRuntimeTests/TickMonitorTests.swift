import Foundation
import Testing
@testable import WorkerRuntime

/// The tick chain's bookkeeping in one process (``TickMonitor``): a second chain is ended, and a
/// chain is bootstrapped only when no tick was seen.
@Suite("Tick monitor")
struct TickMonitorTests {
    @Test("of two chains seen within the grace window, the one with the greater id is ended")
    func secondChainEnds() {
        let monitor = TickMonitor(grace: .seconds(10))
        let now = Date()
        #expect(monitor.admit(chain: "b", now: now))
        #expect(monitor.admit(chain: "a", now: now.addingTimeInterval(1)))
        #expect(!monitor.admit(chain: "b", now: now.addingTimeInterval(2)))
        #expect(monitor.admit(chain: "a", now: now.addingTimeInterval(3)))
        // Once "a" is gone longer than the window, "c" lives on.
        #expect(monitor.admit(chain: "c", now: now.addingTimeInterval(20)))
    }

    @Test("a bootstrap is claimed only when no tick was seen since the probe was first held, and only once")
    func bootstrapClaimedOnce() {
        let monitor = TickMonitor(grace: .seconds(10))
        let held = Date()
        #expect(monitor.claimBootstrap(noTickSince: held, now: held.addingTimeInterval(11)))
        #expect(!monitor.claimBootstrap(noTickSince: held, now: held.addingTimeInterval(11)))
        #expect(monitor.tickSeen(since: held))
        let other = TickMonitor(grace: .seconds(10))
        _ = other.admit(chain: "x", now: held.addingTimeInterval(5))
        #expect(!other.claimBootstrap(noTickSince: held, now: held.addingTimeInterval(11)))
    }
}
