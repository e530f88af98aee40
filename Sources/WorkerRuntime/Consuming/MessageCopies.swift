import AMQPLayer
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The copies a consumer publishes before it acknowledges an original: a delayed copy (a retry,
/// or an early message sent round again) and a parked copy. Shared by ``QueueConsumer`` and
/// ``BatchConsumer`` so both keep the same history headers (README "How a worker treats a message").
struct MessageCopies: Sendable {
    /// What to do with a transient failure.
    enum RetryDecision {
        /// Publish this copy to the delay exchange (attempt raised, due time set).
        case delay(AMQPOutgoingMessage)
        /// Older than the maximum age: park with this reason.
        case giveUp(String)
    }

    let queue: String
    let parkedQueue: String
    let topology: Topology
    let settings: RuntimeSettings
    let delayPlan: DelayPlan

    init(queue: String, parkedQueue: String, topology: Topology, settings: RuntimeSettings) {
        self.queue = queue
        self.parkedQueue = parkedQueue
        self.topology = topology
        self.settings = settings
        self.delayPlan = DelayPlan(tiers: topology.fleet.delayTiers)
    }

    /// The retry delay after `attempt` failures (1-based): the settings' tier, at least the
    /// server's `retryAfter`, plus up to 10 % jitter.
    func retryDelay(attempt: Int, retryAfter: Duration?) -> Duration {
        var delay = settings.retryDelays[min(max(attempt, 1) - 1, settings.retryDelays.count - 1)]
        if let retryAfter, retryAfter > delay { delay = retryAfter }
        return delay + jitter(upTo: delay / 10)
    }

    /// The retry of a delivery that failed transiently, or the reason to give up on it.
    func retry(_ delivery: AMQPDelivery, history: MessageHistory, reason: String, retryAfter: Duration?, now: Date) throws -> RetryDecision {
        let attempt = history.attempt + 1
        if now.timeIntervalSince(history.firstSeen) * 1000 >= Double(settings.retryMaxAge.components.seconds * 1000) {
            return .giveUp("gave up after \(attempt) attempts over \(SettingsSource.format(settings.retryMaxAge)): \(reason)")
        }
        let delay = retryDelay(attempt: attempt, retryAfter: retryAfter)
        var next = history
        next.attempt = attempt
        next.lastError = reason
        next.due = now.addingTimeInterval(delay.timeInterval)
        return .delay(try delayed(delivery, history: next, remaining: delay))
    }

    /// A copy for the delay tier that fits `remaining`, carrying `history`.
    func delayed(_ delivery: AMQPDelivery, history: MessageHistory, remaining: Duration) throws -> AMQPOutgoingMessage {
        guard let tier = delayPlan.tier(for: remaining) else { throw ReliablePublisher.Failure.brokerUnavailable("the topology has no delay tiers") }
        var properties = delivery.properties
        properties.headers = history.headers(basedOn: delivery.properties.headers)
        properties.headers[topology.fleet.delayHeader] = .string(tier.name)
        properties.persistent = true
        return AMQPOutgoingMessage(exchange: topology.fleet.exchanges.delay, routingKey: queue, properties: properties, body: delivery.body)
    }

    /// A copy for the parked queue with the reason, origin and time in its headers.
    func parked(_ delivery: AMQPDelivery, history: MessageHistory, reason: String) -> AMQPOutgoingMessage {
        var properties = delivery.properties
        var next = history
        next.due = nil
        next.lastError = reason
        properties.headers = next.headers(basedOn: delivery.properties.headers)
        properties.headers[MessageHistory.parkedReasonHeader] = .string(MessageHistory.truncate(reason))
        properties.headers[MessageHistory.parkedFromHeader] = .string(queue)
        properties.headers[MessageHistory.parkedAtHeader] = .int64(Int64(Date().timeIntervalSince1970 * 1000))
        properties.persistent = true
        return AMQPOutgoingMessage(exchange: "", routingKey: parkedQueue, properties: properties, body: delivery.body)
    }

    /// How long until a delayed delivery is due, when it came back early enough to be delayed
    /// again (a long wait is composed of several tiers); `nil` when it is to be handled now.
    func remainingDelay(of history: MessageHistory, now: Date) -> Duration? {
        guard let due = history.due else { return nil }
        let remaining = Duration.milliseconds(Int64(due.timeIntervalSince(now) * 1000))
        return delayPlan.shouldDelayAgain(remaining: remaining) ? remaining : nil
    }
}
