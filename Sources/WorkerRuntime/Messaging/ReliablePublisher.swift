public import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Logging

/// Publishes with publisher confirms on a connection of its own, reconnecting when the broker
/// goes away and publishing again what was not confirmed (at-least-once: consumers are
/// idempotent, ARCHITECTURE.md "The broker is the only state").
///
/// A returned message (no queue bound for it) or a nack is an error: a message the broker did
/// not take must never be treated as sent.
///
/// Every message leaves with ``MessageHistory/firstSeenHeader``: one that has none (a change
/// entering the fleet: the ingress, a flow's new message) is stamped with the time it is
/// published; a copy (retry, delayed, parked, replayed) keeps the one it carries. A batch
/// window's due time counts from it, so a restarted worker finds it in the broker (see
/// `BatchConsumer`).
public actor ReliablePublisher {
    /// Why a publish did not go through.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// No queue took the message: the topology is missing a binding.
        case unroutable(exchange: String, routingKey: String, reason: String)
        /// The broker refused the message.
        case refused(exchange: String, routingKey: String)
        /// The broker could not be reached before the deadline.
        case brokerUnavailable(String)

        public var description: String {
            switch self {
            case .unroutable(let exchange, let key, let reason): return "no queue took the message to \(exchange.isEmpty ? "(default)" : exchange)/\(key): \(reason)"
            case .refused(let exchange, let key): return "the broker refused the message to \(exchange.isEmpty ? "(default)" : exchange)/\(key)"
            case .brokerUnavailable(let text): return "broker unavailable: \(text)"
            }
        }
    }

    private let configuration: AMQPConfiguration
    private let logger: Logger
    private let maxReconnectDelay: Duration
    private var connection: AMQPConnection?

    public init(configuration: AMQPConfiguration, logger: Logger, maxReconnectDelay: Duration = .seconds(5)) {
        self.configuration = configuration
        self.logger = logger
        self.maxReconnectDelay = maxReconnectDelay
    }

    /// Publishes `messages` and returns once the broker confirmed every one of them. Retries across
    /// reconnects until `deadline` passes; then throws ``Failure/brokerUnavailable(_:)``.
    public func publish(_ messages: [AMQPOutgoingMessage], deadline: Duration = .seconds(30)) async throws(Failure) {
        guard !messages.isEmpty else { return }
        let messages = Self.stamped(messages, at: Date())
        let until = ContinuousClock.now.advanced(by: deadline)
        let reconnecting = Reconnecting(initial: .milliseconds(100), maximum: maxReconnectDelay)
        let published: Void? = try await reconnecting.untilSuccess { (error, _) async throws(Failure) in
            if let failure = error as? Failure { throw failure }
            await dropConnection()
            guard ContinuousClock.now < until else { throw .brokerUnavailable("\(error)") }
            logger.warning("publish failed, reconnecting", metadata: ["error": "\(error)"])
        } attempt: {
            let connection = try await connected()
            let outcomes = try await connection.publish(messages, timeout: min(deadline, .seconds(30)))
            for (message, outcome) in zip(messages, outcomes) {
                switch outcome {
                case .confirmed: continue
                case .returned(_, let text): throw Failure.unroutable(exchange: message.exchange, routingKey: message.routingKey, reason: text)
                case .nacked: throw Failure.refused(exchange: message.exchange, routingKey: message.routingKey)
                }
            }
        }
        // Never stopped early (no `stop`), so it published; the guard keeps a false success impossible.
        guard published != nil else { throw .brokerUnavailable("publishing stopped") }
    }

    /// `messages`, each with a first-seen time: `now` where it had none.
    static func stamped(_ messages: [AMQPOutgoingMessage], at now: Date) -> [AMQPOutgoingMessage] {
        guard messages.contains(where: { $0.properties.headers[MessageHistory.firstSeenHeader] == nil }) else { return messages }
        let milliseconds = AMQPFieldValue.int64(MessageHistory.milliseconds(now))
        return messages.map { message in
            guard message.properties.headers[MessageHistory.firstSeenHeader] == nil else { return message }
            var message = message
            message.properties.headers[MessageHistory.firstSeenHeader] = milliseconds
            return message
        }
    }

    /// Closes the connection.
    public func close() async {
        await connection?.close()
        connection = nil
    }

    private func connected() async throws -> AMQPConnection {
        if let connection, await connection.isOpen { return connection }
        let connection = try await AMQPConnection.connect(configuration)
        self.connection = connection
        return connection
    }

    private func dropConnection() async {
        await connection?.close()
        connection = nil
    }
}
