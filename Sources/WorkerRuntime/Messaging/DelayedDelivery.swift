public import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Sends a message to a work queue after a delay, through the topology's delay tiers: the
/// message goes to the delay exchange with the tier header and the target queue as routing key,
/// its due time in ``MessageHistory/dueHeader``; a ``QueueConsumer`` (or ``BatchConsumer``)
/// that receives it early sends it round again, so any delay works with the fixed tiers.
///
/// This is how ticks, "check again in 10 minutes" and "read the import report in 3 minutes"
/// wait with no state outside the broker.
public struct DelayedDelivery: Sendable {
    private let publisher: ReliablePublisher
    private let topology: Topology

    /// Delays through `topology`'s tiers, publishing with `publisher`.
    public init(publisher: ReliablePublisher, topology: Topology) {
        self.publisher = publisher
        self.topology = topology
    }

    /// The message that delivers `body` to `queue` once `delay` has passed
    /// (``Topology/delayedMessage(to:after:properties:body:now:)``).
    public func message(
        to queue: String, after delay: Duration, body: [UInt8], properties: AMQPProperties, now: Date = Date()
    ) throws(WorkFailure) -> AMQPOutgoingMessage {
        guard let message = topology.delayedMessage(to: queue, after: delay, properties: properties, body: body, now: now) else {
            throw .transient("the topology has no delay tiers")
        }
        return message
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
