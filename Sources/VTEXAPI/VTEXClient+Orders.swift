#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport
public import HTTPLayer

/// OMS and Feed v3 (reference/vtex-apis.md §5, §8): read an order, cancel it, read and commit the
/// orders feed, configure the feed or the hook.
extension VTEXClient {
    /// `GET /api/oms/pvt/orders/{orderId}`; a 404 is ``VTEXError/notFound(operation:message:)``.
    public func order(_ orderId: String) async throws(VTEXError) -> VTEXOrder {
        try await json(VTEXOrder.self, "get order", path: "/api/oms/pvt/orders/\(Self.segment(orderId))")
    }

    /// `POST /api/oms/pvt/orders/{orderId}/cancel` with the reason. Refused (409) for an invoiced order.
    public func cancelOrder(_ orderId: String, reason: String) async throws(VTEXError) -> OMSReceipt {
        struct Body: Encodable, Sendable { var reason: String }
        return try await json(
            OMSReceipt.self, "cancel order", method: .post, path: "/api/oms/pvt/orders/\(Self.segment(orderId))/cancel",
            body: Body(reason: reason), subject: orderId)
    }

    /// `GET /api/orders/feed?maxlot=`: up to `maxLot` (1…10) events, hidden from further reads until
    /// committed or the queue's visibility timeout passes. 404 when no feed is configured.
    public func readOrderFeed(maxLot: Int = 10) async throws(VTEXError) -> [OrderFeedItem] {
        try await json([OrderFeedItem].self, "read orders feed", path: "/api/orders/feed", query: [("maxlot", String(min(max(maxLot, 1), 10)))])
    }

    /// `POST /api/orders/feed` `{handles}`: removes the read events.
    public func commitOrderFeed(handles: [String]) async throws(VTEXError) {
        guard !handles.isEmpty else { return }
        let body = try Self.jsonBody(OrderFeedCommit(handles: handles), call: "commit orders feed")
        _ = try await send("commit orders feed", method: .post, path: "/api/orders/feed", body: body, effect: .subscription)
    }

    /// `POST /api/orders/feed/config`: creates or replaces the feed of this AppKey.
    public func configureOrderFeed(_ configuration: OrderFeedConfiguration) async throws(VTEXError) {
        let body = try Self.jsonBody(configuration, call: "configure orders feed")
        _ = try await send("configure orders feed", method: .post, path: "/api/orders/feed/config", body: body, effect: .subscription)
    }

    /// `POST /api/orders/hook/config`: VTEX pings the URL (`{"hookConfig":"ping"}`, answered 200)
    /// before it saves the hook.
    public func configureOrderHook(_ configuration: OrderHookConfiguration) async throws(VTEXError) {
        let body = try Self.jsonBody(configuration, call: "configure orders hook")
        _ = try await send("configure orders hook", method: .post, path: "/api/orders/hook/config", body: body, effect: .subscription)
    }

    /// A JSON request body; a value that cannot be encoded is reported as the call's failure.
    static func jsonBody(_ value: some Encodable & Sendable, call: String) throws(VTEXError) -> HTTPBody {
        do {
            return try HTTPBody.json(value, encoder: encoder)
        } catch {
            throw .invalidResponse(operation: call, message: "cannot encode the request: \(error)")
        }
    }

    static func segment(_ id: String) -> String {
        PercentEncoding.encode(id, allowing: .urlPathAllowed.subtracting("/"))
    }
}
