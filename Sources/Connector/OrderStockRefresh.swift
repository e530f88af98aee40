import FleetContracts
public import WorkerRuntime

/// Publishes an ``OfferRefresh`` for each SKU whose sellable quantity an order moved (integrated in
/// VTEX, accepted or refused on Carrefour, canceled on either side, invoiced): VTEX need not notify
/// the affiliate of a reservation (docs/stock-and-orders.md §2), so the flow that made the change
/// tells the offer-batcher itself. Published with confirms, before the delivery that caused it is
/// acknowledged: a crash repeats it, never loses it.
public struct OrderStockRefresh: Sendable {
    private let publisher: ReliablePublisher
    private let exchange: String
    private let appID: String

    /// Refreshes published by `appID` (the worker's name) to `exchange` (the events exchange).
    public init(publisher: ReliablePublisher, exchange: String, appID: String) {
        self.publisher = publisher
        self.exchange = exchange
        self.appID = appID
    }

    /// One `offer.refresh` per distinct SKU of `skus`, the reason naming `orderId` and `event`;
    /// message ids `offer.refresh:order:<orderId>:<event>:<sku>`.
    public func refresh(skus: [String], orderId: String, event: String) async throws(WorkFailure) {
        let distinct = Array(Set(skus.filter { !$0.isEmpty })).sorted()
        guard !distinct.isEmpty else { return }
        let messages = try distinct.map { (sku: String) throws(WorkFailure) in
            try OfferRefresh(skuId: sku, reason: "order \(orderId) \(event)")
                .message(exchange: exchange, id: "offer.refresh:order:\(orderId):\(event):\(sku)", appID: appID)
        }
        do {
            try await publisher.publish(messages)
        } catch {
            throw .transient("offer.refresh for order \(orderId) not confirmed: \(error)")
        }
    }
}
