public import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// `order.changed` (notes/MESSAGES.md): a Carrefour order needs work; the order-importer consumes it
/// from `orders.work`. The poll sends the order as it read it (`order`, Mirakl's OR11 shape), so
/// the worker spends no second OR11 call — Mirakl allows the polling use once a minute; a sender
/// that knows only the id leaves it out and the worker reads the order by id.
public struct OrderChanged: FleetMessage, Equatable {
    public static let routingKey = "order.changed"

    /// Mirakl's `order_id`.
    public var orderId: String
    /// The order's state when sent.
    public var state: String?
    /// The order's `last_updated_date` when sent.
    public var updatedAt: Date?
    /// The order as OR11 returned it, when the sender read it: Mirakl's JSON as the fleet's codec
    /// wrote it (dates ISO-8601). The contract carries it as a plain JSON value; the order flow
    /// reads it back as its Mirakl type.
    public var order: JSONValue?

    public init(orderId: String, state: String? = nil, updatedAt: Date? = nil, order: JSONValue? = nil) {
        self.orderId = orderId
        self.state = state
        self.updatedAt = updatedAt
        self.order = order
    }

    /// The message for `order` (any `Encodable` in OR11's shape), read by the poll, whose `order_id`,
    /// `order_state` and `last_updated_date` are given beside it.
    public init(orderId: String, state: String, updatedAt: Date, encoding order: some Encodable) throws(FleetMessageError) {
        self.init(orderId: orderId, state: state, updatedAt: updatedAt, order: try Self.json(of: order))
    }

    /// The embedded order decoded as `type` (nil when the sender sent only the id).
    public func order<Order: Decodable>(as type: Order.Type) throws(FleetMessageError) -> Order? {
        guard let order else { return nil }
        do {
            return try FleetMessageCoding.decoder.decode(Order.self, from: FleetMessageCoding.encoder.encode(order))
        } catch {
            throw .undecodable("\(Self.routingKey) order \(orderId): \(error)")
        }
    }

    private static func json(of value: some Encodable) throws(FleetMessageError) -> JSONValue {
        do {
            return try FleetMessageCoding.decoder.decode(JSONValue.self, from: FleetMessageCoding.encoder.encode(value))
        } catch {
            throw .unencodable("\(routingKey) order: \(error)")
        }
    }

    /// The message id naming this version of the order: `order:<id>:<update ms>` (a fresh one
    /// when the version is unknown).
    public var versionId: String {
        let version = updatedAt.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? UUID().uuidString.lowercased()
        return "order:\(orderId):\(version)"
    }
}
