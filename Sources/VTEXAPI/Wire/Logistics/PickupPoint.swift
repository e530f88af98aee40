/// A pickup point of the store's logistics, with the parts a pickup-in-point order needs
/// (`PickupPoint`, `VTEX - Logistics API.json`).
public struct VTEXPickupPoint: Decodable, Sendable, Equatable {
    public struct Address: Decodable, Sendable, Equatable {
        public struct Country: Decodable, Sendable, Equatable {
            /// ISO 3166-1 alpha-3.
            public var acronym: String?
        }
        public struct Location: Decodable, Sendable, Equatable {
            public var latitude: Double?
            public var longitude: Double?
        }
        public var postalCode: String?
        public var country: Country?
        public var city: String?
        public var state: String?
        public var neighborhood: String?
        public var street: String?
        public var number: String?
        public var complement: String?
        public var location: Location?
    }
    public var id: String
    public var name: String?
    public var address: Address?
    public var isActive: Bool?
}

extension VTEXClient {
    /// `GET /api/logistics/pvt/configuration/pickuppoints/{pickupPointId}`; a 404 is
    /// ``VTEXError/notFound(operation:message:)``.
    public func pickupPoint(_ id: String) async throws(VTEXError) -> VTEXPickupPoint {
        try await json(VTEXPickupPoint.self, "get pickup point", path: "/api/logistics/pvt/configuration/pickuppoints/\(Self.segment(id))")
    }
}
