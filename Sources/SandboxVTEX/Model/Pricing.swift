/// The price record of one SKU, in integer cents (the Checkout/OMS unit, vtex-apis.md "Money").
struct SKUPrice: Sendable, Codable {
    /// The base selling price; nil means "no price" (simulation availability `withoutPrice`).
    var basePrice: Int?
    /// The "from" price shown struck through; defaults to the base price.
    var listPrice: Int?
    /// Fixed prices keyed by trade policy id (as a string, so it reads as a JSON object): they replace the
    /// base price on that policy (how-the-carrefour-integration-works.md §3 example 2).
    var fixedPrices: [String: Int]
}

/// A percentage promotion ("benefit") on some SKUs of some trade policies, computed by the simulation
/// (how-the-carrefour-integration-works.md §4: the marketplace price already carries the discount).
struct Promotion: Sendable, Codable {
    var id: String
    var name: String
    /// Whole percent off the selling price, 1…100.
    var percentage: Int
    var skuIds: [Int]
    var tradePolicies: [Int]
}

/// Warehouse stock of one SKU (Logistics API balance: available = total − reserved).
struct InventoryLevel: Sendable, Codable {
    var totalQuantity: Int
    var reservedQuantity: Int
    var unlimited: Bool

    /// What can still be sold.
    var available: Int { unlimited ? 1_000_000 : max(0, totalQuantity - reservedQuantity) }
}
