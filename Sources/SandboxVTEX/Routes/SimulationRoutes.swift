import Hummingbird

extension VTEXSandbox {
    /// Fulfillment simulation (vtex-apis.md §4): Checkout's `pub` route and the fulfillment-protocol `pvt`
    /// route with `stockBalance`. `sc` defaults to the affiliate's trade policy.
    func addSimulationRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/checkout/pub/orderForms/simulation") { request, _ -> Response in
            calls.record("CartSimulation")
            return await simulate(request, fulfillmentProtocol: false)
        }
        router.post("/api/fulfillment/pvt/orderForms/simulation") { request, _ -> Response in
            calls.record("FulfillmentSimulation")
            return await simulate(request, fulfillmentProtocol: true)
        }
    }

    private func simulate(_ request: Request, fulfillmentProtocol: Bool) async -> Response {
        switch await RouteSupport.decode(SimulationRequest.self, from: request) {
        case .failure(let failure):
            return RouteSupport.error(.badRequest, failure.message)
        case .success(let body):
            if let violation = body.contractViolation(fulfillmentProtocol: fulfillmentProtocol) {
                return RouteSupport.error(.badRequest, violation)
            }
            let result = store.withState { state in
                state.simulate(body, tradePolicy: request.intQuery("sc") ?? (Int(state.affiliate.salesChannel) ?? state.tradePolicyId),
                               fulfillmentProtocol: fulfillmentProtocol, now: store.now)
            }
            return (try? RouteSupport.json(result)) ?? RouteSupport.error(.internalServerError, "encoding failed")
        }
    }
}
