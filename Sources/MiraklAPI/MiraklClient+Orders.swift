#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport
public import HTTPLayer

/// The order calls (reference/mirakl-api.md §4): OR11 list, OR21 accept/refuse, OR23 tracking,
/// OR24 ship. OR29 (cancel by the shop) is not used: the connector never cancels on Carrefour
/// (seeds: a cancellation made in VTEX cannot cancel on Carrefour).
extension MiraklClient {
    /// OR11 `GET /api/orders`: one page of orders.
    ///
    /// Mirakl allows the asynchronous use (polling) at most once per minute; reading given orders
    /// by `order_ids` is the synchronous use ("at each order page display"), which replaced OR12.
    public func orders(_ query: MiraklOrderQuery) async throws(MiraklError) -> MiraklOrderPage {
        try await get(MiraklOrderPage.self, "OR11", path: "/api/orders", query: query.parameters)
    }

    /// OR11 with `order_ids`: the given orders (at most 100), in creation order; ids Mirakl does not
    /// know are simply absent.
    public func orders(ids: [String]) async throws(MiraklError) -> [MiraklOrder] {
        guard !ids.isEmpty else { return [] }
        let query = MiraklOrderQuery(orderIds: Array(ids.prefix(MiraklOrderQuery.maximumPageSize)), max: MiraklOrderQuery.maximumPageSize)
        return try await orders(query).orders
    }

    /// OR21 `PUT /api/orders/{order_id}/accept`: accepts or refuses every line (204). Only valid in
    /// WAITING_ACCEPTANCE; every line must be decided.
    public func decide(orderId: String, lines: [MiraklLineDecision]) async throws(MiraklError) {
        _ = try await send(
            "OR21", method: .put, path: "/api/orders/\(Self.pathSegment(orderId))/accept",
            body: try Self.json(MiraklAcceptanceBody(order_lines: lines), operation: "OR21"), subject: orderId)
    }

    /// OR23 `PUT /api/orders/{order_id}/tracking`: the carrier and tracking number (204).
    public func updateTracking(orderId: String, _ tracking: MiraklTracking) async throws(MiraklError) {
        _ = try await send(
            "OR23", method: .put, path: "/api/orders/\(Self.pathSegment(orderId))/tracking",
            body: try Self.json(tracking, operation: "OR23"), subject: orderId)
    }

    /// OR24 `PUT /api/orders/{order_id}/ship`, no body: SHIPPING → SHIPPED (204).
    public func ship(orderId: String) async throws(MiraklError) {
        _ = try await send("OR24", method: .put, path: "/api/orders/\(Self.pathSegment(orderId))/ship", subject: orderId)
    }

    static func json(_ value: some Encodable & Sendable, operation: String) throws(MiraklError) -> HTTPBody {
        do {
            return try HTTPBody.json(value)
        } catch {
            throw .invalidResponse(operation: operation, message: "cannot encode the request: \(error)")
        }
    }

    /// An id made safe for a path segment.
    static func pathSegment(_ id: String) -> String {
        PercentEncoding.encode(id, allowing: .urlPathAllowed.subtracting("/"))
    }
}
