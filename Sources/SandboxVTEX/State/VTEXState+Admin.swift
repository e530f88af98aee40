import Foundation

extension VTEXState {
    /// The affiliate notification for one SKU change, or nil when no notification URL is configured
    /// (vtex-apis.md §7: one POST per SKU; `IsActive` false or removal from the policy tells the connector to
    /// zero the offer).
    func skuNotification(skuId: Int, stock: Bool, price: Bool, catalogData: Bool, now: Date) -> OutboundWebhook? {
        guard let url = affiliate.searchURIEndpoint, !url.isEmpty, let sku = catalog.skus[skuId],
              let product = catalog.products[sku.productId] else { return nil }
        let policy = Int(affiliate.salesChannel) ?? tradePolicyId
        let notification = SKUChangeNotification(
            IdSku: String(skuId), ProductId: product.id, An: accountName, IdAffiliate: affiliate.id,
            DateModified: VTEXDate.string(now), IsActive: sku.isActive && product.isActive,
            StockModified: stock, PriceModified: price, HasStockKeepingUnitModified: catalogData,
            HasStockKeepingUnitRemovedFromAffiliate: !product.salesChannels.contains(policy))
        guard let body = try? JSONEncoder().encode(notification) else { return nil }
        return OutboundWebhook(kind: "sku-notification", url: url, body: Array(body))
    }

    /// Sets the warehouse quantity of a SKU.
    mutating func setStock(skuId: Int, _ request: AdminStockRequest, now: Date) throws(AdminError) -> [OutboundWebhook] {
        guard catalog.skus[skuId] != nil else { throw .skuNotFound(skuId) }
        guard request.quantity >= 0 else { throw .invalid("quantity must not be negative") }
        var level = catalog.inventory[skuId] ?? InventoryLevel(totalQuantity: 0, reservedQuantity: 0, unlimited: false)
        level.totalQuantity = request.quantity
        level.unlimited = request.unlimited ?? level.unlimited
        catalog.inventory[skuId] = level
        return skuNotification(skuId: skuId, stock: true, price: false, catalogData: false, now: now).map { [$0] } ?? []
    }

    /// Changes base, list or fixed prices of a SKU.
    mutating func setPrice(skuId: Int, _ request: AdminPriceRequest, now: Date) throws(AdminError) -> [OutboundWebhook] {
        guard catalog.skus[skuId] != nil else { throw .skuNotFound(skuId) }
        var record = catalog.prices[skuId] ?? SKUPrice(basePrice: nil, listPrice: nil, fixedPrices: [:])
        if let base = request.basePrice { record.basePrice = base }
        if let list = request.listPrice { record.listPrice = list }
        for (policy, value) in request.fixedPrices ?? [:] {
            guard Int(policy) != nil else { throw .invalid("fixedPrices keys must be trade policy ids") }
            record.fixedPrices[policy] = value
        }
        catalog.prices[skuId] = record
        return skuNotification(skuId: skuId, stock: false, price: true, catalogData: false, now: now).map { [$0] } ?? []
    }

    /// Changes catalog data of a SKU or its product.
    mutating func patchSKU(skuId: Int, _ patch: AdminSKUPatch, now: Date) throws(AdminError) -> [OutboundWebhook] {
        guard var sku = catalog.skus[skuId] else { throw .skuNotFound(skuId) }
        if let name = patch.name { sku.name = name }
        if let active = patch.isActive { sku.isActive = active }
        if let ean = patch.ean { sku.ean = ean }
        if patch.removeEan == true { sku.ean = nil }
        catalog.skus[skuId] = sku
        if let active = patch.productActive { catalog.products[sku.productId]?.isActive = active }
        if let channels = patch.salesChannels { catalog.products[sku.productId]?.salesChannels = channels }
        // A product-level change notifies every SKU of the product (vtex-apis.md §7).
        let productLevel = patch.productActive != nil || patch.salesChannels != nil
        let affected = productLevel ? catalog.skus.values.filter { $0.productId == sku.productId }.map(\.id).sorted() : [skuId]
        return affected.compactMap { skuNotification(skuId: $0, stock: false, price: false, catalogData: true, now: now) }
    }

