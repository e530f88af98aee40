import Foundation

/// An offer accepted by an OF01 import, keyed by shop SKU.
struct OfferRecord: Sendable {
    var offerId: Int
    var shopSKU: String
    var productSKU: String
    var price: Decimal
    var quantity: Int
    var stateCode: String
    var importId: Int
    var updated: Date
    /// Offers are active when they have stock (how-the-carrefour-integration-works.md "Product status").
    var active: Bool { quantity > 0 }
}
