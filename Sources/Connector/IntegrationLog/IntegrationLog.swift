public import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import IntegrationRules
import Metrics
public import WorkerRuntime

/// Writes ``IntegrationEvent``s to the broker's integration log (the `integration.log` stream,
/// bound to `log.#` on the events exchange in topology.json), with publisher confirms.
///
/// A flow records an outcome before it acknowledges the delivery that caused it, so a crash can
/// log an outcome twice (same `operationId`), never lose it.
public struct IntegrationLog: Sendable {
    /// The message type of a log entry (the envelope's, in the fleet contracts).
    public static let messageType = IntegrationEventEnvelope.messageType
    /// Headers that let readers filter without decoding the body.
    public static let entityHeader = IntegrationEventEnvelope.entityHeader
    public static let entityIdHeader = IntegrationEventEnvelope.entityIdHeader
    public static let statusHeader = IntegrationEventEnvelope.statusHeader

    private let publisher: ReliablePublisher
    private let exchange: String

    /// A log writer publishing through `publisher` to the topology's events exchange.
    public init(publisher: ReliablePublisher, topology: Topology) {
        self.publisher = publisher
        self.exchange = topology.fleet.exchanges.events
    }

    /// Records `events`, returning once the broker confirmed every one.
    /// - Throws: ``WorkFailure/transient(_:retryAfter:)`` when the broker did not confirm them.
    public func record(_ events: [IntegrationEvent]) async throws(WorkFailure) {
        guard !events.isEmpty else { return }
        var messages: [AMQPOutgoingMessage] = []
        messages.reserveCapacity(events.count)
        for event in events {
            messages.append(try Self.message(for: event, exchange: exchange))
        }
        do {
            try await publisher.publish(messages)
        } catch {
            throw .transient("integration log not confirmed: \(error)")
        }
        Self.count(events)
    }

    /// The log's entries as metrics, for the alerting rules and the dashboard in
    /// `docker/monitoring/`: entries per flow and status, and each flow's latest success time.
    private static func count(_ events: [IntegrationEvent]) {
        // Counted per flow and status first: a flush can record 100,000 entries at once.
        var counts: [FlowStatus: Int] = [:]
        var latestSuccess: [String: Double] = [:]
        for event in events {
            let flow = IntegrationFlow(of: event).rawValue
            counts[FlowStatus(flow: flow, status: event.status.rawValue.lowercased()), default: 0] += 1
            if event.status == .success {
                latestSuccess[flow] = max(latestSuccess[flow] ?? 0, event.at.timeIntervalSince1970)
            }
        }
        for (key, count) in counts {
            Counter(label: "carrefour_flow_events_total", dimensions: [("flow", key.flow), ("status", key.status)]).increment(by: count)
        }
        for (flow, time) in latestSuccess {
            Gauge(label: "carrefour_flow_last_success_timestamp_seconds", dimensions: [("flow", flow)]).record(time)
        }
    }

    private struct FlowStatus: Hashable {
        var flow: String
        var status: String
    }

    /// Records one event.
    public func record(_ event: IntegrationEvent) async throws(WorkFailure) {
        try await record([event])
    }

    /// The AMQP message of `event` (``IntegrationEventEnvelope``).
    public static func message(for event: IntegrationEvent, exchange: String) throws(WorkFailure) -> AMQPOutgoingMessage {
        do {
            return try IntegrationEventEnvelope.message(for: event, exchange: exchange)
        } catch {
            throw WorkFailure(error)
        }
    }

    /// Decodes an entry read back from the log.
    public static func decode(_ body: [UInt8]) throws -> IntegrationEvent {
        try IntegrationEventEnvelope.decode(body)
    }
}
