import Hummingbird

/// Request body of both simulation routes (Checkout CartSimulation; fulfillment protocol simulation).
struct SimulationRequest: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var id: String
        var quantity: Int
        var seller: String
    }
    var items: [Item]
    var postalCode: String?
    var country: String?
    /// Whether the body has a `postalCode` key at all (null counts as sent).
    var postalCodeSent: Bool

    enum CodingKeys: String, CodingKey {
        case items, postalCode, country
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([Item].self, forKey: .items)
        postalCode = try container.decodeIfPresent(String.self, forKey: .postalCode)
        country = try container.decodeIfPresent(String.self, forKey: .country)
        postalCodeSent = container.contains(.postalCode)
    }

    /// Why the body breaks the route's contract, if it does. The fulfillment protocol's
    /// `requestFulfillmentSimulation` requires `postalCode` ("sent as `null` for storefront
    /// simulations"; External Seller Fulfillment.json); on both routes a postal code needs its
    /// country ("must be sent along with the `postalCode`", Checkout API.json).
    func contractViolation(fulfillmentProtocol: Bool) -> String? {
        if fulfillmentProtocol && !postalCodeSent {
            return "Missing field .postalCode (send null for a simulation without a cart)"
        }
        if postalCode != nil && country == nil {
            return "Missing field .country: it must be sent along with postalCode"
        }
        return nil
    }
}

/// Simulation response, shaped like the specs' *examples*: `messages`, `purchaseConditions`, `pickupPoints`,
/// `totals` and `itemMetadata` sit at the top level, where the published schema wrongly nests them inside
/// `logisticsInfo[]` (vtex-apis.md §4a "Spec defect").
struct SimulationResponse: ResponseEncodable, Sendable {
    var items: [SimulationItem]
    var ratesAndBenefitsData: RatesAndBenefits
    var selectableGifts: [String] = []
    var marketingData: Nullable<String> = nil
    var postalCode: Nullable<String>
    var country: String?
    var logisticsInfo: [SimulationLogistics]
    var messages: [SimulationMessage]
    var purchaseConditions: PurchaseConditions
    var pickupPoints: [String] = []
    var totals: [SimulationTotal]
    var itemMetadata: ItemMetadata
}

/// Promotions that applied (`ratesAndBenefitsData`).
struct RatesAndBenefits: Encodable, Sendable {
    var rateAndBenefitsIdentifiers: [String]
    var teaser: [String] = []
}

/// One simulated item with its prices in cents (vtex-apis.md §4a).
struct SimulationItem: Encodable, Sendable {
    var id: String
    var requestIndex: Int
    var quantity: Int
    var seller: String
    var sellerChain: [String]
    var tax: Int = 0
    var priceValidUntil: String
    var price: Int
    var listPrice: Int
    var rewardValue: Int = 0
    var sellingPrice: Int
    var offerings: [String] = []
    var priceTags: PriceTags
    var measurementUnit: String = "un"
    var unitMultiplier: Int = 1
    var parentItemIndex: Nullable<Int> = nil
    var parentAssemblyBinding: Nullable<String> = nil
    /// "available", "withoutStock", "cannotBeDelivered" or "withoutPrice" (dev-portal orderform-fields.md).
    var availability: String
    var priceDefinition: PriceDefinition
    /// Present on the fulfillment-protocol route only.
    var merchantName: String?
}

/// An item's discounts: detailed objects on Checkout's route, bare tag names on the fulfillment-protocol
/// route, whose spec types `priceTags` as an array of strings (External Seller Fulfillment.json).
enum PriceTags: Encodable, Sendable {
    case detailed([PriceTag])
    case names([String])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .detailed(let tags): try tags.encode(to: encoder)
        case .names(let names): try names.encode(to: encoder)
        }
    }
}

