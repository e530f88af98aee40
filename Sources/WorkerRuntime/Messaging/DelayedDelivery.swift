public import AMQPLayer
public import Foundation

/// Sends a message to a work queue after a delay, through the topology's delay tiers: the
/// message goes to the delay exchange with the tier header and the target queue as routing key,
/// its due time in ``MessageHistory/dueHeader``; a ``QueueConsumer`` (or ``BatchConsumer``)
/// that receives it early sends it round again, so any delay works with the fixed tiers.
///
/// This is how ticks, "check again in 10 minutes" and "read the import report in 3 minutes"
/// wait with no state outside the broker.
public struct DelayedDelivery: Sendable {
    private let publisher: ReliablePublisher
    private let delayExchange: String
    private let delayHeader: String
    private let plan: DelayPlan

    /// Delays through `topology`'s tiers, publishing with `publisher`.
    public init(publisher: ReliablePublisher, topology: Topology) {
        self.publisher = publisher
        self.delayExchange = topology.connector.exchanges.delay
        self.delayHeader = topology.connector.delayHeader
        self.plan = DelayPlan(tiers: topology.connector.delayTiers)
    }

    /// The message that delivers `body` to `queue` once `delay` has passed. `properties`'
    /// headers are kept (minus any `x-` header); `persistent` is set.
    public func message(
        to queue: String, after delay: Duration, body: [UInt8], properties: AMQPProperties, now: Date = Date()
    ) throws(WorkFailure) -> AMQPOutgoingMessage {
        guard let tier = plan.tier(for: delay) else { throw .transient("the topology has no delay tiers") }
        var history = MessageHistory(headers: properties.headers, now: now)
        history.due = now.addingTimeInterval(delay.timeInterval)
        var properties = properties
        properties.headers = history.headers(basedOn: properties.headers)
        properties.headers[delayHeader] = .string(tier.name)
        properties.persistent = true
        return AMQPOutgoingMessage(exchange: delayExchange, routingKey: queue, properties: properties, body: body)
    }

    /// Publishes `messages` (built with ``message(to:after:body:properties:now:)``) and waits
    /// for the broker's confirms.
    /// - Throws: ``WorkFailure/transient(_:retryAfter:)`` when they were not confirmed.
    public func publish(_ messages: [AMQPOutgoingMessage]) async throws(WorkFailure) {
        do {
            try await publisher.publish(messages)
        } catch {
            throw .transient("delayed message not confirmed: \(error)")
        }
    }

    /// Delivers `body` to `queue` after `delay`, confirmed by the broker on return.
    public func schedule(
        to queue: String, after delay: Duration, body: [UInt8], properties: AMQPProperties
    ) async throws(WorkFailure) {
        try await publish([message(to: queue, after: delay, body: body, properties: properties)])
    }
}
