/// One store's integration settings, as the seeds list them on the Carrefour integration screen
/// (seeds/integrate-with-carrefour.md, "Integration settings"): trade policy, SLA mappings (at
/// least one), price-divergence rate, brand in the title, notification e-mail. The ShopKey and
/// the VTEX keys are not here: they are credentials of the clients.
public struct StoreSettings: Sendable, Equatable {
    /// Carrefour's delivery types, which the seeds map to VTEX SLAs one by one.
    public enum ShippingKind: String, Sendable, CaseIterable, Hashable {
        case normal, express, economical, scheduled
    }

    /// The trade policy (sales channel) whose prices, stock and catalog are offered.
    public var tradePolicy: String
    /// The affiliate id the store registered for Carrefour (notifications come through it).
    public var affiliateId: String
    /// VTEX SLA (carrier type) per Carrefour delivery type; at least one is filled.
    public var slaMapping: [ShippingKind: String]
    /// "Taxa de divergência", in percent: an order whose total differs from VTEX's by less than
    /// this is accepted.
    public var priceDivergenceRate: Double
    /// Whether the brand is added to the product title sent to Carrefour.
    public var brandInTitle: Bool
    /// The e-mail of the person following the integration, when given.
    public var notificationEmail: String?

    /// Creates settings; callers validate (the `Connector` module reads them from the environment).
    public init(
        tradePolicy: String, affiliateId: String, slaMapping: [ShippingKind: String], priceDivergenceRate: Double,
        brandInTitle: Bool, notificationEmail: String?
    ) {
        self.tradePolicy = tradePolicy
        self.affiliateId = affiliateId
        self.slaMapping = slaMapping
        self.priceDivergenceRate = priceDivergenceRate
        self.brandInTitle = brandInTitle
        self.notificationEmail = notificationEmail
    }
}
