import Foundation

/// OR11 order (`OR11_Response_200_Orders`), with every field the spec requires plus the
/// optional ones the connector reads (dates, references, payment workflow, custom fields).
/// `customer.billing_address` and `shipping_address` are null before SHIPPING: the spec lists both
/// in the customer's `required` and describes them as "Null before shipping", so present and null
/// is the one shape that honours both (left out, they break `required`).
struct OrderWire: Encodable {
    struct Address: Encodable {
        var city: String
        /// The buyer's company, for a company buying.
        var company: String?
        var country = "Brasil"
        var country_iso_code = "BRA"
        var firstname: String
        var lastname: String
        var phone: String
        var state: String
        var street_1: String
        var street_2: String
        var zip_code: String
    }
    struct ShippingAddress: Encodable {
        var additional_info: String
        var city: String
        var country = "Brasil"
        var country_iso_code = "BRA"
        var firstname: String
        var lastname: String
        var phone: String
        var state: String
        var street_1: String
        var street_2: String
        var zip_code: String
    }
    struct Customer: Encodable {
        var billing_address: Address?
        var civility = "MR"
        var customer_id: String
        var firstname: String
        var lastname: String
        var locale = "pt_BR"
        var shipping_address: ShippingAddress?

        private enum CodingKeys: String, CodingKey {
            case billing_address, civility, customer_id, firstname, lastname, locale, shipping_address
        }

        /// Writes the addresses as explicit nulls when absent (the spec's "Null before shipping").
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(billing_address, forKey: .billing_address)
            try c.encode(civility, forKey: .civility)
            try c.encode(customer_id, forKey: .customer_id)
            try c.encode(firstname, forKey: .firstname)
            try c.encode(lastname, forKey: .lastname)
            try c.encode(locale, forKey: .locale)
            try c.encode(shipping_address, forKey: .shipping_address)
        }
    }
    struct Fulfillment: Encodable {
        struct Center: Encodable { var code = "DEFAULT" }
        var center = Center()
    }
    struct References: Encodable {
        var order_reference_for_customer: String
    }
    struct AdditionalField: Encodable {
        var code: String
        var type: String
        var value: String
    }
    struct Line: Encodable {
        struct Empty: Encodable {}
        /// `taxes[]` (`OR11_Response_200_Orders_OrderLines_Taxes`).
        struct Tax: Encodable {
            var amount: Decimal
            var code: String
            var rate: Decimal
            /// Mirakl splits the tax in proportion on a partial refund or cancellation.
            var tax_calculation_rule = "PROPORTIONAL_TO_AMOUNT"
        }
        var can_refund: Bool
        var cancelations: [Empty] = []
        var category_code: String
        var category_label: String
        var commission_fee: Decimal
        var commission_rate_vat: Decimal = 0
        var commission_vat: Decimal = 0
        var created_date: Date
        var description: String
        var last_updated_date: Date
        var offer_id: Int
        var offer_sku: String
        var offer_state_code = "11"
        var order_line_additional_fields: [Empty] = []
        var order_line_id: String
        var order_line_index: Int
        var order_line_state: String
        var price: Decimal
        var price_unit: Decimal
        var product_medias: [Empty] = []
        var product_shop_sku: String
        var product_sku: String
        var product_title: String
        var quantity: Int
        var received_date: Date?
        var refunds: [Empty] = []
        var shipped_date: Date?
        var shipping_price: Decimal
        var taxes: [Tax]
        var total_commission: Decimal
        var total_price: Decimal
    }

    var acceptance_decision_date: Date?
    var can_cancel: Bool
    var can_shop_ship: Bool
    var commercial_id: String
    var created_date: Date
    var currency_iso_code = "BRL"
    var customer: Customer
    var customer_debited_date: Date?
    var customer_notification_email: String
    var fulfillment = Fulfillment()
    var fully_refunded = false
    var has_customer_message = false
    var has_incident = false
    var has_invoice = false
    var last_updated_date: Date
    var leadtime_to_ship = 2
    var order_additional_fields: [AdditionalField]
    var order_id: String
    var order_lines: [Line]
    var order_state: String
    var order_state_reason_code: String?
    var order_state_reason_label: String?
    var order_tax_mode = "TAX_INCLUDED"
    var paymentType = "CREDIT_CARD"
    var payment_type = "CREDIT_CARD"
    var payment_workflow = "PAY_ON_ACCEPTANCE"
    var price: Decimal
    var references: References
    var shipping_carrier_code: String?
    var shipping_company: String?
    var shipping_deadline: Date
    var shipping_price: Decimal
    var shipping_pudo_id: String?
    var shipping_tracking: String?
    var shipping_tracking_url: String?
    var shipping_type_code: String
    var shipping_type_label: String
    var shipping_zone_code = "BR"
    var shipping_zone_label = "Brasil"
    var total_commission: Decimal
    var total_price: Decimal
}
