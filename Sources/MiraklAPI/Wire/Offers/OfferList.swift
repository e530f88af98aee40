public import Foundation

/// One page of OF21 (`GET /api/offers`): the shop's offers (spec `OF21_Response_200`).
public struct OfferList: Sendable, Decodable, Equatable {
    /// One offer, with the fields the connector reads.
    public struct Offer: Sendable, Decodable, Equatable {
        /// The shop's offer SKU (the `sku` column of OF01).
        public var shopSKU: String
        /// The price Mirakl holds.
        public var price: Decimal
        /// The quantity Mirakl holds.
        public var quantity: Int
        /// Whether the offer is on sale.
        public var active: Bool

        enum CodingKeys: String, CodingKey {
            case shopSKU = "shop_sku", price, quantity, active
        }

        public init(shopSKU: String, price: Decimal, quantity: Int, active: Bool) {
            self.shopSKU = shopSKU
            self.price = price
            self.quantity = quantity
            self.active = active
        }
    }

    public var offers: [Offer]
    public var totalCount: Int

    enum CodingKeys: String, CodingKey {
        case offers, totalCount = "total_count"
    }
}
