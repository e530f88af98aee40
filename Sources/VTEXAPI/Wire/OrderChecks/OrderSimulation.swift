/// The fulfillment simulation the order flow runs to check an order before accepting or placing it
/// (`POST /api/checkout/pub/orderForms/simulation`, reference/vtex-apis.md §4a): does each SKU
/// exist, is it sellable on the trade policy with stock, and which SLAs can deliver it.
public struct OrderSimulationRequest: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        /// The VTEX SKU id.
        public var id: String
        public var quantity: Int
        /// `1`: the store itself.
        public var seller: String

        public init(id: String, quantity: Int, seller: String = "1") {
            self.id = id
            self.quantity = quantity
            self.seller = seller
        }
    }
    public var items: [Item]
    /// With `country`, the delivery address (SLAs depend on it); absent before SHIPPING.
    public var postalCode: String?
    /// ISO 3166-1 alpha-3.
    public var country: String?

    public init(items: [Item], postalCode: String? = nil, country: String? = nil) {
        self.items = items
        self.postalCode = postalCode
        self.country = country
    }
}

/// The parts of the simulation answer the order checks read. `messages` sits at the top level as in
/// the spec's examples (its schema mis-nests it, §4a "Spec defect").
public struct OrderSimulationResponse: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        /// The index of the requested item this answers (unknown SKUs are left out).
        public var requestIndex: Int?
        public var quantity: Int?
        /// `available`, `withoutStock`, `cannotBeDelivered`, `withoutPrice`…
        public var availability: String?
        public var price: Int?
        public var sellingPrice: Int?

        public init(id: String, requestIndex: Int?, quantity: Int? = nil, availability: String?, price: Int? = nil, sellingPrice: Int? = nil) {
            self.id = id
            self.requestIndex = requestIndex
            self.quantity = quantity
            self.availability = availability
            self.price = price
            self.sellingPrice = sellingPrice
        }
    }

    public struct SLA: Codable, Sendable, Equatable {
        public struct DeliveryId: Codable, Sendable, Equatable {
            public var courierId: String?
            public var courierName: String?
            public var warehouseId: String?

            public init(courierId: String?, courierName: String?, warehouseId: String? = nil) {
                self.courierId = courierId
                self.courierName = courierName
                self.warehouseId = warehouseId
            }
        }
        public var id: String
        public var name: String?
        public var deliveryChannel: String?
        public var price: Int?
        public var shippingEstimate: String?
        public var lockTTL: String?
        public var deliveryIds: [DeliveryId]?

        public init(id: String, name: String?, deliveryChannel: String?, price: Int?, shippingEstimate: String?, lockTTL: String?, deliveryIds: [DeliveryId]?) {
            self.id = id
            self.name = name
            self.deliveryChannel = deliveryChannel
            self.price = price
            self.shippingEstimate = shippingEstimate
            self.lockTTL = lockTTL
            self.deliveryIds = deliveryIds
        }
    }

    public struct Logistics: Codable, Sendable, Equatable {
        /// Index into `items`.
        public var itemIndex: Int
        public var slas: [SLA]?

        public init(itemIndex: Int, slas: [SLA]?) {
            self.itemIndex = itemIndex
            self.slas = slas
        }
    }

    public struct Message: Codable, Sendable, Equatable {
        public var code: String?
        public var text: String?
        public var status: String?

        public init(code: String?, text: String?, status: String?) {
            self.code = code
            self.text = text
            self.status = status
        }
    }

    public var items: [Item]?
    public var logisticsInfo: [Logistics]?
    public var messages: [Message]?

    public init(items: [Item]?, logisticsInfo: [Logistics]?, messages: [Message]? = nil) {
        self.items = items
        self.logisticsInfo = logisticsInfo
        self.messages = messages
    }
}
