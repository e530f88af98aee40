public import HTTPLayer

/// The simulation the order flow checks orders with (reference/vtex-apis.md §4a). Kept apart from
/// the offer flow's simulation call so the two flows' wire types evolve on their own.
extension VTEXClient {
    /// `POST /api/checkout/pub/orderForms/simulation?sc=&affiliateId=`.
    public func simulateOrder(_ request: OrderSimulationRequest, tradePolicy: String, affiliateId: String) async throws(VTEXError) -> OrderSimulationResponse {
        try await json(
            OrderSimulationResponse.self, "order simulation", method: .post, path: "/api/checkout/pub/orderForms/simulation",
            query: [("sc", tradePolicy), ("affiliateId", affiliateId)], body: request, effect: .read)
    }
}
