/// SH12 `GET /api/shipping/types` item: one of the four Carrefour SLA types of the seeds
/// (integrate-with-carrefour.md: Normal, Expressa, Econômica, Agendada).
struct ShippingTypeWire: Encodable, Sendable {
    var click_and_collect = false
    var code: String
    var delivery_by_operator = false
    var description: String
    var label: String
    var mandatory_tracking: Bool
    var standard_code: String
}

/// SH12 body.
struct ShippingTypesWire: Encodable {
    var shipping_types: [ShippingTypeWire]
}
