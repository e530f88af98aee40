#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// What one process knows about the ticks of one queue: when it last saw a tick, and which chains
/// it saw lately. Only the queue's single active consumer receives ticks, so this process's view
/// is the whole truth while it is that consumer.
final class TickMonitor: Sendable {
    private struct State {
        var lastTick: Date?
        var chains: [String: Date] = [:]
    }
    private let state = Mutex(State())
    /// A healthy chain's tick comes back within this window.
    let grace: Duration

    init(grace: Duration) {
        self.grace = grace
    }

    /// Records a tick of `chain`; false when another chain with a smaller id was seen within the
    /// grace window, so this tick's chain is a duplicate to end.
    func admit(chain: String, now: Date = Date()) -> Bool {
        state.withLock { state in
            state.lastTick = now
            let horizon = now.addingTimeInterval(-grace.timeInterval)
            state.chains = state.chains.filter { $0.value >= horizon }
            let duplicate = state.chains.keys.contains { $0 != chain && $0 < chain }
            if !duplicate { state.chains[chain] = now }
            return !duplicate
        }
    }

    /// Whether a tick was seen at or after `date`.
    func tickSeen(since date: Date) -> Bool {
        state.withLock { state in state.lastTick.map { $0 >= date } ?? false }
    }

    /// Claims the bootstrap of a new chain: true (and a tick counts as seen now) only when no tick
    /// was seen since `since`. Atomic, so two probes handled at once never both start a chain.
    func claimBootstrap(noTickSince since: Date, now: Date = Date()) -> Bool {
        state.withLock { state in
            if let last = state.lastTick, last >= since { return false }
            state.lastTick = now
            return true
        }
    }
}
