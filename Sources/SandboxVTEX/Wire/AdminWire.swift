import Foundation
import Hummingbird

/// Affiliate SKU change notification (vtex-apis.md §7; no OpenAPI schema exists: the JSON example's casing).
struct SKUChangeNotification: Codable, Sendable {
    var IdSku: String
    var ProductId: Int
    var An: String
    var IdAffiliate: String
    var DateModified: String
    var IsActive: Bool
    var StockModified: Bool
    var PriceModified: Bool
    var HasStockKeepingUnitModified: Bool
    var HasStockKeepingUnitRemovedFromAffiliate: Bool
}

/// `PUT /_admin/skus/{skuId}/stock`.
struct AdminStockRequest: Decodable, Sendable {
    var quantity: Int
    var unlimited: Bool?
}

/// `PUT /_admin/skus/{skuId}/price`: cents; `fixedPrices` maps a trade policy id to a price, or to null to
/// remove that fixed price.
struct AdminPriceRequest: Decodable, Sendable {
    var basePrice: Int?
    var listPrice: Int?
    var fixedPrices: [String: Int?]?
}

/// `PATCH /_admin/skus/{skuId}`: catalog data changes (each field optional).
struct AdminSKUPatch: Decodable, Sendable {
    var name: String?
    var isActive: Bool?
    var productActive: Bool?
    var ean: String?
    var removeEan: Bool?
    var salesChannels: [Int]?
}

/// `POST /_admin/skus`: creates a SKU (and its product when `productId` is new or absent).
struct AdminSKUCreate: Decodable, Sendable {
    var id: Int?
    var productId: Int?
    var name: String
    var ean: String?
    var price: Int
    var listPrice: Int?
    var stock: Int
    var salesChannels: [Int]?
    var brandName: String?
    var withDimensions: Bool?
    var withImages: Bool?
}

/// `POST /_admin/orders/{orderId}/invoice`: invoice (and optionally track) an order in VTEX with any of the
/// six fields Carrefour needs left out (how-the-carrefour-integration-works.md §5.4).
struct AdminInvoiceRequest: Decodable, Sendable {
    var invoiceNumber: String?
    var invoiceKey: String?
    var issuanceDate: String?
    var trackingNumber: String?
    var trackingUrl: String?
    var courier: String?
    var invoiceUrl: String?
    var invoiceValue: Int?
}

/// `PUT /_admin/settings`.
struct AdminSettingsRequest: Decodable, Sendable {
    var manualPriceAuthorization: Bool?
    /// Turns the SKU notifications of order-caused availability changes on or off.
    var notifyOrderStockChanges: Bool?
    var refuseTaxData: Bool?
    var affiliateNotificationURL: String?
    var processingDelayMilliseconds: Int?
}

/// `POST /_admin/reset`: reseed.
struct AdminResetRequest: Decodable, Sendable {
    var seed: UInt64?
    var productCount: Int?
}

/// One SKU as `/_admin/catalog` shows it: catalog data, price, stock, and what the affiliate's trade policy sees.
struct AdminSKUView: Encodable, Sendable {
    var sku: CatalogSKU
    var product: CatalogProduct
    var price: SKUPrice?
    var inventory: InventoryLevel?
    var sellableOnAffiliatePolicy: Bool
    /// Unit selling price on the affiliate's trade policy after fixed prices and promotions, cents.
    var simulatedPrice: Int?
}

/// `/_admin/catalog`.
struct AdminCatalogView: ResponseEncodable, Sendable {
    var tradePolicyId: Int
    var skus: [AdminSKUView]
    var promotions: [Promotion]
}

/// A generic admin acknowledgement.
struct AdminAck: ResponseEncodable, Sendable {
    var ok: Bool = true
    var detail: String
}

/// An error body: `{"error": {"code", "message"}}` (the shape VTEX's APIs use).
struct ErrorBody: ResponseEncodable, Sendable {
    struct Detail: Encodable, Sendable {
        var code: String
        var message: String
    }
    var error: Detail
}

/// `GET /_admin/order-counts`: how many orders OMS holds, by status (cheap to poll, for benchmarks).
struct AdminOrderCounts: Codable, Sendable {
    var total: Int
    var byStatus: [String: Int]
}
