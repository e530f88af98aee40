/// A message to publish: where it goes, its properties and its body.
public struct AMQPOutgoingMessage: Sendable, Hashable {
    /// The exchange; `""` is the default exchange, which routes by queue name.
    public var exchange: String
    public var routingKey: String
    public var properties: AMQPProperties
    public var body: [UInt8]
    /// Ask the broker to return the message if no queue takes it; a returned message is reported
    /// as ``AMQPPublishOutcome/returned(replyCode:replyText:)`` rather than silently dropped.
    public var mandatory: Bool

    public init(
        exchange: String = "", routingKey: String, properties: AMQPProperties = .init(),
        body: [UInt8], mandatory: Bool = true
    ) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.body = body
        self.mandatory = mandatory
    }
}

/// A message the broker delivered to a consumer (or answered to a `basic.get`).
public struct AMQPDelivery: Sendable {
    /// Identifies the delivery for ack, nack and reject on the connection that received it.
    public var tag: AMQPDeliveryTag
    public var exchange: String
    public var routingKey: String
    /// Set when the broker delivered this message before (to this or another consumer).
    public var redelivered: Bool
    public var consumerTag: String
    public var properties: AMQPProperties
    public var body: [UInt8]

    public init(
        tag: AMQPDeliveryTag, exchange: String, routingKey: String, redelivered: Bool,
        consumerTag: String, properties: AMQPProperties, body: [UInt8]
    ) {
        self.tag = tag
        self.exchange = exchange
        self.routingKey = routingKey
        self.redelivered = redelivered
        self.consumerTag = consumerTag
        self.properties = properties
        self.body = body
    }
}

/// A delivery tag together with the connection session it belongs to.
///
/// Tags are only meaningful on the connection that received them. After a reconnect the old
/// tags are void (the broker requeued those messages); acknowledging one is then a no-op
/// rather than an error that would close the new channel.
public struct AMQPDeliveryTag: Sendable, Hashable, Comparable {
    public var session: UInt64
    public var value: UInt64

    public init(session: UInt64, value: UInt64) {
        self.session = session
        self.value = value
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.session, lhs.value) < (rhs.session, rhs.value)
    }
}

/// What the broker said about one published message.
public enum AMQPPublishOutcome: Sendable, Hashable {
    /// Accepted by every queue it was routed to (written to disk for persistent messages on
    /// durable queues, replicated to a quorum for quorum queues).
    case confirmed
    /// Unroutable with `mandatory` set: no queue took it.
    case returned(replyCode: UInt16, replyText: String)
    /// The broker refused it (an internal error, or a full queue with `reject-publish`).
    case nacked

    /// Whether the broker took responsibility for the message.
    public var isConfirmed: Bool { self == .confirmed }
}

/// Ready and consumer counts of a queue, from a passive declare.
///
/// A passive declare cannot give the unacknowledged count (rabbitmq-recoverability.md §0.7):
/// that comes from the management API.
public struct AMQPQueueState: Sendable, Hashable {
    public var name: String
    public var readyMessages: UInt32
    public var consumers: UInt32

    public init(name: String, readyMessages: UInt32, consumers: UInt32) {
        self.name = name
        self.readyMessages = readyMessages
        self.consumers = consumers
    }
}
