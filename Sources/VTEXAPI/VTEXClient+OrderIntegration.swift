public import HTTPLayer

/// New Order Integration (reference/vtex-apis.md §6): place a marketplace order, approve it. Both
/// calls answer at once (`SOI003`, enqueued); VTEX posts the outcome to the connector endpoint.
extension VTEXClient {
    /// `POST /api/order-integration/orders?affiliateId=` (EnqueueNewOrder). A body VTEX cannot read
    /// is refused at once (400, `EOI005`), which arrives as ``VTEXError/rejected(operation:status:message:)``.
    public func placeOrder(_ order: NewOrderIntegrationRequest, affiliateId: String) async throws(VTEXError) -> OrderIntegrationResult {
        try await json(
            OrderIntegrationResult.self, "new order integration", method: .post, path: "/api/order-integration/orders",
            query: [("affiliateId", affiliateId)], body: order, subject: order.marketplaceOrderId)
    }

    /// `PUT /api/order-integration/orders/status` (UpdateOrderStatus) with `approved`: the approve call.
    public func approveOrder(_ update: OrderStatusUpdate) async throws(VTEXError) -> OrderIntegrationResult {
        try await json(
            OrderIntegrationResult.self, "approve order", method: .put, path: "/api/order-integration/orders/status",
            body: update, subject: update.marketplaceOrderId)
    }
}
