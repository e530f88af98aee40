/// What the fulfillment simulation said about one SKU, as the offer rules need it (prices in
/// cents). The flow fills it from VTEX's answer; `nil` where the answer says nothing.
public struct SimulatedSKU: Sendable, Equatable {
    /// The final unit price in cents: trade-policy fixed prices and benefits included.
    public var priceCents: Int?
    /// The sellable quantity (`logisticsInfo[].stockBalance`).
    public var stockBalance: Int?
    /// `available`, `withoutStock`, `cannotBeDelivered`, `withoutPrice`, when the answer gives it.
    public var availability: String?

    public init(priceCents: Int?, stockBalance: Int?, availability: String? = nil) {
        self.priceCents = priceCents
        self.stockBalance = stockBalance
        self.availability = availability
    }
}

/// The price and quantity to offer for one SKU.
public struct OfferQuote: Sendable, Equatable, Codable {
    /// The VTEX SKU id, which is also the shop SKU of the product and of the offer at Carrefour.
    public var skuId: String
    /// The unit price in cents.
    public var priceCents: Int
    /// The quantity on sale.
    public var quantity: Int

    public init(skuId: String, priceCents: Int, quantity: Int) {
        self.skuId = skuId
        self.priceCents = priceCents
        self.quantity = quantity
    }
}

/// What to do with one SKU's offer after its simulation.
public enum OfferDecision: Sendable, Equatable {
    /// Send this price and quantity.
    case offer(OfferQuote)
    /// The SKU cannot be sold and the simulation gives no price (removed from the trade policy,
    /// deleted, or without a price): send quantity 0 at the price Carrefour already holds, if it
    /// holds an offer; `reason` says why.
    case withdraw(reason: String)
}

/// The offer rules of the seeds (how-the-carrefour-integration-works.md §2–§4): the price sent is
/// the final price of the fulfillment simulation on the store's trade policy (fixed prices and
/// benefits included, no benefit tag), the quantity is what the simulation can sell, and an
/// inactive or removed SKU is offered with quantity 0 (vtex-apis.md §7: "zero the stock").
public enum OfferPricing {
    /// The decision for `skuId` from its simulated answer (`nil` when the simulation left it out),
    /// less the `pendingUnits` Carrefour already counts as sold and VTEX does not hold yet
    /// (``SellableQuantity``).
    public static func decide(skuId: String, simulated: SimulatedSKU?, tradePolicy: String, pendingUnits: Int = 0) -> OfferDecision {
        guard let simulated else {
            return .withdraw(reason: "SKU \(skuId) is not sellable on trade policy \(tradePolicy) (inactive, removed or unknown)")
        }
        guard let price = simulated.priceCents, price > 0 else {
            return .withdraw(reason: "SKU \(skuId) has no price on trade policy \(tradePolicy)")
        }
        let sellable = simulated.availability.map { $0 == "available" } ?? true
        let quantity = sellable ? SellableQuantity.quantity(available: simulated.stockBalance ?? 0, pendingUnits: pendingUnits) : 0
        return .offer(OfferQuote(skuId: skuId, priceCents: price, quantity: quantity))
    }
}
