import Foundation

extension VTEXState {
    /// The warehouse and dock every seeded SKU ships from.
    static let warehouseId = "1_1"
    static let dockId = "1"

    /// Runs a fulfillment simulation: price (fixed prices and promotions of the trade policy), availability
    /// and SLAs per item (vtex-apis.md §4a). `fulfillmentProtocol` adds `stockBalance` and `merchantName`
    /// (§4b). Unknown SKUs are left out of `items` with an `itemNotFound` message, as Checkout drops them.
    func simulate(_ request: SimulationRequest, tradePolicy: Int, fulfillmentProtocol: Bool,
                  now: Date) -> SimulationResponse {
        var parts = SimulationParts()
        let validUntil = VTEXDate.string(now.addingTimeInterval(86_400))
        for (requestIndex, requested) in request.items.enumerated() {
            simulate(requested, requestIndex: requestIndex, tradePolicy: tradePolicy,
                     fulfillmentProtocol: fulfillmentProtocol, validUntil: validUntil, into: &parts)
        }
        return SimulationResponse(
            items: parts.items,
            ratesAndBenefitsData: .init(rateAndBenefitsIdentifiers: parts.promotionIds.sorted()),
            postalCode: Nullable(request.postalCode ?? (fulfillmentProtocol ? "" : nil)), country: request.country ?? country,
            logisticsInfo: parts.logistics, messages: parts.messages,
            purchaseConditions: .init(itemPurchaseConditions: parts.conditions),
            totals: [.init(id: "Items", name: "Items Total", value: parts.itemsTotal),
                     .init(id: "Discounts", name: "Discounts Total", value: parts.discountsTotal),
                     .init(id: "Shipping", name: "Shipping Total", value: parts.shippingTotal)],
            itemMetadata: .init(items: parts.metadata))
    }

    /// Simulates one requested item into `parts`: its item, logistics, purchase condition and metadata, or
    /// the `itemNotFound` message when the SKU is unknown or not the seller's.
    private func simulate(
        _ requested: SimulationRequest.Item, requestIndex: Int, tradePolicy: Int, fulfillmentProtocol: Bool,
        validUntil: String, into parts: inout SimulationParts
    ) {
        guard let skuId = Int(requested.id), let sku = catalog.skus[skuId], requested.seller == "1",
              let product = catalog.products[sku.productId] else {
            parts.messages.append(.init(code: "itemNotFound",
                                        text: "Item \(requested.id) not found or unavailable", status: "error"))
            return
        }
        let quantity = max(requested.quantity, 0)
        let stock = catalog.inventory[skuId]?.available ?? 0
        let prices = unitPrice(skuId: skuId, tradePolicy: tradePolicy)
        let availability = simulationAvailability(
            priced: prices != nil, sellable: sellable(sku, on: tradePolicy), stock: stock, quantity: quantity)
        if availability != "available" {
            parts.messages.append(.init(code: availability,
                                        text: "Item \(sku.name) is \(availability) on trade policy \(tradePolicy)",
                                        status: "error"))
        }
        let price = prices?.price ?? 0
        let selling = prices?.selling ?? 0
        let detailed = (prices?.promotions ?? []).map { promotion -> PriceTag in
            parts.promotionIds.insert(promotion.id)
            let discount = (price - selling) * quantity
            return PriceTag(name: "DISCOUNT@MARKETPLACE", value: -discount, rawValue: -Double(discount) / 100,
                            isPercentual: false, identifier: Nullable(promotion.id))
        }
        parts.items.append(SimulationItem(
            id: requested.id, requestIndex: requestIndex, quantity: quantity, seller: "1", sellerChain: ["1"],
            // The fulfillment protocol's `price` is the seller's final price (its priceTags are bare names).
            priceValidUntil: validUntil, price: fulfillmentProtocol ? selling : price,
            listPrice: prices?.listPrice ?? 0, sellingPrice: selling,
            priceTags: fulfillmentProtocol ? .names(detailed.map(\.name)) : .detailed(detailed),
            availability: availability,
            priceDefinition: .init(calculatedSellingPrice: selling, total: selling * quantity,
                                   sellingPrices: [.init(value: selling, quantity: quantity)]),
            merchantName: fulfillmentProtocol ? accountName : nil))
        parts.itemsTotal += price * quantity
        parts.discountsTotal += (selling - price) * quantity

        let slas = availability == "available"
            ? shippingPolicies.map { simulationSLA($0, quantity: quantity, fulfillmentProtocol: fulfillmentProtocol) } : []
        parts.shippingTotal += slas.map(\.price).min() ?? 0
        let balance = availability == "available" ? stock : 0
        let channels = Array(Set(shippingPolicies.map(\.deliveryChannel))).sorted()
        parts.logistics.append(SimulationLogistics(
            itemIndex: parts.items.count - 1, quantity: quantity, shipsTo: [country], slas: slas,
            deliveryChannels: channels.map { .init(id: $0, stockBalance: fulfillmentProtocol ? balance : nil) },
            stockBalance: fulfillmentProtocol ? balance : nil))
        parts.conditions.append(.init(id: requested.id, seller: "1", sellerChain: ["1"], slas: slas,
                                      price: selling, listPrice: prices?.listPrice ?? 0))
        parts.metadata.append(.init(id: requested.id, seller: "1", name: product.name, skuName: sku.name,
                                    productId: String(product.id), refId: sku.refId, ean: Nullable(sku.ean),
                                    imageUrl: sku.images.first?.url ?? "", detailUrl: "/\(product.id)/p"))
    }

