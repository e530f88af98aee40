public import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import IntegrationRules
import WorkerRuntime

/// Reads the integration log back from its stream (`integration.log`), for `carrefourctl log`,
/// `carrefourctl reprocess --follow` and the tests.
///
/// A stream is read by a consumer with an `x-stream-offset` argument and a prefetch
/// (rabbitmq-recoverability.md, streams); deliveries are acknowledged, which only moves the
/// consumer's credit: nothing is removed from the log.
public struct IntegrationLogReader: Sendable {
    /// Where reading starts.
    public enum Start: Sendable {
        /// The oldest entry the stream still holds (30 days' retention in topology.json).
        case first
        /// Entries from this time on (the stream's chunk granularity may add a few older ones).
        case since(Date)
    }

    /// The stream's name.
    public let queue: String

    /// A reader of `queue` (the topology's `integrationLog.queue`).
    public init(queue: String) {
        self.queue = queue
    }

    /// A reader of the topology's integration log.
    public init(topology: Topology) {
        self.queue = topology.fleet.integrationLog.queue
    }

    /// Every entry from `start` up to the end of the log as it stands now, oldest first.
    /// Entries that cannot be decoded are skipped (they are not the fleet's).
    public func readAll(_ connection: AMQPConnection, from start: Start) async throws(AMQPError) -> [IntegrationEvent] {
        guard let tail = try await tailOffset(connection) else { return [] }
        var events: [IntegrationEvent] = []
        try await read(connection, from: start) { event, offset in
            if let event { events.append(event) }
            return offset < tail
        }
        return events
    }

    /// Reads from `start`, handing each entry (nil when undecodable) and its offset to `visit`
    /// until it returns false; waits for new entries while nothing arrives, up to `idleLimit`
    /// (nil = for ever).
    public func read(
        _ connection: AMQPConnection, from start: Start, idleLimit: Duration? = nil,
        _ visit: (IntegrationEvent?, Int64) async -> Bool
    ) async throws(AMQPError) {
        try await connection.setPrefetch(500)
        let tag = try await connection.consume(queue, arguments: ["x-stream-offset": Self.offsetArgument(start)])
        var idleSince = ContinuousClock.now
        reading: while true {
            let deliveries = try await connection.receive(maxMessages: 500, timeout: .milliseconds(200))
            if deliveries.isEmpty {
                if let idleLimit, ContinuousClock.now - idleSince > idleLimit { break }
                continue
            }
            idleSince = ContinuousClock.now
            for delivery in deliveries where delivery.consumerTag == tag {
                let event = try? IntegrationLog.decode(delivery.body)
                let more = await visit(event, Self.offset(of: delivery))
                guard more else {
                    try await connection.ack(delivery.tag, multiple: true)
                    break reading
                }
            }
            if let last = deliveries.last { try await connection.ack(last.tag, multiple: true) }
        }
        try await connection.cancel(consumerTag: tag)
    }

    /// The offset of the log's newest entry, or nil when the log is empty: read from the last
    /// chunk, whose entries are the newest.
    func tailOffset(_ connection: AMQPConnection) async throws(AMQPError) -> Int64? {
        try await connection.setPrefetch(500)
        let tag = try await connection.consume(queue, arguments: ["x-stream-offset": .string("last")])
        var tail: Int64?
        var quietRounds = 0
        while quietRounds < (tail == nil ? 5 : 1) {
            let deliveries = try await connection.receive(maxMessages: 500, timeout: .milliseconds(200))
            if deliveries.isEmpty { quietRounds += 1; continue }
            for delivery in deliveries where delivery.consumerTag == tag { tail = max(tail ?? .min, Self.offset(of: delivery)) }
            if let last = deliveries.last { try await connection.ack(last.tag, multiple: true) }
        }
        try await connection.cancel(consumerTag: tag)
        return tail
    }

    static func offsetArgument(_ start: Start) -> AMQPFieldValue {
        switch start {
        case .first: .string("first")
        case .since(let date): .timestamp(date)
        }
    }

    static func offset(of delivery: AMQPDelivery) -> Int64 {
        switch delivery.properties.headers["x-stream-offset"] {
        case .int64(let value)?: value
        case .int32(let value)?: Int64(value)
        case .uint32(let value)?: Int64(value)
        default: -1
        }
    }
}