    /// Creates a SKU (and its product when needed), e.g. to fix an order that failed with EOI004.
    mutating func createSKU(_ request: AdminSKUCreate, now: Date) throws(AdminError) -> (Int, [OutboundWebhook]) {
        let skuId = request.id ?? ((catalog.skus.keys.max() ?? 2000) + 1)
        guard catalog.skus[skuId] == nil else { throw .invalid("SKU \(skuId) already exists") }
        guard request.price >= 0, request.stock >= 0 else { throw .invalid("price and stock must not be negative") }
        let productId = request.productId ?? ((catalog.products.keys.max() ?? 1000) + 1)
        if catalog.products[productId] == nil {
            catalog.products[productId] = CatalogProduct(
                id: productId, name: request.name, description: "<p>\(request.name)</p>", refId: "REF-\(productId)",
                brandId: 1, brandName: request.brandName ?? "Acme", categoryId: 10, categoryName: "Casa",
                isActive: true, isVisible: true,
                salesChannels: request.salesChannels ?? [tradePolicyId, tradePolicyId + 1])
        }
        catalog.skus[skuId] = CatalogSKU(
            id: skuId, productId: productId, name: request.name, refId: "SKU-\(skuId)", ean: request.ean,
            isActive: true,
            dimensions: request.withDimensions == false ? nil : SKUDimensions(height: 10, width: 10, length: 10, weight: 500),
            images: request.withImages == false ? [] : [SKUImage(
                fileId: skuId * 10, url: "https://sandbox.vteximg.com.br/arquivos/ids/\(skuId * 10)/sku-\(skuId).jpg",
                name: "sku-\(skuId)")],
            manufacturerCode: "MC-\(skuId)", traits: ["created"])
        catalog.prices[skuId] = SKUPrice(basePrice: request.price, listPrice: request.listPrice, fixedPrices: [:])
        catalog.inventory[skuId] = InventoryLevel(totalQuantity: request.stock, reservedQuantity: 0, unlimited: false)
        let webhooks = skuNotification(skuId: skuId, stock: true, price: true, catalogData: true, now: now).map { [$0] } ?? []
        return (skuId, webhooks)
    }

    /// Adds or replaces a promotion; its SKUs get a price notification.
    mutating func upsertPromotion(_ promotion: Promotion, now: Date) throws(AdminError) -> [OutboundWebhook] {
        guard (1...100).contains(promotion.percentage) else { throw .invalid("percentage must be 1…100") }
        let previous = catalog.promotions.first { $0.id == promotion.id }?.skuIds ?? []
        catalog.promotions.removeAll { $0.id == promotion.id }
        catalog.promotions.append(promotion)
        return Set(previous + promotion.skuIds).sorted()
            .compactMap { skuNotification(skuId: $0, stock: false, price: true, catalogData: false, now: now) }
    }

    /// Replaces the shipping policies.
    mutating func setShippingPolicies(_ policies: [ShippingPolicy]) throws(AdminError) {
        for policy in policies where !["delivery", "pickup-in-point"].contains(policy.deliveryChannel) {
            throw .invalid("SLA \(policy.name): deliveryChannel must be delivery or pickup-in-point")
        }
        shippingPolicies = policies
    }

    /// The seller's manual authorization of an order integrated with a price divergence: it then waits for the
    /// marketplace's approval, or is approved at once when the marketplace already asked (EOI011 earlier).
    mutating func authorizeDivergence(orderId: String, now: Date) throws(OMSError) {
        guard var order = orders[orderId] else { throw .orderNotFound(orderId) }
        guard order.status == .waitingForManualAuthorization else {
            throw .conflict("Order \(orderId) is \(order.status.rawValue), not waiting for a manual authorization")
        }
        order.status = order.approvalRequested ? .readyForHandling : .waitingForMarketplaceAuthorization
        if order.approvalRequested { order.authorizedDate = now }
        order.lastChange = now
        orders[orderId] = order
        recordChange(orderId: orderId, state: order.status.rawValue, lastState: "waiting-for-manual-authorization",
                     statusChanged: true, now: now)
    }

    /// Builds the invoice the admin API asked for: every order line, the order value unless given, and only
    /// the optional fields present in the request.
    func adminInvoice(orderId: String, _ request: AdminInvoiceRequest) throws(OMSError) -> InvoicePackage {
        guard let order = orders[orderId] else { throw .orderNotFound(orderId) }
        return InvoicePackage(
            type: "Output", invoiceNumber: request.invoiceNumber, invoiceValue: request.invoiceValue ?? order.value,
            invoiceKey: request.invoiceKey, invoiceUrl: request.invoiceUrl, issuanceDate: request.issuanceDate,
            courier: request.courier, trackingNumber: request.trackingNumber, trackingUrl: request.trackingUrl,
            dispatchedDate: nil, embeddedInvoice: nil,
            items: order.lines.enumerated().map { .init(itemIndex: $0.offset, quantity: $0.element.quantity, price: $0.element.price) },
            courierStatus: nil)
    }
}

/// Why an admin change was refused (400/404).
enum AdminError: Error, Sendable, CustomStringConvertible {
    case skuNotFound(Int)
    case invalid(String)

    var description: String {
        switch self {
        case .skuNotFound(let id): "SKU \(id) not found"
        case .invalid(let reason): reason
        }
    }
}