    /// An item's availability in a simulation, the first that holds of `withoutPrice` (no price on the
    /// trade policy), `cannotBeDelivered` (not sellable there), `withoutStock`, else `available`.
    private func simulationAvailability(priced: Bool, sellable: Bool, stock: Int, quantity: Int) -> String {
        if !priced { return "withoutPrice" }
        if !sellable { return "cannotBeDelivered" }
        if stock < quantity || stock == 0 { return "withoutStock" }
        return "available"
    }

    /// One policy as a simulation SLA for `quantity` units.
    func simulationSLA(_ policy: ShippingPolicy, quantity: Int, fulfillmentProtocol: Bool) -> SimulationSLA {
        let pickup = policy.deliveryChannel == "pickup-in-point"
        return SimulationSLA(
            id: policy.name, deliveryChannel: policy.deliveryChannel, name: policy.name,
            deliveryIds: [.init(courierId: policy.courierId, warehouseId: Self.warehouseId, dockId: Self.dockId,
                                courierName: policy.courierName, quantity: quantity)],
            shippingEstimate: policy.shippingEstimate, lockTTL: Nullable(policy.lockTTL),
            price: policy.price, listPrice: policy.price,
            availableDeliveryWindows: fulfillmentProtocol ? [] : nil,
            pickupStoreInfo: fulfillmentProtocol ? nil : Nullable(.init(
                isPickupStore: pickup, friendlyName: Nullable(pickup ? policy.name : nil),
                dockId: Nullable(pickup ? Self.dockId : nil))),
            pickupPointId: Nullable(policy.pickupPointId), transitTime: policy.shippingEstimate)
    }
}

/// What a simulation gathers item by item before it answers.
private struct SimulationParts {
    var items: [SimulationItem] = []
    var logistics: [SimulationLogistics] = []
    var messages: [SimulationMessage] = []
    var conditions: [PurchaseConditions.ItemPurchaseCondition] = []
    var metadata: [ItemMetadata.Item] = []
    var promotionIds: Set<String> = []
    var itemsTotal = 0
    var discountsTotal = 0
    var shippingTotal = 0
}

/// Date strings as VTEX writes them: ISO 8601 UTC with fractional seconds.
enum VTEXDate {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `2026-11-23T09:25:00.000Z`.
    static func string(_ date: Date) -> String { date.formatted(style) }
}
