import Hummingbird

extension VTEXSandbox {
    /// New Order Integration (vtex-apis.md §6): both routes answer SOI003 at once and queue the work; the
    /// outcome is POSTed to `connectorEndpoint` (see `VTEXOutbox`). A body that cannot be decoded (a required
    /// field missing or mistyped) is refused synchronously with 400 and EOI005 in the same contract.
    func addOrderIntegrationRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/order-integration/orders") { request, _ -> Response in
            calls.record("EnqueueNewOrder")
            let account = store.withState { $0.accountName }
            guard let affiliateId = request.uri.queryParameters.get("affiliateId"), !affiliateId.isEmpty else {
                return try RouteSupport.json(Self.refusal("PlaceOrder", account, "affiliateId query parameter is required"),
                                             status: .badRequest)
            }
            switch await RouteSupport.decode(NewOrderRequest.self, from: request) {
            case .failure(let failure):
                return try RouteSupport.json(Self.refusal("PlaceOrder", account, failure.message), status: .badRequest)
            case .success(let body):
                outbox.enqueue(.newOrder(body, affiliateId: affiliateId))
                return try RouteSupport.json(OrderIntegrationResult.enqueued(flow: "PlaceOrder", accountName: account))
            }
        }
        router.put("/api/order-integration/orders/status") { request, _ -> Response in
            calls.record("UpdateOrderStatus")
            let (account, affiliateId) = store.withState { ($0.accountName, $0.affiliate.id) }
            switch await RouteSupport.decode(OrderStatusRequest.self, from: request) {
            case .failure(let failure):
                return try RouteSupport.json(Self.refusal("ApproveOrder", account, failure.message), status: .badRequest)
            case .success(let body):
                // The approve call carries no affiliateId: the order is the affiliate's
                // (`{affiliateId}-{marketplaceOrderId}`), unless a query parameter names another.
                let affiliate = request.uri.queryParameters.get("affiliateId").map { String($0) } ?? affiliateId
                outbox.enqueue(.approve(body, affiliateId: affiliate))
                return try RouteSupport.json(OrderIntegrationResult.enqueued(flow: "ApproveOrder", accountName: account))
            }
        }
    }

    /// The synchronous EOI005 refusal of an undecodable request.
    static func refusal(_ flow: String, _ account: String, _ message: String) -> OrderIntegrationResult {
        OrderIntegrationResult(
            marketplaceOrderId: nil, accountName: Nullable(account), code: "EOI005", flow: flow, success: false,
            operationId: nil,
            errors: Nullable([.init(source: "Order Integration", code: "FMT001", description: message)]),
            fields: nil, message: "Validation error: \(message)")
    }
}
