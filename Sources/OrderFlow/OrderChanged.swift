public import AMQPLayer
public import Foundation
public import MiraklAPI

/// The `order.changed` message (MESSAGES.md): an order needs work. The poll sends the order as it
/// read it (`order`, Mirakl's OR11 shape), so the worker spends no second OR11 call — Mirakl allows
/// the polling use once a minute; a sender that knows only the id (the reprocessor) leaves it out
/// and the worker reads the order by id.
public struct OrderChanged: Codable, Sendable, Equatable {
    /// The AMQP type and routing key.
    public static let type = "order.changed"

    /// Mirakl's `order_id`.
    public var orderId: String
    /// The order's state when sent.
    public var state: String?
    /// The order's `last_updated_date` when sent.
    public var updatedAt: Date?
    /// The order as OR11 returned it, when the sender read it.
    public var order: MiraklOrder?

    public init(orderId: String, state: String? = nil, updatedAt: Date? = nil, order: MiraklOrder? = nil) {
        self.orderId = orderId
        self.state = state
        self.updatedAt = updatedAt
        self.order = order
    }

    /// The message for `order`, read by the poll.
    public init(order: MiraklOrder) {
        self.init(orderId: order.orderId, state: order.state, updatedAt: order.lastUpdatedDate, order: order)
    }

    /// The AMQP message to the events exchange; its id (`order:<id>:<update ms>`) names this
    /// version of the order.
    public func message(exchange: String) throws -> AMQPOutgoingMessage {
        var properties = AMQPProperties(contentType: "application/json", type: Self.type)
        let version = updatedAt.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? UUID().uuidString.lowercased()
        properties.messageID = "order:\(orderId):\(version)"
        properties.timestamp = Date()
        properties.appID = "order-importer"
        return AMQPOutgoingMessage(
            exchange: exchange, routingKey: Self.type, properties: properties, body: Array(try MiraklClient.encoder.encode(self)))
    }
}