/// A discount that applied to an item (`priceTags[]`).
struct PriceTag: Encodable, Sendable {
    var name: String
    /// Total discount of the line in cents, negative.
    var value: Int
    /// The same in currency units.
    var rawValue: Double
    var isPercentual: Bool
    var identifier: Nullable<String>
}

/// The recommended price breakdown (`priceDefinition`).
struct PriceDefinition: Encodable, Sendable {
    var calculatedSellingPrice: Int
    var total: Int
    var sellingPrices: [SellingPrice]

    struct SellingPrice: Encodable, Sendable {
        var value: Int
        var quantity: Int
    }
}

/// Shipping options of one item (`logisticsInfo[]`).
struct SimulationLogistics: Encodable, Sendable {
    var itemIndex: Int
    var addressId: Nullable<String> = nil
    var selectedSla: Nullable<String> = nil
    var selectedDeliveryChannel: Nullable<String> = nil
    var quantity: Int
    var shipsTo: [String]
    var slas: [SimulationSLA]
    var deliveryChannels: [DeliveryChannel]
    /// Sellable quantity; fulfillment-protocol route only (vtex-apis.md §4b).
    var stockBalance: Int?

    struct DeliveryChannel: Encodable, Sendable {
        var id: String
        var stockBalance: Int?
    }
}

/// One shipping policy offered for an item (`slas[]`).
struct SimulationSLA: Encodable, Sendable {
    var id: String
    var deliveryChannel: String
    var name: String
    var deliveryIds: [DeliveryId]
    var shippingEstimate: String
    var shippingEstimateDate: Nullable<String> = nil
    var lockTTL: Nullable<String>
    var price: Int
    var listPrice: Int
    var tax: Int = 0
    /// Checkout: an object; the fulfillment protocol requires an array, so it is `[]` there and absent here.
    var availableDeliveryWindows: [String]?
    /// Null on the fulfillment-protocol route for delivery SLAs (its schema requires a full address otherwise).
    var pickupStoreInfo: Nullable<PickupStoreInfo>
    var pickupPointId: Nullable<String>
    var pickupDistance: Int = 0
    var polygonName: Nullable<String> = nil
    var transitTime: String

    /// The carrier, warehouse and dock that would ship (`deliveryIds[]`).
    struct DeliveryId: Encodable, Sendable {
        var courierId: String
        var warehouseId: String
        var dockId: String
        var courierName: String
        var quantity: Int
    }

    /// Pickup details; `isPickupStore` false for home delivery.
    struct PickupStoreInfo: Encodable, Sendable {
        var isPickupStore: Bool
        var friendlyName: Nullable<String> = nil
        var address: Nullable<String> = nil
        var additionalInfo: Nullable<String> = nil
        var dockId: Nullable<String> = nil
    }
}

/// A simulation message, e.g. `withoutStock` (dev-portal checkout-error-codes.md).
struct SimulationMessage: Encodable, Sendable {
    var code: String
    var text: String
    var status: String
}

/// Per-item purchase conditions (`purchaseConditions`).
struct PurchaseConditions: Encodable, Sendable {
    var itemPurchaseConditions: [ItemPurchaseCondition]

    struct ItemPurchaseCondition: Encodable, Sendable {
        var id: String
        var seller: String
        var sellerChain: [String]
        var slas: [SimulationSLA]
        var price: Int
        var listPrice: Int
    }
}

/// One total of the simulated cart (`totals[]`): Items, Discounts, Shipping.
struct SimulationTotal: Encodable, Sendable {
    var id: String
    var name: String
    var value: Int
}

/// Catalog data of the simulated items (`itemMetadata`).
struct ItemMetadata: Encodable, Sendable {
    var items: [Item]

    struct Item: Encodable, Sendable {
        var id: String
        var seller: String
        var name: String
        var skuName: String
        var productId: String
        var refId: String
        var ean: Nullable<String>
        var imageUrl: String
        var detailUrl: String
        var assemblyOptions: [String] = []
    }
}
