/// The body of a fulfillment simulation (reference/vtex-apis.md §4b; `VTEX - Marketplace Protocol -
/// External Seller Fulfillment.json` `POST /pvt/orderForms/simulation`).
public struct FulfillmentSimulationRequest: Sendable, Encodable, Equatable {
    /// One SKU to simulate.
    public struct Item: Sendable, Encodable, Equatable {
        /// The SKU id.
        public var id: String
        public var quantity: Int
        /// The seller; `"1"` is the store itself.
        public var seller: String

        public init(id: String, quantity: Int = 1, seller: String = "1") {
            self.id = id
            self.quantity = quantity
            self.seller = seller
        }
    }

    public var items: [Item]
    /// The delivery postal code; nil is written as `null`.
    public var postalCode: String?
    /// ISO 3166-1 alpha-3 of the delivery address; nil is written as `null`.
    public var country: String?

    /// A simulation; with no address it is a storefront simulation (price and stock reads,
    /// vtex-apis.md §4b "Without an address").
    public init(items: [Item], postalCode: String? = nil, country: String? = nil) {
        self.items = items
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case items, postalCode, country
    }

    /// Always writes `postalCode` and `country`: `requestFulfillmentSimulation` requires
    /// `postalCode`, and both are to be "sent as `null` for storefront simulations, where the
    /// information is not necessary" (External Seller Fulfillment.json).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(postalCode, forKey: .postalCode)
        try container.encode(country, forKey: .country)
    }
}

/// The answer of a fulfillment simulation, with the fields the offer flow reads (prices in cents).
public struct FulfillmentSimulation: Sendable, Decodable, Equatable {
    /// One simulated SKU. Unknown SKUs are left out (Checkout drops them with a message).
    public struct Item: Sendable, Decodable, Equatable {
        public var id: String
        /// The index of the item in the request, when given.
        public var requestIndex: Int?
        /// The seller's final unit price in cents: trade-policy fixed prices and benefits included
        /// (how-the-carrefour-integration-works.md §3–4).
        public var price: Int?
        public var listPrice: Int?
        /// The selling price in cents, on routes that give it.
        public var sellingPrice: Int?
        /// `available`, `withoutStock`, `cannotBeDelivered`, `withoutPrice`, when the route gives it.
        public var availability: String?

        public init(
            id: String, requestIndex: Int? = nil, price: Int? = nil, listPrice: Int? = nil, sellingPrice: Int? = nil,
            availability: String? = nil
        ) {
            self.id = id
            self.requestIndex = requestIndex
            self.price = price
            self.listPrice = listPrice
            self.sellingPrice = sellingPrice
            self.availability = availability
        }
    }

    /// Stock of one item (`logisticsInfo[]`).
    public struct Logistics: Sendable, Decodable, Equatable {
        /// Index into ``FulfillmentSimulation/items``.
        public var itemIndex: Int
        /// The sellable quantity (vtex-apis.md §4b).
        public var stockBalance: Int?

        public init(itemIndex: Int, stockBalance: Int?) {
            self.itemIndex = itemIndex
            self.stockBalance = stockBalance
        }
    }

    public var items: [Item]
    public var logisticsInfo: [Logistics]

    enum CodingKeys: String, CodingKey {
        case items, logisticsInfo
    }

    public init(items: [Item], logisticsInfo: [Logistics]) {
        self.items = items
        self.logisticsInfo = logisticsInfo
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
        logisticsInfo = try container.decodeIfPresent([Logistics].self, forKey: .logisticsInfo) ?? []
    }

    /// The sellable quantity of the item at `index`, if the answer gives one.
    public func stockBalance(ofItemAt index: Int) -> Int? {
        logisticsInfo.first { $0.itemIndex == index }?.stockBalance
    }
}
