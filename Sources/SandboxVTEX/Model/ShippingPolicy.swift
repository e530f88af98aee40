/// One VTEX shipping policy (SLA) as the sandbox offers it in simulations and accepts in orders.
///
/// VTEX's APIs have no "carrier type" field (vtex-apis.md §4a, §10). The seeds' SLA mapping maps
/// Carrefour's Normal/Express/Economical/Scheduled to a VTEX carrier *type*
/// (integrate-with-carrefour.md "Mapeamento de SLA"); the sandbox keeps that type beside the policy so a
/// connector's mapping can be checked against `/_admin/slas`, while the wire carries `id`/`name`,
/// `deliveryChannel` and the courier in `deliveryIds`, as VTEX does.
struct ShippingPolicy: Sendable, Codable, Equatable {
    /// SLA id and name (VTEX uses the same string for both).
    var name: String
    /// Carrier type: "Normal", "Express", "Economical" or "Scheduled".
    var carrierType: String
    /// "delivery" or "pickup-in-point".
    var deliveryChannel: String
    var courierId: String
    var courierName: String
    /// Shipping price of one item line, in cents.
    var price: Int
    /// Duration string such as "3bd" (vtex-apis.md "Durations").
    var shippingEstimate: String
    var lockTTL: String
    /// Pickup point id for `pickup-in-point` policies.
    var pickupPointId: String?

    /// The policies every seeded store starts with: three of Carrefour's four types, Scheduled left unmapped.
    static let seeded: [ShippingPolicy] = [
        .init(name: "Normal", carrierType: "Normal", deliveryChannel: "delivery", courierId: "1",
              courierName: "Transportadora Normal", price: 990, shippingEstimate: "5bd", lockTTL: "10d",
              pickupPointId: nil),
        .init(name: "Expressa", carrierType: "Express", deliveryChannel: "delivery", courierId: "2",
              courierName: "Transportadora Expressa", price: 1990, shippingEstimate: "1bd", lockTTL: "10d",
              pickupPointId: nil),
        .init(name: "Economica", carrierType: "Economical", deliveryChannel: "delivery", courierId: "3",
              courierName: "Correios PAC", price: 590, shippingEstimate: "10bd", lockTTL: "10d",
              pickupPointId: nil),
    ]
}
