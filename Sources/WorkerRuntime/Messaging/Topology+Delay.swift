public import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension Topology {
    /// A message that reaches `queue` about `delay` from `now`, through the delay tiers: published
    /// to the delay exchange with the tier that fits and its due time in
    /// ``MessageHistory/dueHeader``; a consumer sends it round again while it is early, so any
    /// delay is composed of the fixed tiers (README "Broker topology"). How a flow schedules its
    /// next step (an import report in three minutes) with the broker as the only state.
    /// - Returns: `nil` when the topology has no delay tiers.
    public func delayedMessage(
        to queue: String, after delay: Duration, properties: AMQPProperties, body: [UInt8], now: Date = Date()
    ) -> AMQPOutgoingMessage? {
        guard let tier = DelayPlan(tiers: fleet.delayTiers).tier(for: delay) else { return nil }
        var history = MessageHistory(headers: properties.headers, now: now)
        history.due = now.addingTimeInterval(delay.timeInterval)
        var delayed = properties
        delayed.headers = history.headers(basedOn: properties.headers)
        delayed.headers[fleet.delayHeader] = .string(tier.name)
        delayed.persistent = true
        return AMQPOutgoingMessage(exchange: fleet.exchanges.delay, routingKey: queue, properties: delayed, body: body)
    }
}
