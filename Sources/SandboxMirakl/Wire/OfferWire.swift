import Foundation

/// OF21 item (`OF21_Response_200_Offers`), with every field the spec requires.
struct OfferWire: Encodable {
    struct Price: Encodable {
        var price: Decimal
        var unit_origin_price: Decimal
        var volume_prices: [VolumePrice]
    }
    struct VolumePrice: Encodable {
        var price: Decimal
        var quantity_threshold: Int
        var unit_discount_price: Decimal
        var unit_origin_price: Decimal
    }
    struct Fulfillment: Encodable {
        struct Center: Encodable { var code = "DEFAULT" }
        var center = Center()
    }
    struct LogisticClass: Encodable {
        var code = "STANDARD", label = "Standard"
    }
    struct Reference: Encodable {
        var reference: String
        var reference_type: String
    }

    var active: Bool
    var all_prices: [Price]
    var category_code: String
    var category_label: String
    var channels: [String] = []
    var currency_iso_code = "BRL"
    var description: String
    var fulfillment = Fulfillment()
    var inactivity_reasons: [String]
    var leadtime_to_ship = 2
    var logistic_class = LogisticClass()
    var max_order_quantity = 0
    var min_order_quantity = 1
    var min_quantity_alert = 0
    var min_shipping_price: Decimal = 0
    var min_shipping_price_additional: Decimal = 0
    var min_shipping_type = "NORMAL"
    var min_shipping_zone = "BR"
    var offer_id: Int
    var package_quantity = 1
    var price: Decimal
    var product_references: [Reference]
    var product_sku: String
    var product_title: String
    var quantity: Int
    var shipping_deadline: Date
    var shop_sku: String
    var state_code: String
    var total_price: Decimal
}

/// OF21 body.
struct OfferListWire: Encodable {
    var offers: [OfferWire]
    var total_count: Int
}
