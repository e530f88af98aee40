/// The VTEX order id of a marketplace order: `{affiliateId}-{marketplaceOrderId}`, for Carrefour the
/// affiliate's id then the Carrefour (Mirakl) order id, `CRF-123456789-A` (reference/vtex-apis.md
/// "IDs": "An order created from a marketplace order gets VTEX `orderId` =
/// `{affiliateId}-{marketplaceOrderId}`"; New Order Integration answers it as `fields.mainOrderId`).
///
/// Composed where an order goes to VTEX or is looked up there, parsed where a VTEX order change
/// comes back, so both sides agree on one shape.
public struct MarketplaceOrderId: Hashable, Sendable, CustomStringConvertible {
    /// The marketplace's affiliate in the seller's VTEX account (`CRF`).
    public let affiliateId: String
    /// The order's id on the marketplace: the Carrefour order id.
    public let marketplaceOrderId: String

    /// The id of marketplace order `marketplaceOrderId` of affiliate `affiliateId`.
    public init(affiliateId: String, marketplaceOrderId: String) {
        self.affiliateId = affiliateId
        self.marketplaceOrderId = marketplaceOrderId
    }

    /// The marketplace order behind VTEX order `vtexOrderId` when it is an order of affiliate
    /// `affiliateId` (it starts with `{affiliateId}-` and names an order after it), else nil: an
    /// order of the store itself or of another marketplace, or no order id at all.
    public init?(vtexOrderId: String, affiliateId: String) {
        let prefix = affiliateId + "-"
        guard !affiliateId.isEmpty, vtexOrderId.hasPrefix(prefix), vtexOrderId.count > prefix.count else { return nil }
        self.init(affiliateId: affiliateId, marketplaceOrderId: String(vtexOrderId.dropFirst(prefix.count)))
    }

    /// The order's id in VTEX: `{affiliateId}-{marketplaceOrderId}`.
    public var vtexOrderId: String { "\(affiliateId)-\(marketplaceOrderId)" }

    public var description: String { vtexOrderId }
}
