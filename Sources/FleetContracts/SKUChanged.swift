#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// `sku.changed` (notes/MESSAGES.md): a VTEX SKU changed, or must be looked at again. The
/// ingress publishes one per affiliate notification, keeping VTEX's flags; `catalog.sync` and
/// the reprocessor publish it without flags, which means "look at everything again". The catalog
/// worker decides between a product import and an offer refresh.
public struct SKUChanged: FleetMessage, Equatable {
    public static let routingKey = "sku.changed"

    /// The VTEX SKU id.
    public var skuId: String
    /// The VTEX product id, when the notification carried it.
    public var productId: String?
    /// VTEX's `IsActive`.
    public var isActive: Bool?
    /// VTEX's `StockModified`.
    public var stockModified: Bool?
    /// VTEX's `PriceModified`.
    public var priceModified: Bool?
    /// VTEX's `HasStockKeepingUnitModified` (catalog data changed).
    public var hasStockKeepingUnitModified: Bool?
    /// VTEX's `HasStockKeepingUnitRemovedFromAffiliate`.
    public var hasStockKeepingUnitRemovedFromAffiliate: Bool?
    /// When the fleet received it.
    public var receivedAt: Date

    public init(
        skuId: String, productId: String? = nil, isActive: Bool? = nil, stockModified: Bool? = nil,
        priceModified: Bool? = nil, hasStockKeepingUnitModified: Bool? = nil,
        hasStockKeepingUnitRemovedFromAffiliate: Bool? = nil, receivedAt: Date = Date()
    ) {
        self.skuId = skuId
        self.productId = productId
        self.isActive = isActive
        self.stockModified = stockModified
        self.priceModified = priceModified
        self.hasStockKeepingUnitModified = hasStockKeepingUnitModified
        self.hasStockKeepingUnitRemovedFromAffiliate = hasStockKeepingUnitRemovedFromAffiliate
        self.receivedAt = receivedAt
    }

    /// Whether VTEX said that only the price and/or the stock changed (no catalog data).
    public var isPriceOrStockOnly: Bool {
        (stockModified == true || priceModified == true) && hasStockKeepingUnitModified != true
            && hasStockKeepingUnitRemovedFromAffiliate != true && isActive != false
    }
}
