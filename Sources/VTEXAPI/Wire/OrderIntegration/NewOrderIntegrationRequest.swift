/// The body of `POST /api/order-integration/orders` (EnqueueNewOrder, `VTEX - Marketplace Protocol -
/// External Marketplace Orders.json`; reference/vtex-apis.md §6; seeds/new-order-integration.md).
/// Money is integer cents; item and shipping prices carry the marketplace's discounts already.
public struct NewOrderIntegrationRequest: Codable, Sendable, Equatable {
    /// One item: the VTEX SKU id, its unit price and quantity.
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var price: Int
        public var quantity: Int

        public init(id: String, price: Int, quantity: Int) {
            self.id = id
            self.price = price
            self.quantity = quantity
        }
    }

    /// The buyer. The corporate fields are required but nullable: they are written as `null`.
    public struct ClientProfile: Codable, Sendable, Equatable {
        public var email: String
        public var firstName: String
        public var lastName: String
        public var phone: String
        public var document: String
        public var corporateDocument: String?
        public var corporatePhone: String?
        public var corporateName: String?
        public var tradeName: String?
        public var stateInscription: String?

        public init(email: String, firstName: String, lastName: String, phone: String, document: String) {
            self.email = email
            self.firstName = firstName
            self.lastName = lastName
            self.phone = phone
            self.document = document
        }

        enum CodingKeys: String, CodingKey {
            case email, firstName, lastName, phone, document, corporateDocument, corporatePhone, corporateName
            case tradeName, stateInscription
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(email, forKey: .email)
            try c.encode(firstName, forKey: .firstName)
            try c.encode(lastName, forKey: .lastName)
            try c.encode(phone, forKey: .phone)
            try c.encode(document, forKey: .document)
            try c.encode(corporateDocument, forKey: .corporateDocument)
            try c.encode(corporatePhone, forKey: .corporatePhone)
            try c.encode(corporateName, forKey: .corporateName)
            try c.encode(tradeName, forKey: .tradeName)
            try c.encode(stateInscription, forKey: .stateInscription)
        }
    }

    /// The shipping of one item (one entry per item, in the items' order).
    public struct Logistics: Codable, Sendable, Equatable {
        /// A warehouse, only when the marketplace delivers from its own stock.
        public struct DeliveryId: Codable, Sendable, Equatable {
            public var warehouseId: String
        }
        public var price: Int
        public var selectedDeliveryChannel: String
        public var selectedSla: String
        public var lockTTL: String
        public var shippingEstimate: String
        public var deliveryIds: [DeliveryId]

        public init(price: Int, selectedDeliveryChannel: String, selectedSla: String, lockTTL: String, shippingEstimate: String) {
            self.price = price
            self.selectedDeliveryChannel = selectedDeliveryChannel
            self.selectedSla = selectedSla
            self.lockTTL = lockTTL
            self.shippingEstimate = shippingEstimate
            self.deliveryIds = []
        }
    }

    /// The delivery address.
    public struct Address: Codable, Sendable, Equatable {
        public var addressType: String
        public var addressId: String
        public var receiverName: String
        public var postalCode: String
        public var city: String?
        public var state: String?
        /// ISO 3166-1 alpha-3.
        public var country: String
        public var street: String?
        public var number: String?
        public var neighborhood: String?
        public var complement: String?
        /// The pickup point's coordinates (pickup-in-point orders).
        public var geoCoordinates: GeoCoordinates?

        /// `geoCoordinates`.
        public struct GeoCoordinates: Codable, Sendable, Equatable {
            public var latitude: Double
            public var longitude: Double

            public init(latitude: Double, longitude: Double) {
                self.latitude = latitude
                self.longitude = longitude
            }
        }

        public init(
            addressType: String, addressId: String, receiverName: String, postalCode: String, city: String?,
            state: String?, country: String, street: String?, number: String?, neighborhood: String?, complement: String?
        ) {
            self.addressType = addressType
            self.addressId = addressId
            self.receiverName = receiverName
            self.postalCode = postalCode
            self.city = city
            self.state = state
            self.country = country
            self.street = street
            self.number = number
            self.neighborhood = neighborhood
            self.complement = complement
        }
    }

    /// `shippingData`.
    public struct Shipping: Codable, Sendable, Equatable {
        public var logisticsInfo: [Logistics]
        public var selectedAddresses: [Address]
        /// The marketplace delivers (false: the seller does).
        public var isFob: Bool
        /// The marketplace holds the stock.
        public var isMarketplaceFulfillment: Bool

        public init(logisticsInfo: [Logistics], selectedAddresses: [Address], isFob: Bool = false, isMarketplaceFulfillment: Bool = false) {
            self.logisticsInfo = logisticsInfo
            self.selectedAddresses = selectedAddresses
            self.isFob = isFob
            self.isMarketplaceFulfillment = isMarketplaceFulfillment
        }
    }

    /// One `taxData[]` entry: the taxes of one SKU, in cents (scenario 11).
    public struct Tax: Codable, Sendable, Equatable {
        public var skuId: String
        public var value: Int

        public init(skuId: String, value: Int) {
            self.skuId = skuId
            self.value = value
        }
    }

    /// `invoiceData`.
    public struct InvoiceData: Codable, Sendable, Equatable {
        public struct PaymentInfo: Codable, Sendable, Equatable {
            public var paymentMethods: [String]
        }
        public var userPaymentInfo: PaymentInfo

        public init(paymentMethods: [String]) {
            userPaymentInfo = PaymentInfo(paymentMethods: paymentMethods)
        }
    }

    public var marketplaceOrderId: String
    public var connectorName: String
    /// Base URL VTEX posts the processing result under (`/order-integration/notification/processing-result`).
    public var connectorEndpoint: String
    /// `new` or `approved` (approved integrates, then approves).
    public var marketplaceOrderStatus: String
    /// What the customer paid, interest included, in cents.
    public var marketplacePaymentValue: Int
    public var marketplaceInterestValue: Int
    /// Accepted divergence between the payment and the seller's own total, as a fraction (0.05 = 5 %).
    public var priceDivergenceAllowanceRate: Double
    public var allowFranchises: Bool
    public var items: [Item]
    public var clientProfileData: ClientProfile
    public var shippingData: Shipping
    public var invoiceData: InvoiceData
    /// Taxes on top of the items' prices; left out when there are none.
    public var taxData: [Tax]?

    public init(
        marketplaceOrderId: String, connectorName: String, connectorEndpoint: String, marketplaceOrderStatus: String,
        marketplacePaymentValue: Int, marketplaceInterestValue: Int, priceDivergenceAllowanceRate: Double,
        items: [Item], clientProfileData: ClientProfile, shippingData: Shipping, invoiceData: InvoiceData
    ) {
        self.marketplaceOrderId = marketplaceOrderId
        self.connectorName = connectorName
        self.connectorEndpoint = connectorEndpoint
        self.marketplaceOrderStatus = marketplaceOrderStatus
        self.marketplacePaymentValue = marketplacePaymentValue
        self.marketplaceInterestValue = marketplaceInterestValue
        self.priceDivergenceAllowanceRate = priceDivergenceAllowanceRate
        self.allowFranchises = false
        self.items = items
        self.clientProfileData = clientProfileData
        self.shippingData = shippingData
        self.invoiceData = invoiceData
    }
}

/// The body of `PUT /api/order-integration/orders/status` (UpdateOrderStatus: the approve call).
public struct OrderStatusUpdate: Codable, Sendable, Equatable {
    public var marketplaceOrderId: String
    /// `approved`.
    public var marketplaceOrderStatus: String
    public var connectorName: String
    public var connectorEndpoint: String

    public init(marketplaceOrderId: String, marketplaceOrderStatus: String = "approved", connectorName: String, connectorEndpoint: String) {
        self.marketplaceOrderId = marketplaceOrderId
        self.marketplaceOrderStatus = marketplaceOrderStatus
        self.connectorName = connectorName
        self.connectorEndpoint = connectorEndpoint
    }
}
