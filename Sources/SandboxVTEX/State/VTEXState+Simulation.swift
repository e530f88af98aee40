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
        var items: [SimulationItem] = []
        var logistics: [SimulationLogistics] = []
        var messages: [SimulationMessage] = []
        var conditions: [PurchaseConditions.ItemPurchaseCondition] = []
        var metadata: [ItemMetadata.Item] = []
        var promotionIds: Set<String> = []
        var itemsTotal = 0, discountsTotal = 0, shippingTotal = 0
        let validUntil = VTEXDate.string(now.addingTimeInterval(86_400))

        for (requestIndex, requested) in request.items.enumerated() {
            guard let skuId = Int(requested.id), let sku = catalog.skus[skuId], requested.seller == "1",
                  let product = catalog.products[sku.productId] else {
                messages.append(.init(code: "itemNotFound",
                                      text: "Item \(requested.id) not found or unavailable", status: "error"))
                continue
            }
            let quantity = max(requested.quantity, 0)
            let stock = catalog.inventory[skuId]?.available ?? 0
            let prices = unitPrice(skuId: skuId, tradePolicy: tradePolicy)
            let availability: String
            if prices == nil {
                availability = "withoutPrice"
            } else if !sellable(sku, on: tradePolicy) {
                availability = "cannotBeDelivered"
            } else if stock < quantity || stock == 0 {
                availability = "withoutStock"
            } else {
                availability = "available"
            }
            if availability != "available" {
                messages.append(.init(code: availability,
                                      text: "Item \(sku.name) is \(availability) on trade policy \(tradePolicy)",
                                      status: "error"))
            }
            let price = prices?.price ?? 0
            let selling = prices?.selling ?? 0
            let detailed = (prices?.promotions ?? []).map { promotion -> PriceTag in
                promotionIds.insert(promotion.id)
                let discount = (price - selling) * quantity
                return PriceTag(name: "DISCOUNT@MARKETPLACE", value: -discount, rawValue: -Double(discount) / 100,
                                isPercentual: false, identifier: Nullable(promotion.id))
            }
            items.append(SimulationItem(
                id: requested.id, requestIndex: requestIndex, quantity: quantity, seller: "1", sellerChain: ["1"],
                // The fulfillment protocol's `price` is the seller's final price (its priceTags are bare names).
                priceValidUntil: validUntil, price: fulfillmentProtocol ? selling : price,
                listPrice: prices?.listPrice ?? 0, sellingPrice: selling,
                priceTags: fulfillmentProtocol ? .names(detailed.map(\.name)) : .detailed(detailed),
                availability: availability,
                priceDefinition: .init(calculatedSellingPrice: selling, total: selling * quantity,
                                       sellingPrices: [.init(value: selling, quantity: quantity)]),
                merchantName: fulfillmentProtocol ? accountName : nil))
            itemsTotal += price * quantity
            discountsTotal += (selling - price) * quantity

            let slas = availability == "available"
                ? shippingPolicies.map { simulationSLA($0, quantity: quantity, fulfillmentProtocol: fulfillmentProtocol) } : []
            shippingTotal += slas.map(\.price).min() ?? 0
            let balance = availability == "available" ? stock : 0
            let channels = Array(Set(shippingPolicies.map(\.deliveryChannel))).sorted()
            logistics.append(SimulationLogistics(
                itemIndex: items.count - 1, quantity: quantity, shipsTo: [country], slas: slas,
                deliveryChannels: channels.map { .init(id: $0, stockBalance: fulfillmentProtocol ? balance : nil) },
                stockBalance: fulfillmentProtocol ? balance : nil))
            conditions.append(.init(id: requested.id, seller: "1", sellerChain: ["1"], slas: slas,
                                    price: selling, listPrice: prices?.listPrice ?? 0))
            metadata.append(.init(id: requested.id, seller: "1", name: product.name, skuName: sku.name,
                                  productId: String(product.id), refId: sku.refId, ean: Nullable(sku.ean),
                                  imageUrl: sku.images.first?.url ?? "", detailUrl: "/\(product.id)/p"))
        }
        return SimulationResponse(
            items: items,
            ratesAndBenefitsData: .init(rateAndBenefitsIdentifiers: promotionIds.sorted()),
            postalCode: Nullable(request.postalCode ?? (fulfillmentProtocol ? "" : nil)), country: request.country ?? country,
            logisticsInfo: logistics, messages: messages,
            purchaseConditions: .init(itemPurchaseConditions: conditions),
            totals: [.init(id: "Items", name: "Items Total", value: itemsTotal),
                     .init(id: "Discounts", name: "Discounts Total", value: discountsTotal),
                     .init(id: "Shipping", name: "Shipping Total", value: shippingTotal)],
            itemMetadata: .init(items: metadata))
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

/// Date strings as VTEX writes them: ISO 8601 UTC with fractional seconds.
enum VTEXDate {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `2026-11-23T09:25:00.000Z`.
    static func string(_ date: Date) -> String { date.formatted(style) }
}
