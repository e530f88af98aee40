public import AMQPLayer
public import FleetContracts
public import WorkerRuntime

/// Publishes what the ingress received, one message at a time, to the events exchange with a
/// publisher confirm, and throws when the broker did not confirm it in time, so a route can
/// answer 503 and let the sender retry (ARCHITECTURE.md "Processes": the ingress answers 200 only
/// once the message is safely published).
public struct IngressPublisher: Sendable {
    /// Why a message was not published; the route answers 503.
    public struct NotPublished: Error, Sendable, CustomStringConvertible {
        /// The broker's or the publisher's reason (never credentials).
        public var reason: String
        public var description: String { reason }
    }

    /// The events exchange.
    public let exchange: String
    private let publisher: ReliablePublisher
    private let timeout: Duration

    /// A publisher to `topology`'s events exchange that gives up after `timeout`.
    public init(publisher: ReliablePublisher, topology: Topology, timeout: Duration) {
        self.publisher = publisher
        self.exchange = topology.fleet.exchanges.events
        self.timeout = timeout
    }

    /// Publishes `message` and returns once the broker confirmed it (a returned, unroutable
    /// message is not confirmed).
    public func publish(_ message: AMQPOutgoingMessage) async throws(NotPublished) {
        do {
            try await publisher.publish([message], deadline: timeout)
        } catch {
            throw NotPublished(reason: error.description)
        }
    }

    /// Publishes a fleet message with id `id` to the events exchange.
    public func publish<Message: FleetMessage>(_ value: Message, id: String) async throws(NotPublished) {
        let message: AMQPOutgoingMessage
        do {
            message = try value.message(exchange: exchange, id: id, appID: "ingress")
        } catch {
            throw NotPublished(reason: error.description)
        }
        try await publish(message)
    }
}
