/// A Carrefour order as the order rules see it: the flow maps Mirakl's OR11 order into this, with
/// money already in integer cents (the unit of every VTEX order amount, reference/vtex-apis.md
/// "Conventions").
public struct MarketplaceOrder: Sendable, Equatable {
    /// One order line.
    public struct Line: Sendable, Equatable {
        /// Mirakl's `order_line_id` (what OR21 decides on).
        public var id: String
        /// The offer SKU, which the catalog flow sends as the VTEX SKU id (Mirakl `offer_sku`).
        public var sku: String
        public var quantity: Int
        /// The line's price after the marketplace's discounts, shipping excluded.
        public var priceCents: Int
        /// The line's shipping after the marketplace's discounts.
        public var shippingCents: Int
        /// The taxes Mirakl lists on the line's price (OR11 `taxes[].amount`, summed).
        public var taxCents = 0

        /// Creates the value from its parts.
        public init(id: String, sku: String, quantity: Int, priceCents: Int, shippingCents: Int) {
            self.id = id
            self.sku = sku
            self.quantity = quantity
            self.priceCents = priceCents
            self.shippingCents = shippingCents
        }
    }

    /// The buyer as Carrefour discloses them.
    public struct Customer: Sendable, Equatable {
        public var firstName: String
        public var lastName: String
        /// Carrefour's anonymised notification address.
        public var email: String?
        /// A tax id (CPF/CNPJ) from an operator custom field, when Carrefour sends one.
        public var document: String?
        /// The buyer's company (billing address `company`), for a corporate buyer.
        public var companyName: String?

        /// Creates the value from its parts.
        public init(firstName: String, lastName: String, email: String?, document: String?) {
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
            self.document = document
        }
    }

    /// A postal address as Mirakl writes it.
    public struct Address: Sendable, Equatable {
        public var firstName: String?
        public var lastName: String?
        /// `street_1`, usually "street, number".
        public var street1: String?
        /// `street_2`, e.g. "complement - neighbourhood".
        public var street2: String?
        /// `additional_info`: the complement.
        public var additionalInfo: String?
        public var postalCode: String?
        public var city: String?
        public var state: String?
        /// ISO 3166-1 alpha-3.
        public var countryISO3: String?
        public var phone: String?

        /// Creates the value from its parts.
        public init(
            firstName: String? = nil, lastName: String? = nil, street1: String? = nil, street2: String? = nil,
            additionalInfo: String? = nil, postalCode: String? = nil, city: String? = nil, state: String? = nil,
            countryISO3: String? = nil, phone: String? = nil
        ) {
            self.firstName = firstName
            self.lastName = lastName
            self.street1 = street1
            self.street2 = street2
            self.additionalInfo = additionalInfo
            self.postalCode = postalCode
            self.city = city
            self.state = state
            self.countryISO3 = countryISO3
            self.phone = phone
        }
    }

    /// Mirakl's `order_id`.
    public var id: String
    /// Mirakl's `order_state`.
    public var state: MiraklOrderState
    /// `shipping_type_code` (NORMAL, EXPRESS, ECONOMICAL, SCHEDULED on Carrefour).
    public var shippingTypeCode: String?
    /// `shipping_type_label` ("Expressa"…).
    public var shippingTypeLabel: String?
    public var lines: [Line]
    public var customer: Customer
    /// Null before SHIPPING (Mirakl's contract).
    public var shippingAddress: Address?
    /// Null before SHIPPING.
    public var billingAddress: Address?
    /// The order's `price` (sum of lines after order-level discounts), when given.
    public var itemsCents: Int?
    /// The order's `shipping_price`, when given.
    public var shippingCents: Int?
    /// The order's `total_price`: what the customer paid, shipping and fees included.
    public var totalCents: Int?
    /// `order_tax_mode` `TAX_EXCLUDED`: the lines' taxes come on top of their prices (with
    /// `TAX_INCLUDED`, Mirakl's default, the prices hold them already).
    public var taxesExcluded = false
    /// `has_incident`: an incident is open on at least one line.
    public var hasIncident = false
    /// `shipping_pudo_id`: the pickup point the customer chose, for a pickup delivery.
    public var pickupPointId: String?

    /// Creates the value from its parts.
    public init(
        id: String, state: MiraklOrderState, shippingTypeCode: String?, shippingTypeLabel: String?, lines: [Line],
        customer: Customer, shippingAddress: Address?, billingAddress: Address?, itemsCents: Int? = nil,
        shippingCents: Int? = nil, totalCents: Int? = nil
    ) {
        self.id = id
        self.state = state
        self.shippingTypeCode = shippingTypeCode
        self.shippingTypeLabel = shippingTypeLabel
        self.lines = lines
        self.customer = customer
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.itemsCents = itemsCents
        self.shippingCents = shippingCents
        self.totalCents = totalCents
    }
}

/// Money in a currency's units (Mirakl's decimals) as integer cents, rounded half away from zero.
public func cents(_ amount: Double) -> Int {
    Int((amount * 100).rounded(.toNearestOrAwayFromZero))
}
