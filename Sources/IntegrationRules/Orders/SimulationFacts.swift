/// What a VTEX fulfillment simulation said about each line of an order, indexed like the order's
/// lines (the flow maps the simulation answer into this; unknown SKUs have no entry).
public struct SimulationFacts: Sendable, Equatable {
    /// One shipping option (SLA) offered for an item.
    public struct SLA: Sendable, Equatable {
        /// The SLA id (VTEX uses the same string as the name).
        public var id: String
        public var name: String
        /// `delivery` or `pickup-in-point`.
        public var deliveryChannel: String
        /// The carriers that would ship (`deliveryIds[].courierName`).
        public var courierNames: [String]
        /// VTEX's own shipping price, cents.
        public var priceCents: Int
        public var shippingEstimate: String?
        public var lockTTL: String?

        /// Creates the value from its parts.
        public init(
            id: String, name: String, deliveryChannel: String = "delivery", courierNames: [String] = [],
            priceCents: Int = 0, shippingEstimate: String? = nil, lockTTL: String? = nil
        ) {
            self.id = id
            self.name = name
            self.deliveryChannel = deliveryChannel
            self.courierNames = courierNames
            self.priceCents = priceCents
            self.shippingEstimate = shippingEstimate
            self.lockTTL = lockTTL
        }
    }

    /// The simulation's answer for one requested line.
    public struct Item: Sendable, Equatable {
        /// `available`, `withoutStock`, `cannotBeDelivered`, `withoutPrice`…
        public var availability: String
        public var slas: [SLA]

        /// Creates the value from its parts.
        public init(availability: String, slas: [SLA] = []) {
            self.availability = availability
            self.slas = slas
        }
    }

    /// Per requested line index; a missing index is a SKU VTEX does not know.
    public var items: [Int: Item]

    /// Creates the value from its parts.
    public init(items: [Int: Item]) {
        self.items = items
    }
}
