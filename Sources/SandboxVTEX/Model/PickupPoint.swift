/// A pickup point of the store's logistics (`PickupPoint`, `VTEX - Logistics API.json`
/// `GET /api/logistics/pvt/configuration/pickuppoints/{pickupPointId}`): where a pickup-in-point
/// order is collected. None is seeded; `PUT /_admin/pickup-points` sets them, and a
/// `pickup-in-point` SLA (`PUT /_admin/slas`) names one by `pickupPointId`.
struct PickupPoint: Sendable, Codable, Equatable {
    struct Address: Sendable, Codable, Equatable {
        struct Country: Sendable, Codable, Equatable {
            var acronym: String
            var name: String
        }
        struct Location: Sendable, Codable, Equatable {
            var latitude: Double
            var longitude: Double
        }
        var postalCode: String
        var country: Country
        var city: String
        var state: String
        var neighborhood: String
        var street: String
        var number: String
        var complement: String
        var location: Location
    }
    var id: String
    var name: String
    var address: Address
    var isActive: Bool
}
