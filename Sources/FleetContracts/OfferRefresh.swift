#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// `offer.refresh` (notes/MESSAGES.md): the offer of one SKU must be read again and sent to
/// Carrefour (its product is catalogued, or the catalog learnt of a change). The offer-batcher
/// consumes it from `offers.work`.
public struct OfferRefresh: FleetMessage, Equatable {
    public static let routingKey = "offer.refresh"

    /// The VTEX SKU id (the Mirakl shop SKU).
    public var skuId: String
    /// Why the refresh was asked (for logs).
    public var reason: String
    /// Set when the refresh probes whether Carrefour has catalogued the product yet: when the
    /// SKU's wait for cataloguing began (the offer-batcher copies it into the
    /// ``SKUAwaitingCatalog`` it publishes if the offer is refused as not catalogued).
    public var waitingSince: Date?

    public init(skuId: String, reason: String, waitingSince: Date? = nil) {
        self.skuId = skuId
        self.reason = reason
        self.waitingSince = waitingSince
    }
}
