import Foundation

/// One order line as OMS stores it: the marketplace's unit price plus the catalog data of the SKU.
struct OrderLine: Sendable, Codable {
    var skuId: Int
    var productId: Int
    var name: String
    var refId: String
    var ean: String?
    var quantity: Int
    /// Unit price paid on the marketplace, cents (discounts applied, new-order-integration.md scenario 4).
    var price: Int
    /// The store's own unit price from the simulation, cents.
    var listPrice: Int
    var imageUrl: String
    var brandName: String
    var brandId: Int
    var categoryId: Int
    var dimensions: SKUDimensions
}

/// The chosen shipping of one order line.
struct OrderShipping: Sendable, Codable {
    var policy: ShippingPolicy
    /// Shipping price paid on the marketplace for this line, cents.
    var price: Int
    var shippingEstimate: String
    var lockTTL: String
    var deliveryChannel: String
}

/// The delivery address (New Order Integration `selectedAddresses[0]`).
struct OrderAddress: Sendable, Codable {
    var addressType: String
    var addressId: String
    var receiverName: String
    var postalCode: String
    var city: String
    var state: String
    var country: String
    var street: String
    var number: String
    var neighborhood: String
    var complement: String
    var geoCoordinates: [Double]
}

/// The buyer (New Order Integration `clientProfileData`).
struct OrderClient: Sendable, Codable {
    var email: String
    var firstName: String
    var lastName: String
    var phone: String
    var document: String
    var corporateName: String?
    var corporateDocument: String?
    var tradeName: String?
    var stateInscription: String?
    var corporatePhone: String?
}

/// The courier's tracking state of one invoice (`packageAttachment.packages[].courierStatus`).
struct CourierStatus: Sendable, Codable {
    struct Event: Sendable, Codable {
        var city: String
        var state: String
        var description: String
        var date: String
    }
    var finished: Bool
    var deliveredDate: String?
    var events: [Event]
}

/// One invoice of an order (`packageAttachment.packages[]`). Every field the seeds require for SHIPPED
/// (invoiceKey, invoiceNumber, trackingUrl, trackingNumber, courier, issuanceDate —
/// how-the-carrefour-integration-works.md §5.4) is optional so the admin API can leave any one out.
struct InvoicePackage: Sendable, Codable {
    struct Line: Sendable, Codable {
        var itemIndex: Int
        var quantity: Int
        var price: Int
    }
    var type: String
    var invoiceNumber: String?
    var invoiceValue: Int
    var invoiceKey: String?
    var invoiceUrl: String?
    var issuanceDate: String?
    var courier: String?
    var trackingNumber: String?
    var trackingUrl: String?
    var dispatchedDate: String?
    var embeddedInvoice: String?
    var items: [Line]
    var courierStatus: CourierStatus?
}

/// An order integrated through New Order Integration, with its whole OMS state.
struct SandboxOrder: Sendable, Codable {
    var orderId: String
    var sequence: String
    var marketplaceOrderId: String
    var affiliateId: String
    var salesChannel: Int
    var connectorName: String?
    var connectorEndpoint: String?
    var status: OrderStatus
    var creationDate: Date
    var lastChange: Date
    var authorizedDate: Date?
    var invoicedDate: Date?
    var cancelReason: String?
    var canceledBySeller: Bool
    /// True once the marketplace asked to approve (kept while the order waits for a manual authorization).
    var approvalRequested: Bool
    var lines: [OrderLine]
    var shipping: [OrderShipping]
    var address: OrderAddress
    var client: OrderClient
    var isFob: Bool
    var trackingHints: [TrackingHint]
    var paymentMethods: [String]
    var marketplacePaymentValue: Int
    var interestValue: Int
    var taxValue: Int
    var openTextField: String?
    var packages: [InvoicePackage]

    /// A tracking hint sent by the marketplace.
    struct TrackingHint: Sendable, Codable {
        var trackingId: String
        var courierName: String
        var trackingUrl: String?
        var trackingLabel: String?
    }

    /// Sum of item lines at the marketplace's prices, cents.
    var itemsTotal: Int { lines.reduce(0) { $0 + $1.price * $1.quantity } }
    /// Sum of shipping lines, cents.
    var shippingTotal: Int { shipping.reduce(0) { $0 + $1.price } }
    /// The order value OMS reports: items + shipping + tax.
    var value: Int { itemsTotal + shippingTotal + taxValue }
}
