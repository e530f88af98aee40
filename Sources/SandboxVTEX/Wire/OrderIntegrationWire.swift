import Foundation
import Hummingbird

/// Body of `POST /api/order-integration/orders` (External Marketplace Orders spec, EnqueueNewOrder;
/// seeds/new-order-integration.md). Fields the spec marks required are non-optional: a body without
/// them is refused synchronously.
struct NewOrderRequest: Codable, Sendable {
    struct Item: Codable, Sendable {
        var id: String
        var price: Int
        var quantity: Int
    }
    struct Client: Codable, Sendable {
        var email: String
        var firstName: String
        var lastName: String
        var phone: String
        var document: String
        var corporateDocument: String?
        var corporatePhone: String?
        var corporateName: String?
        var tradeName: String?
        var stateInscription: String?
    }
    struct Logistics: Codable, Sendable {
        var price: Int
        var selectedDeliveryChannel: String
        var selectedSla: String?
        var lockTTL: String
        var shippingEstimate: String
        var deliveryIds: [DeliveryId]?
        struct DeliveryId: Codable, Sendable { var warehouseId: String }
    }
    struct Address: Codable, Sendable {
        var addressType: String
        var addressId: String?
        var receiverName: String
        var postalCode: String
        var city: String?
        var state: String?
        var country: String
        var street: String?
        var number: String?
        var neighborhood: String?
        var complement: String?
        var geoCoordinates: Coordinates?
        struct Coordinates: Codable, Sendable {
            var latitude: Double
            var longitude: Double
        }
    }
    struct TrackingHint: Codable, Sendable {
        var trackingId: String
        var courierName: String
        var trackingUrl: String?
        var trackingLabel: String?
    }
    struct Shipping: Codable, Sendable {
        var logisticsInfo: [Logistics]
        var selectedAddresses: [Address]
        var isFob: Bool
        var isMarketplaceFulfillment: Bool
        var trackingHints: [TrackingHint]?
    }
    struct InvoiceData: Codable, Sendable {
        struct PaymentInfo: Codable, Sendable { var paymentMethods: [String] }
        var userPaymentInfo: PaymentInfo
    }
    struct Tax: Codable, Sendable {
        var skuId: String
        var value: Int
    }

    var marketplaceOrderId: String
    var connectorName: String?
    var connectorEndpoint: String?
    var marketplaceOrderStatus: String
    var marketplacePaymentValue: Int
    var marketplaceInterestValue: Int?
    var priceDivergenceAllowanceRate: Decimal?
    var allowFranchises: Bool
    var pickupAccountName: String?
    var items: [Item]
    var clientProfileData: Client
    var shippingData: Shipping
    var invoiceData: InvoiceData
    var taxData: [Tax]?
    var openTextField: String?
}

/// Body of `PUT /api/order-integration/orders/status` (UpdateOrderStatus, the approve call).
struct OrderStatusRequest: Codable, Sendable {
    var marketplaceOrderId: String
    var marketplaceOrderStatus: String
    var connectorName: String
    var connectorEndpoint: String
}

/// The one contract of order-integration replies and processing-result notifications
/// (seeds/new-order-integration.md "Response Body").
struct OrderIntegrationResult: ResponseEncodable, Sendable {
    /// One error entry (`errors[]`).
    struct Failure: Encodable, Sendable {
        var source: String
        var code: String
        var description: String
    }
    /// The ids of the created order (`fields`).
    struct Fields: Encodable, Sendable {
        var mainOrderId: String
        /// Omitted when there is none: the spec types it a non-nullable string.
        var franchiseOrderId: String?
    }

    var marketplaceOrderId: Nullable<String>
    var accountName: Nullable<String>
    var code: String
    var flow: String
    var success: Bool
    var operationId: Nullable<String>
    var errors: Nullable<[Failure]>
    var fields: Nullable<Fields>
    var message: String

    /// The synchronous "SOI003 enqueued" reply.
    static func enqueued(flow: String, accountName: String) -> Self {
        .init(marketplaceOrderId: nil, accountName: Nullable(accountName), code: "SOI003", flow: flow,
              success: true, operationId: nil, errors: nil, fields: nil, message: "Order successfully enqueued")
    }
}
