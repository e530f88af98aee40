import Foundation

/// Everything the fake VTEX store knows, as one value guarded by a lock in `VTEXStore`.
///
/// The business rules live in extensions of this type (`+Simulation`, `+OrderIntegration`, `+OMS`,
/// `+Feed`, `+Admin`); they are synchronous and do no I/O: what must go out (webhooks) is returned as
/// `OutboundWebhook` values for the outbox to deliver.
struct VTEXState: Sendable {
    var accountName: String
    var affiliateId: String
    var tradePolicyId: Int
    var country: String
    var catalog: SeededCatalog
    var shippingPolicies: [ShippingPolicy] = ShippingPolicy.seeded
    /// Pickup points by id (none seeded).
    var pickupPoints: [String: PickupPoint] = [:]
    var orders: [String: SandboxOrder] = [:]
    var orderSequence = 500_000
    var feedConfiguration: FeedConfiguration?
    var feedEvents: [FeedEvent] = []
    var feedCounter = 0
    var affiliate: AffiliateSettings
    /// When on, an order beyond the divergence allowance is integrated and waits for a manual
    /// authorization (EOI011 on approve) instead of failing with EOI003 (an "Order Authorization rule").
    var manualPriceAuthorization = false
    /// See ``VTEXSandboxConfiguration/notifyOrderStockChanges``.
    var notifyOrderStockChanges: Bool
    /// SKU notifications of order-caused availability changes not yet handed to the outbox.
    var orderStockNotifications: [OutboundWebhook] = []
    /// Refuses orders carrying `taxData` (EOI005): a store whose Checkout does not take marketplace
    /// taxes. VTEX's guide says some fields "may be mandatory" or refused depending on the store's
    /// configuration, answered as a validation error (new-order-integration.md, EOI005).
    var refuseTaxData = false
    var receiptCounter = 0
    var operationCounter = 0
    var webhooks: [WebhookRecord] = []

    init(configuration: VTEXSandboxConfiguration) {
        accountName = configuration.accountName
        affiliateId = configuration.affiliateId
        tradePolicyId = configuration.tradePolicyId
        country = configuration.country
        notifyOrderStockChanges = configuration.notifyOrderStockChanges
        catalog = SeededCatalog(seed: configuration.seed, productCount: configuration.productCount,
                                tradePolicyId: configuration.tradePolicyId)
        affiliate = AffiliateSettings(
            id: configuration.affiliateId, name: "Carrefour", salesChannel: String(configuration.tradePolicyId),
            followUpEmail: "carrefour@example.com", searchURIEndpoint: configuration.affiliateNotificationURL,
            searchURIEndpointVersion: "1.x.x", useSellerPaymentMethod: false, minimumValueAccumulated: nil)
    }

    /// A fresh receipt for OMS write replies (`{date, orderId, receipt}`).
    mutating func nextReceipt() -> String {
        receiptCounter += 1
        return String(format: "%032x", receiptCounter)
    }

    /// A fresh GUID-shaped operation id for order-integration notifications.
    mutating func nextOperationId() -> String {
        operationCounter += 1
        let hex = String(format: "%032x", operationCounter)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }

    /// Whether a SKU can be sold on a trade policy: SKU and product active and the product in the policy.
    func sellable(_ sku: CatalogSKU, on tradePolicy: Int) -> Bool {
        guard sku.isActive, let product = catalog.products[sku.productId], product.isActive else { return false }
        return product.salesChannels.contains(tradePolicy)
    }

    /// The unit prices of a SKU on a trade policy in cents: `price` before promotions (the fixed price when
    /// the policy has one, else the base price), `listPrice`, and `selling` after percentage promotions.
    func unitPrice(skuId: Int, tradePolicy: Int) -> UnitPrice? {
        guard let record = catalog.prices[skuId], let base = record.basePrice else { return nil }
        let price = record.fixedPrices[String(tradePolicy)] ?? base
        let promotions = catalog.promotions.filter { $0.skuIds.contains(skuId) && $0.tradePolicies.contains(tradePolicy) }
        var selling = price
        for promotion in promotions { selling -= (selling * promotion.percentage + 50) / 100 }
        return UnitPrice(price: price, listPrice: max(record.listPrice ?? price, price), selling: selling,
                         promotions: promotions)
    }

    /// The unit prices of one SKU on one trade policy.
    struct UnitPrice: Sendable {
        var price: Int
        var listPrice: Int
        var selling: Int
        var promotions: [Promotion]
    }

    /// Shipping policies of one delivery channel.
    func policies(channel: String) -> [ShippingPolicy] {
        shippingPolicies.filter { $0.deliveryChannel == channel }
    }
}

/// The affiliate (the marketplace connection) as the Marketplace APIs expose it (vtex-apis.md §7).
struct AffiliateSettings: Sendable, Codable {
    var id: String
    var name: String
    var salesChannel: String
    var followUpEmail: String
    /// Where SKU change notifications are POSTed.
    var searchURIEndpoint: String?
    var searchURIEndpointVersion: String
    var useSellerPaymentMethod: Bool
    var minimumValueAccumulated: Int?
}

/// One outgoing webhook and what became of it, for `/_admin/webhooks`.
struct WebhookRecord: Sendable, Codable {
    var id: Int
    /// "processing-result" or "sku-notification".
    var kind: String
    var url: String
    var body: String
    var attempts: Int
    var status: Int?
    var error: String?
    var delivered: Bool
}

/// A POST the outbox must deliver.
struct OutboundWebhook: Sendable {
    var kind: String
    var url: String
    var body: [UInt8]
}
