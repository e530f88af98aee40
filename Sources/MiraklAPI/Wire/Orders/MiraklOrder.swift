#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One order as OR11 returns it (`GET /api/orders`, reference/mirakl-api.md §4 "OR11"), reduced to
/// the fields the connector reads; unknown fields are ignored and enum-like values stay strings
/// (Mirakl's backward-compatibility rules, §1). Money is in the order's currency units.
///
/// Encodable with the same snake_case names, so an order read by the poll can ride in an
/// `order.changed` message and be decoded again by the worker without a second OR11 call.
public struct MiraklOrder: Codable, Sendable, Equatable {
    /// `order_id`, e.g. `CRF-10001-A`: the id VTEX receives as `marketplaceOrderId`.
    public var orderId: String
    /// `commercial_id`: the customer's order across shops.
    public var commercialId: String?
    /// `order_state`: STAGING, WAITING_ACCEPTANCE, SHIPPING, SHIPPED, CANCELED…
    public var state: String
    /// `order_state_reason_code`, e.g. why an order was canceled.
    public var stateReasonCode: String?
    /// `order_state_reason_label`.
    public var stateReasonLabel: String?
    /// `created_date`.
    public var createdDate: Date?
    /// `last_updated_date`: the poll's cursor and the dedupe key with `orderId`.
    public var lastUpdatedDate: Date
    /// `currency_iso_code`.
    public var currency: String?
    /// `price`: the sum of the line prices, shipping excluded.
    public var price: Double?
    /// `shipping_price`.
    public var shippingPrice: Double?
    /// `total_price`: price + shipping + fees, what the customer paid.
    public var totalPrice: Double?
    /// `shipping_type_code`: the delivery method the customer chose (SH12 code).
    public var shippingTypeCode: String?
    /// `shipping_type_label`.
    public var shippingTypeLabel: String?
    /// `shipping_tracking`, once OR23 set it.
    public var shippingTracking: String?
    /// `customer`: names always; addresses only from SHIPPING on ("Null before shipping", spec).
    public var customer: MiraklCustomer?
    /// `customer_notification_email`: an anonymised address that reaches the customer.
    public var customerNotificationEmail: String?
    /// `order_additional_fields`: the operator's custom fields (a tax id may live here).
    public var additionalFields: [MiraklAdditionalField]?
    /// `order_lines`.
    public var lines: [MiraklOrderLine]
    /// `can_cancel`.
    public var canCancel: Bool?
    /// `has_incident`: "Indicate if order has incident on at least one order line" (OR11).
    public var hasIncident: Bool?
    /// `shipping_pudo_id`: the PickUp DropOff point the customer chose, for a pickup delivery.
    public var shippingPudoId: String?
    /// `order_tax_mode`: `TAX_INCLUDED` or `TAX_EXCLUDED`.
    public var taxMode: String?

    enum CodingKeys: String, CodingKey {
        case orderId = "order_id", commercialId = "commercial_id", state = "order_state"
        case stateReasonCode = "order_state_reason_code", stateReasonLabel = "order_state_reason_label"
        case createdDate = "created_date", lastUpdatedDate = "last_updated_date", currency = "currency_iso_code"
        case price, shippingPrice = "shipping_price", totalPrice = "total_price"
        case shippingTypeCode = "shipping_type_code", shippingTypeLabel = "shipping_type_label"
        case shippingTracking = "shipping_tracking", customer
        case customerNotificationEmail = "customer_notification_email"
        case additionalFields = "order_additional_fields", lines = "order_lines", canCancel = "can_cancel"
        case hasIncident = "has_incident", shippingPudoId = "shipping_pudo_id", taxMode = "order_tax_mode"
    }

    /// Creates an order (tests, fixtures).
    public init(
        orderId: String, state: String, lastUpdatedDate: Date, lines: [MiraklOrderLine], commercialId: String? = nil,
        stateReasonCode: String? = nil, stateReasonLabel: String? = nil, createdDate: Date? = nil,
        currency: String? = nil, price: Double? = nil, shippingPrice: Double? = nil, totalPrice: Double? = nil,
        shippingTypeCode: String? = nil, shippingTypeLabel: String? = nil, shippingTracking: String? = nil,
        customer: MiraklCustomer? = nil, customerNotificationEmail: String? = nil,
        additionalFields: [MiraklAdditionalField]? = nil, canCancel: Bool? = nil
    ) {
        self.orderId = orderId
        self.commercialId = commercialId
        self.state = state
        self.stateReasonCode = stateReasonCode
        self.stateReasonLabel = stateReasonLabel
        self.createdDate = createdDate
        self.lastUpdatedDate = lastUpdatedDate
        self.currency = currency
        self.price = price
        self.shippingPrice = shippingPrice
        self.totalPrice = totalPrice
        self.shippingTypeCode = shippingTypeCode
        self.shippingTypeLabel = shippingTypeLabel
        self.shippingTracking = shippingTracking
        self.customer = customer
        self.customerNotificationEmail = customerNotificationEmail
        self.additionalFields = additionalFields
        self.lines = lines
        self.canCancel = canCancel
    }
}

