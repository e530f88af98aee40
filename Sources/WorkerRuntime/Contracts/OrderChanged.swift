#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import MiraklAPI

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

    /// The message id naming this version of the order: `order:<id>:<update ms>` (a fresh one
    /// when the version is unknown).
    public var versionId: String {
        let version = updatedAt.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? UUID().uuidString.lowercased()
        return "order:\(orderId):\(version)"
    }
}
