public import AMQPLayer
public import Foundation

extension Topology {
    /// `message` sent to `queue` after `delay` through the delay tiers: to the delay exchange with
    /// the first hop's `delay-tier` header and the due time in ``MessageHistory/dueHeader`` (a longer
    /// wait is composed hop by hop by the consumer, ``DelayPlan``). A delay below half the smallest
    /// tier goes straight to the queue through the default exchange.
    public func delayed(
        to queue: String, after delay: Duration, properties: AMQPProperties, body: [UInt8], now: Date = Date()
    ) -> AMQPOutgoingMessage {
        let plan = DelayPlan(tiers: connector.delayTiers)
        var properties = properties
        properties.persistent = true
        guard plan.shouldDelayAgain(remaining: delay), let tier = plan.tier(for: delay) else {
            properties.headers[MessageHistory.dueHeader] = nil
            properties.headers[connector.delayHeader] = nil
            return AMQPOutgoingMessage(exchange: "", routingKey: queue, properties: properties, body: body)
        }
        let due = now.addingTimeInterval(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
        properties.headers[MessageHistory.dueHeader] = .int64(Int64((due.timeIntervalSince1970 * 1000).rounded()))
        properties.headers[connector.delayHeader] = .string(tier.name)
        return AMQPOutgoingMessage(exchange: connector.exchanges.delay, routingKey: queue, properties: properties, body: body)
    }
}
