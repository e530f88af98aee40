#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The body of a tick: the job's state plus the chain it belongs to.
///
/// Every tick descends from one first tick (its chain). Normally one chain exists; if a second
/// ever appears (a broker-side accident, an operator's publish), the consumer drops the chain with
/// the greater id the first time it sees both within a grace window, so two polls never go on side
/// by side.
struct TickEnvelope<State: Codable & Sendable>: Codable, Sendable {
    /// The chain's id (fixed at the first tick).
    var chain: String
    /// The tick's number in its chain.
    var sequence: Int
    /// The job's state (nil for the first tick).
    var state: State?
}

/// The body of a bootstrap probe (see ``TickService``).
struct TickProbe: Codable, Sendable, Equatable {
    /// The process instance holding the probe, if any.
    var heldBy: String?
    /// When that instance first held it without a break (milliseconds since 1970).
    var heldSinceMs: Int64?
    /// When that instance last saw it.
    var lastSeenMs: Int64?
}
