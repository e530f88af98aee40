public import AMQPLayer
import Foundation

/// The `vtex.order.status` message (MESSAGES.md): a VTEX order changed, from the Feed v3 poll or
/// the orders hook (through the ingress).
public struct OrderStatusChanged: Codable, Sendable, Equatable {
    /// The AMQP type and routing key.
    public static let type = "vtex.order.status"

    /// The VTEX order id (`CRF-<Mirakl order id>` for a Carrefour order).
    public var orderId: String
    /// The order's status at the change (`invoiced`, `canceled`…).
    public var state: String?
    public var lastState: String?
    /// When the change happened, as VTEX wrote it.
    public var lastChange: String?

    public init(orderId: String, state: String?, lastState: String? = nil, lastChange: String? = nil) {
        self.orderId = orderId
        self.state = state
        self.lastState = lastState
        self.lastChange = lastChange
    }

    /// The AMQP message to the events exchange.
    public func message(exchange: String, id: String) throws -> AMQPOutgoingMessage {
        var properties = AMQPProperties(contentType: "application/json", type: Self.type)
        properties.messageID = id
        properties.timestamp = Date()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return AMQPOutgoingMessage(exchange: exchange, routingKey: Self.type, properties: properties, body: Array(try encoder.encode(self)))
    }
}
