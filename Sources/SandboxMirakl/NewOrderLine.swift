public import Foundation

/// One line of an order to create through the admin API.
public struct NewOrderLine: Sendable, Codable {
    /// The shop SKU (VTEX SKU id) ordered.
    public var sku: String
    /// Units ordered.
    public var quantity: Int
    /// Unit price; defaults to the offer's price, else 100.00.
    public var price: Decimal?
    /// Shipping price of the line; defaults to 10.00.
    public var shippingPrice: Decimal?
    /// The whole line's price when a promotion priced it as a whole ("3 for 10.00"): OR11's line
    /// `price` is then not `price_unit` × `quantity` (the unit price is rounded to the cent).
    public var linePrice: Decimal?

    /// A line.
    public init(sku: String, quantity: Int, price: Decimal? = nil, shippingPrice: Decimal? = nil) {
        self.sku = sku
        self.quantity = quantity
        self.price = price
        self.shippingPrice = shippingPrice
    }
}
