/// `offer.refresh` (notes/MESSAGES.md): the offer of one SKU must be read again and sent to
/// Carrefour (its product is catalogued, or the catalog learnt of a change). The offer-batcher
/// consumes it from `offers.work`.
public struct OfferRefresh: FleetMessage, Equatable {
    public static let routingKey = "offer.refresh"

    /// The VTEX SKU id (the Mirakl shop SKU).
    public var skuId: String
    /// Why the refresh was asked (for logs).
    public var reason: String

    public init(skuId: String, reason: String) {
        self.skuId = skuId
        self.reason = reason
    }
}
