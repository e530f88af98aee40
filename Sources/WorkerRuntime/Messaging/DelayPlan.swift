import AMQPLayer
public import FleetContracts

/// Chooses the delay tier for a wait of any length from the topology's fixed tiers.
///
/// A TTL queue holds every message for the same time (one queue per tier avoids head-of-line
/// blocking, rabbitmq-recoverability.md §0.1), so a longer wait is composed: the largest tier that
/// does not overshoot, then again when the message comes back early (its due time rides in
/// ``MessageHistory/dueHeader``). A wait shorter than the smallest tier uses the smallest.
public struct DelayPlan: Sendable {
    /// The tiers, shortest first.
    public let tiers: [FleetSettings.DelayTier]

    public init(tiers: [FleetSettings.DelayTier]) {
        self.tiers = tiers.sorted { $0.milliseconds < $1.milliseconds }
    }

    /// The tier for the next hop of a wait of `remaining`, or `nil` when there are no tiers.
    public func tier(for remaining: Duration) -> FleetSettings.DelayTier? {
        tiers.last { $0.duration <= remaining } ?? tiers.first
    }

    /// Whether a message that is `remaining` from due should be delayed again rather than handled:
    /// only when the rest is at least half the smallest tier (closer than that, handle it now).
    public func shouldDelayAgain(remaining: Duration) -> Bool {
        guard let smallest = tiers.first else { return false }
        return remaining * 2 >= smallest.duration
    }
}
