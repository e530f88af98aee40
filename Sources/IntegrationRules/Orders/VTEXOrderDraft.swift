/// The order the connector asks VTEX to create through New Order Integration, as plain values
/// (the flow writes it as the request body; reference/vtex-apis.md §6). Amounts in cents.
public struct VTEXOrderDraft: Sendable, Equatable {
    /// One item: VTEX SKU id, unit price after the marketplace's discounts, quantity.
    public struct Item: Sendable, Equatable {
        public var skuId: String
        public var unitPriceCents: Int
        public var quantity: Int
    }

    /// The shipping of one item.
    public struct Logistics: Sendable, Equatable {
        /// What the customer paid for this item's shipping (marketplace discounts applied).
        public var priceCents: Int
        public var sla: String
        public var deliveryChannel: String
        public var shippingEstimate: String
        public var lockTTL: String
    }

    /// The delivery address.
    public struct Address: Sendable, Equatable {
        public var receiverName: String
        public var postalCode: String
        public var city: String?
        public var state: String?
        public var countryISO3: String
        public var street: String?
        public var number: String?
        public var neighborhood: String?
        public var complement: String?

        public init(
            receiverName: String, postalCode: String, city: String?, state: String?, countryISO3: String, street: String?,
            number: String?, neighborhood: String?, complement: String?
        ) {
            self.receiverName = receiverName
            self.postalCode = postalCode
            self.city = city
            self.state = state
            self.countryISO3 = countryISO3
            self.street = street
            self.number = number
            self.neighborhood = neighborhood
            self.complement = complement
        }
    }

    /// The buyer.
    public struct Client: Sendable, Equatable {
        public var email: String
        public var firstName: String
        public var lastName: String
        public var phone: String
        public var document: String
        /// A company buying (a CNPJ): VTEX's corporate fields, which make the order corporate.
        public var corporate: Corporate?
    }

    /// VTEX's corporate fields (`corporateDocument`, `corporateName`, `tradeName`, `corporatePhone`).
    public struct Corporate: Sendable, Equatable {
        /// The CNPJ, digits only.
        public var document: String
        public var name: String
        public var tradeName: String
        public var phone: String

        public init(document: String, name: String, tradeName: String, phone: String) {
            self.document = document
            self.name = name
            self.tradeName = tradeName
            self.phone = phone
        }
    }

    /// One tax VTEX adds to the order (`taxData[]`, new-order-integration.md scenario 11).
    public struct Tax: Sendable, Equatable {
        public var skuId: String
        public var valueCents: Int

        public init(skuId: String, valueCents: Int) {
            self.skuId = skuId
            self.valueCents = valueCents
        }
    }

    public var marketplaceOrderId: String
    public var items: [Item]
    public var logistics: [Logistics]
    public var address: Address
    public var client: Client
    /// What the customer paid, shipping and interest included.
    public var paymentCents: Int
    public var interestCents: Int
    /// The settings' divergence rate as VTEX wants it: a fraction (5 % → 0.05).
    public var priceDivergenceAllowanceRate: Double
    /// `approved`: Carrefour's SHIPPING means the payment is confirmed, so VTEX integrates and approves.
    public var status: String
    public var shipping: ShippingSelection.Choice
    /// The taxes on top of the items' prices, one per SKU; empty when the prices include them.
    public var taxes: [Tax] = []
    /// A pickup-in-point order: the pickup point, which replaces the delivery address.
    public var pickup: PickupAddress?

    /// Where a pickup-in-point order is collected (scenario 9).
    public struct PickupAddress: Sendable, Equatable {
        /// The VTEX pickup point id (`addressId`).
        public var pointId: String
        public var address: Address
        public var latitude: Double
        public var longitude: Double

        public init(pointId: String, address: Address, latitude: Double, longitude: Double) {
            self.pointId = pointId
            self.address = address
            self.latitude = latitude
            self.longitude = longitude
        }
    }
}