/// One `order_lines[]` entry.
public struct MiraklOrderLine: Codable, Sendable, Equatable {
    /// `order_line_id`: what OR21 decides on.
    public var id: String
    /// `order_line_state`.
    public var state: String?
    /// `offer_sku`: the shop's SKU, which the catalog flow sends as the VTEX SKU id.
    public var offerSKU: String
    /// `product_title`.
    public var productTitle: String?
    /// `quantity`.
    public var quantity: Int
    /// `price_unit`.
    public var unitPrice: Double?
    /// `price`: the line's price (unit price × quantity, marketplace discounts applied), shipping excluded.
    public var price: Double
    /// `shipping_price`: the line's shipping, discounts applied.
    public var shippingPrice: Double?
    /// `taxes`: the taxes on the line's price (OR11 "List of taxes applied on product price").
    public var taxes: [MiraklTax]?

    enum CodingKeys: String, CodingKey {
        case id = "order_line_id", state = "order_line_state", offerSKU = "offer_sku", productTitle = "product_title"
        case quantity, unitPrice = "price_unit", price, shippingPrice = "shipping_price", taxes
    }

    /// Creates a line (tests, fixtures).
    public init(
        id: String, offerSKU: String, quantity: Int, price: Double, unitPrice: Double? = nil,
        shippingPrice: Double? = nil, state: String? = nil, productTitle: String? = nil
    ) {
        self.id = id
        self.state = state
        self.offerSKU = offerSKU
        self.productTitle = productTitle
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.price = price
        self.shippingPrice = shippingPrice
    }
}

/// `customer` of an order.
public struct MiraklCustomer: Codable, Sendable, Equatable {
    /// `customer_id`.
    public var id: String?
    /// `firstname`.
    public var firstName: String?
    /// `lastname`.
    public var lastName: String?
    /// `billing_address`: null before SHIPPING.
    public var billingAddress: MiraklAddress?
    /// `shipping_address`: null before SHIPPING.
    public var shippingAddress: MiraklAddress?

    enum CodingKeys: String, CodingKey {
        case id = "customer_id", firstName = "firstname", lastName = "lastname"
        case billingAddress = "billing_address", shippingAddress = "shipping_address"
    }

    /// Creates a customer (tests, fixtures).
    public init(
        id: String? = nil, firstName: String? = nil, lastName: String? = nil, billingAddress: MiraklAddress? = nil,
        shippingAddress: MiraklAddress? = nil
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.billingAddress = billingAddress
        self.shippingAddress = shippingAddress
    }
}

/// A billing or shipping address.
public struct MiraklAddress: Codable, Sendable, Equatable {
    public var firstName: String?
    public var lastName: String?
    /// `street_1`, e.g. `Avenida Paulista, 1578`.
    public var street1: String?
    /// `street_2`.
    public var street2: String?
    /// `additional_info` (shipping address only).
    public var additionalInfo: String?
    public var zipCode: String?
    public var city: String?
    public var state: String?
    public var country: String?
    /// `country_iso_code`: ISO 3166-1 alpha-3, as VTEX wants it.
    public var countryISOCode: String?
    public var phone: String?
    /// `company` (billing address): the buyer's company, for a corporate buyer.
    public var company: String?

    enum CodingKeys: String, CodingKey {
        case firstName = "firstname", lastName = "lastname", street1 = "street_1", street2 = "street_2"
        case additionalInfo = "additional_info", zipCode = "zip_code", city, state, country
        case countryISOCode = "country_iso_code", phone, company
    }

    /// Creates an address (tests, fixtures).
    public init(
        firstName: String? = nil, lastName: String? = nil, street1: String? = nil, street2: String? = nil,
        additionalInfo: String? = nil, zipCode: String? = nil, city: String? = nil, state: String? = nil,
        country: String? = nil, countryISOCode: String? = nil, phone: String? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.street1 = street1
        self.street2 = street2
        self.additionalInfo = additionalInfo
        self.zipCode = zipCode
        self.city = city
        self.state = state
        self.country = country
        self.countryISOCode = countryISOCode
        self.phone = phone
    }
}

/// One operator custom field (`order_additional_fields[]`). Its value may be any JSON scalar or a
/// list; it is kept as text.
public struct MiraklAdditionalField: Codable, Sendable, Equatable {
    public var code: String
    public var value: String?

    enum CodingKeys: String, CodingKey { case code, value }

    /// Creates a field (tests, fixtures).
    public init(code: String, value: String?) {
        self.code = code
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        if let text = try? container.decodeIfPresent(String.self, forKey: .value) {
            value = text
        } else if let number = try? container.decodeIfPresent(Double.self, forKey: .value) {
            value = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        } else if let flag = try? container.decodeIfPresent(Bool.self, forKey: .value) {
            value = String(flag)
        } else if let list = try? container.decodeIfPresent([String].self, forKey: .value) {
            value = list.joined(separator: ",")
        } else {
            value = nil
        }
    }
}

/// An OR11 page: `{"orders": [...], "total_count": n}`.
public struct MiraklOrderPage: Codable, Sendable, Equatable {
    /// The orders of this page.
    public var orders: [MiraklOrder]
    /// How many orders match the query in all.
    public var totalCount: Int

    enum CodingKeys: String, CodingKey { case orders, totalCount = "total_count" }

    /// Creates a page (tests).
    public init(orders: [MiraklOrder], totalCount: Int) {
        self.orders = orders
        self.totalCount = totalCount
    }
}
