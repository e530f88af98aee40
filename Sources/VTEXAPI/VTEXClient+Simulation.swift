public import HTTPLayer

/// The fulfillment simulation (reference/vtex-apis.md §4b): the final price and the sellable
/// quantity of SKUs on a trade policy, as the seeds require for offers
/// (how-the-carrefour-integration-works.md §3: "the integration sends only the final price,
/// based on the response of the fulfillment simulation").
extension VTEXClient {
    /// Simulates `skuIds` (one unit each, seller `1`) on trade policy `tradePolicy` for affiliate
    /// `affiliateId`: `POST /api/fulfillment/pvt/orderForms/simulation?sc=&affiliateId=`.
    public func fulfillmentSimulation(
        skuIds: [String], tradePolicy: String, affiliateId: String
    ) async throws(VTEXError) -> FulfillmentSimulation {
        try await json(
            FulfillmentSimulation.self, "fulfillment simulation", method: .post,
            path: "/api/fulfillment/pvt/orderForms/simulation",
            query: [("sc", tradePolicy), ("affiliateId", affiliateId)],
            body: FulfillmentSimulationRequest(items: skuIds.map { FulfillmentSimulationRequest.Item(id: $0) }), effect: .read)
    }
}
