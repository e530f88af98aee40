import Foundation

/// A01 `GET /api/account` body: the shop's account, with the fields the spec requires
/// (`A01_Response_200`). Objects the sandbox has nothing to say about are empty.
struct AccountWire: Encodable {
    struct Contact: Encodable {
        var city = "São Paulo"
        var country = "Brasil"
        var email: String
        var lastname = "Loja"
        var street1 = "Av. Paulista, 1000"
    }
    struct Address: Encodable {
        var city = "São Paulo", country_iso_code = "BRA", street_1 = "Av. Paulista, 1000"
    }
    struct BillingInformation: Encodable {
        var default_language = "pt_BR", id = "1", registration_address = Address()
    }
    struct PaymentDetails: Encodable {
        var paid_balance: Decimal = 0, payable_balance: Decimal = 0, pending_balance: Decimal = 0
    }
    struct Empty: Encodable {}

    var billing_info = Empty()
    var channels = ["CARREFOUR_BR"]
    var contact_informations: Contact
    var currency_iso_code = "BRL"
    var date_created: Date
    var default_billing_information = BillingInformation()
    var domains: [String] = []
    var evaluations_count = 0
    var free_shipping = false
    var is_professional = true
    var last_updated_date: Date
    var offers_count: Int
    var orders_count: Int
    var payment_details = PaymentDetails()
    var payment_method_mandatory = false
    var premium = false
    var pro_details = Empty()
    var shipping = Empty()
    var shipping_types: [String]
    var shipping_zones = ["BR"]
    var shop_additional_fields: [Empty] = []
    var shop_id: Int
    var shop_name: String
    var shop_state = "OPEN"
}
