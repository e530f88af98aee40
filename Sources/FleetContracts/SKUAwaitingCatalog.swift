#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// `sku.awaiting-catalog` (notes/MESSAGES.md): Carrefour refused an offer because its product is
/// not catalogued yet (OF03, carrefour-inventory-integration-errors.pt.md); the catalog worker
/// puts the SKU back in its wait and asks for the offer again once catalogued.
public struct SKUAwaitingCatalog: FleetMessage, Equatable {
    public static let routingKey = "sku.awaiting-catalog"

    /// The VTEX SKU id (the Mirakl shop SKU).
    public var skuId: String
    /// Carrefour's refusal (the OF03 message).
    public var reason: String
    /// When the SKU's wait for cataloguing began, copied from the ``OfferRefresh`` that was
    /// refused; absent, the wait begins now.
    public var waitingSince: Date?

    public init(skuId: String, reason: String, waitingSince: Date? = nil) {
        self.skuId = skuId
        self.reason = reason
        self.waitingSince = waitingSince
    }
}
