/// How a Carrefour offer differs from what the fleet would send for it now (`carrefourctl
/// reconcile`, README "Offers"): the expected offer is ``OfferPricing/decide(skuId:simulated:tradePolicy:pendingUnits:)``
/// on VTEX's simulation, less the pending Carrefour orders (``SellableQuantity``).
public enum OfferDrift: Sendable, Equatable {
    /// The quantities differ.
    case quantity(carrefour: Int, vtex: Int)
    /// The prices differ (cents).
    case price(carrefourCents: Int, vtexCents: Int)
    /// Carrefour sells a SKU VTEX cannot sell (inactive, removed from the trade policy, without price).
    case activeButNotSellable(reason: String)
    /// Carrefour catalogued the SKU (its product is in Carrefour's catalog) and holds no offer
    /// for it, while VTEX can sell it: the SKU is missing from Carrefour's shelf.
    case cataloguedWithoutOffer(vtexQuantity: Int, vtexPriceCents: Int)

    /// A short name for reports (`quantity`, `price`, `not-sellable`).
    public var kind: String {
        switch self {
        case .quantity: "quantity"
        case .price: "price"
        case .activeButNotSellable: "not-sellable"
        case .cataloguedWithoutOffer: "no-offer"
        }
    }

    /// One line a seller can act on.
    public var text: String {
        switch self {
        case .quantity(let carrefour, let vtex): "quantity \(carrefour) on Carrefour, \(vtex) in VTEX"
        case .price(let carrefour, let vtex):
            "price \(OfferImportFile.price(cents: carrefour)) on Carrefour, \(OfferImportFile.price(cents: vtex)) in VTEX"
        case .activeButNotSellable(let reason): "active on Carrefour but not sellable in VTEX: \(reason)"
        case .cataloguedWithoutOffer(let quantity, let cents):
            "catalogued on Carrefour with no offer; VTEX sells \(quantity) at \(OfferImportFile.price(cents: cents))"
        }
    }

    /// The drifts of one offer: `carrefour` as Mirakl holds it (price in cents), `expected` the
    /// decision for it now.
    public static func drifts(carrefourPriceCents: Int, carrefourQuantity: Int, expected: OfferDecision) -> [OfferDrift] {
        switch expected {
        case .offer(let quote):
            var drifts: [OfferDrift] = []
            if carrefourQuantity != quote.quantity { drifts.append(.quantity(carrefour: carrefourQuantity, vtex: quote.quantity)) }
            if carrefourPriceCents != quote.priceCents {
                drifts.append(.price(carrefourCents: carrefourPriceCents, vtexCents: quote.priceCents))
            }
            return drifts
        case .withdraw(let reason):
            return carrefourQuantity > 0 ? [.activeButNotSellable(reason: reason)] : []
        }
    }

    /// The drift of a SKU Carrefour catalogued but holds no offer for: one when the fleet would
    /// offer units of it now (an offer of 0 units or a withdrawal changes nothing a buyer sees).
    public static func missingOffer(expected: OfferDecision) -> OfferDrift? {
        guard case .offer(let quote) = expected, quote.quantity > 0 else { return nil }
        return .cataloguedWithoutOffer(vtexQuantity: quote.quantity, vtexPriceCents: quote.priceCents)
    }
}
