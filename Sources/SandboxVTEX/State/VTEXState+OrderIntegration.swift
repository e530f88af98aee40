import Foundation

extension VTEXState {
    /// The VTEX order id of a marketplace order: `{affiliateId}-{marketplaceOrderId}` (vtex-apis.md "IDs").
    func orderId(affiliateId: String, marketplaceOrderId: String) -> String {
        "\(affiliateId)-\(marketplaceOrderId)"
    }

    /// Processes one queued New Order Integration request and returns the notifications it produces:
    /// SOI001 or one of EOI002/003/004/005/007, then SOI002 (or an approve error) when the marketplace sent
    /// the order as `approved` (vtex-apis.md §6; seeds/new-order-integration.md "Response Codes").
    mutating func integrate(_ request: NewOrderRequest, affiliateId: String, now: Date) -> [OrderIntegrationResult] {
        let operationId = nextOperationId()
        let vtexOrderId = orderId(affiliateId: affiliateId, marketplaceOrderId: request.marketplaceOrderId)
        let tradePolicy = Int(affiliate.salesChannel) ?? tradePolicyId
        let cart: IntegrationCart
        let delivery: IntegrationDelivery
        let diverges: Bool
        do throws(IntegrationRefusal) {
            try checkAdmissible(request, vtexOrderId: vtexOrderId)
            cart = try self.cart(of: request, tradePolicy: tradePolicy)
            delivery = try self.delivery(of: request)
            diverges = try priceDiverges(request, expected: cart.expectedItems + delivery.expectedShipping)
        } catch {
            return [OrderIntegrationResult(
                marketplaceOrderId: Nullable(request.marketplaceOrderId), accountName: Nullable(accountName),
                code: error.code, flow: "PlaceOrder", success: false, operationId: Nullable(operationId),
                errors: Nullable(error.errors), fields: nil, message: error.message)]
        }
        for (skuId, quantity) in cart.wanted { catalog.inventory[skuId]?.reservedQuantity += quantity }
        orderSequence += 1
        let status: OrderStatus = diverges ? .waitingForManualAuthorization : .waitingForMarketplaceAuthorization
        orders[vtexOrderId] = newOrder(
            vtexOrderId, from: request, affiliateId: affiliateId, tradePolicy: tradePolicy, status: status,
            lines: cart.lines, shipping: delivery.shipping, now: now)
        if let created = orders[vtexOrderId] { noteOrderStockChange(created, now: now) }
        recordChange(orderId: vtexOrderId, state: "order-created", lastState: "", statusChanged: true, now: now)
        recordChange(orderId: vtexOrderId, state: status.rawValue, lastState: "order-created", statusChanged: true, now: now)
        var results = [OrderIntegrationResult(
            marketplaceOrderId: Nullable(request.marketplaceOrderId), accountName: Nullable(accountName),
            code: "SOI001", flow: "PlaceOrder", success: true, operationId: Nullable(operationId), errors: nil,
            fields: Nullable(.init(mainOrderId: vtexOrderId)), message: "Order integrated successfully")]
        if request.marketplaceOrderStatus.lowercased() == "approved" {
            results.append(approve(marketplaceOrderId: request.marketplaceOrderId, affiliateId: affiliateId, now: now))
        }
        return results
    }

    /// Refuses a request before its cart is looked at: EOI005 for a malformed request or marketplace taxes
    /// the store does not accept, EOI007 for an order already integrated.
    private func checkAdmissible(_ request: NewOrderRequest, vtexOrderId: String) throws(IntegrationRefusal) {
        if let problem = Self.validationProblem(in: request) {
            throw IntegrationRefusal("EOI005", "Validation error: \(problem)",
                                     [.init(source: "Order Integration", code: "FMT001", description: problem)])
        }
        if orders[vtexOrderId] != nil {
            throw IntegrationRefusal("EOI007", "Order \(vtexOrderId) already exists", nil)
        }
        if refuseTaxData, !(request.taxData ?? []).isEmpty {
            throw IntegrationRefusal("EOI005", "Validation error: this store does not accept marketplace taxes (taxData)",
                                     [.init(source: "Checkout", code: "FMT005", description: "taxData not accepted")])
        }
    }

    /// The order's lines from the catalog, or EOI004 (an unknown item) or EOI002 (an item not sellable on
    /// the affiliate's trade policy, or without the stock asked for).
    private func cart(of request: NewOrderRequest, tradePolicy: Int) throws(IntegrationRefusal) -> IntegrationCart {
        var cart = IntegrationCart()
        for item in request.items {
            guard let skuId = Int(item.id), let sku = catalog.skus[skuId], let product = catalog.products[sku.productId] else {
                throw IntegrationRefusal("EOI004", "Invalid cart: item \(item.id) does not exist",
                                         [.init(source: "Checkout", code: "FMT004", description: "Item \(item.id) not found")])
            }
            guard sellable(sku, on: tradePolicy), let prices = unitPrice(skuId: skuId, tradePolicy: tradePolicy) else {
                throw IntegrationRefusal("EOI002", "No SLA or item available: item \(item.id) is not sellable on trade policy \(tradePolicy)",
                                         [.init(source: "Fulfillment", code: "FMT005", description: "Item \(item.id) unavailable")])
            }
            cart.wanted[skuId, default: 0] += item.quantity
            cart.expectedItems += prices.selling * item.quantity
            cart.lines.append(OrderLine(
                skuId: skuId, productId: product.id, name: sku.name, refId: sku.refId, ean: sku.ean,
                quantity: item.quantity, price: item.price, listPrice: prices.price,
                imageUrl: sku.images.first?.url ?? "", brandName: product.brandName, brandId: product.brandId,
                categoryId: product.categoryId,
                dimensions: sku.dimensions ?? SKUDimensions(height: 0, width: 0, length: 0, weight: 0)))
        }
        for (skuId, quantity) in cart.wanted where (catalog.inventory[skuId]?.available ?? 0) < quantity {
            throw IntegrationRefusal("EOI002", "No SLA or item available: item \(skuId) has not enough stock",
                                     [.init(source: "Fulfillment", code: "FMT005", description: "Item \(skuId) without stock")])
        }
        return cart
    }

    /// The order's shipping, one entry per logistics info: the marketplace's own for a FOB order, else the
    /// seller's SLA it selected (or the cheapest of the channel), or EOI002 when there is none.
    private func delivery(of request: NewOrderRequest) throws(IntegrationRefusal) -> IntegrationDelivery {
        var delivery = IntegrationDelivery()
        for logistics in request.shippingData.logisticsInfo {
            let policy: ShippingPolicy
            if request.shippingData.isFob {
                policy = ShippingPolicy(name: "Marketplace", carrierType: "Normal",
                                        deliveryChannel: logistics.selectedDeliveryChannel, courierId: "marketplace",
                                        courierName: "Marketplace", price: logistics.price,
                                        shippingEstimate: logistics.shippingEstimate, lockTTL: logistics.lockTTL,
                                        pickupPointId: nil)
            } else {
                var candidates = policies(channel: logistics.selectedDeliveryChannel)
                if logistics.selectedDeliveryChannel == "pickup-in-point" {
                    // The pickup point named by the pickup address (new-order-integration.md scenario 9:
                    // "addressId: the pickup point's ID in VTEX's logistics system").
                    let point = request.shippingData.selectedAddresses.first?.addressId
                    candidates = candidates.filter { $0.pickupPointId != nil && $0.pickupPointId == point }
                }
                let chosen = (logistics.selectedSla ?? "").isEmpty
                    ? candidates.min { $0.price < $1.price }
                    : candidates.first { $0.name == logistics.selectedSla }
                guard let chosen else {
                    let sla = logistics.selectedSla ?? ""
                    throw IntegrationRefusal("EOI002", "No SLA available: \(sla.isEmpty ? "no \(logistics.selectedDeliveryChannel) SLA" : "SLA \(sla)") for this order",
                                             [.init(source: "Fulfillment", code: "FMT005", description: "SLA unavailable")])
                }
                policy = chosen
            }
            delivery.expectedShipping += policy.price
            delivery.shipping.append(OrderShipping(policy: policy, price: logistics.price,
                                                   shippingEstimate: logistics.shippingEstimate, lockTTL: logistics.lockTTL,
                                                   deliveryChannel: logistics.selectedDeliveryChannel))
        }
        return delivery
    }

    /// Whether the payment diverges from the seller's `expected` total beyond the allowance (so the order
    /// waits for manual authorization), or EOI003 when it does and the store does not authorize by hand, or
    /// when the payment does not add up to what the order itself sends.
    private func priceDiverges(_ request: NewOrderRequest, expected: Int) throws(IntegrationRefusal) -> Bool {
        // Price divergence: the marketplace's payment (interest excluded) against the seller's own total,
        // accepted within `priceDivergenceAllowanceRate` (integrate-with-carrefour.md "Taxa de divergência").
        // Interest and the taxes of `taxData` come on top of items and shipping (scenarios 3 and 11).
        let paid = request.marketplacePaymentValue - (request.marketplaceInterestValue ?? 0)
            - (request.taxData ?? []).reduce(0) { $0 + $1.value }
        let rate = request.priceDivergenceAllowanceRate ?? 0
        // The payment must add up to what the order itself sends (unit price × quantity, shipping): a
        // unit price rounded so the items miss the payment by a cent is refused whatever the allowance
        // (EOI003, "the order total payment value differs from what is expected", new-order-integration.md;
        // the guide is silent on a tolerance, so the sandbox allows none).
        let sent = request.items.reduce(0) { $0 + $1.price * $1.quantity }
            + request.shippingData.logisticsInfo.reduce(0) { $0 + $1.price }
        if paid != sent {
            throw IntegrationRefusal("EOI003", "Price divergence: the payment without interest and taxes (\(paid)) is not the items and shipping sent (\(sent))",
                                     [.init(source: "Checkout", code: "FMT003", description: "Payment does not add up")])
        }
        let diverges = Decimal(abs(paid - expected)) > rate * Decimal(expected)
        if diverges && !manualPriceAuthorization {
            throw IntegrationRefusal("EOI003", "Price divergence: paid \(paid), expected \(expected), allowance \(rate)",
                                     [.init(source: "Checkout", code: "FMT003", description: "Total value diverges")])
        }
        return diverges
    }

    /// The sandbox's order for an accepted request, numbered with the current `orderSequence`.
    private func newOrder(
        _ vtexOrderId: String, from request: NewOrderRequest, affiliateId: String, tradePolicy: Int,
        status: OrderStatus, lines: [OrderLine], shipping: [OrderShipping], now: Date
    ) -> SandboxOrder {
        let address = request.shippingData.selectedAddresses[0]
        return SandboxOrder(
            orderId: vtexOrderId, sequence: String(orderSequence), marketplaceOrderId: request.marketplaceOrderId,
            affiliateId: affiliateId, salesChannel: tradePolicy, connectorName: request.connectorName,
            connectorEndpoint: request.connectorEndpoint, status: status, creationDate: now, lastChange: now,
            canceledBySeller: false, approvalRequested: false, lines: lines, shipping: shipping,
            address: OrderAddress(
                addressType: address.addressType, addressId: address.addressId ?? "address-\(orderSequence)",
                receiverName: address.receiverName, postalCode: address.postalCode, city: address.city ?? "",
                state: address.state ?? "", country: address.country, street: address.street ?? "",
                number: address.number ?? "", neighborhood: address.neighborhood ?? "",
                complement: address.complement ?? "",
                geoCoordinates: address.geoCoordinates.map { [$0.longitude, $0.latitude] } ?? []),
            client: OrderClient(
                email: request.clientProfileData.email, firstName: request.clientProfileData.firstName,
                lastName: request.clientProfileData.lastName, phone: request.clientProfileData.phone,
                document: request.clientProfileData.document,
                corporateName: request.clientProfileData.corporateName,
                corporateDocument: request.clientProfileData.corporateDocument,
                tradeName: request.clientProfileData.tradeName,
                stateInscription: request.clientProfileData.stateInscription,
                corporatePhone: request.clientProfileData.corporatePhone),
            isFob: request.shippingData.isFob,
            trackingHints: (request.shippingData.trackingHints ?? []).map {
                .init(trackingId: $0.trackingId, courierName: $0.courierName, trackingUrl: $0.trackingUrl,
                      trackingLabel: $0.trackingLabel)
            },
            paymentMethods: request.invoiceData.userPaymentInfo.paymentMethods,
            marketplacePaymentValue: request.marketplacePaymentValue,
            interestValue: request.marketplaceInterestValue ?? 0,
            taxValue: (request.taxData ?? []).reduce(0) { $0 + $1.value },
            openTextField: request.openTextField, packages: [])
    }

    /// Processes one approve request (`PUT …/orders/status` with `approved`): SOI002, or EOI008 (order not
    /// integrated), EOI009 (not approvable: canceled or invoiced), EOI011 (waiting for manual price
    /// authorization) (vtex-apis.md §6 UpdateOrderStatus).
    mutating func approve(marketplaceOrderId: String, affiliateId: String, now: Date) -> OrderIntegrationResult {
        let vtexOrderId = orderId(affiliateId: affiliateId, marketplaceOrderId: marketplaceOrderId)
        let operationId = nextOperationId()
        func result(_ code: String, _ success: Bool, _ message: String, fields: Bool) -> OrderIntegrationResult {
            OrderIntegrationResult(
                marketplaceOrderId: Nullable(marketplaceOrderId), accountName: Nullable(accountName), code: code,
                flow: "ApproveOrder", success: success, operationId: Nullable(operationId),
                errors: success ? nil : Nullable([.init(source: "Order Integration", code: code, description: message)]),
                fields: fields ? Nullable(.init(mainOrderId: vtexOrderId)) : nil, message: message)
        }
        guard var order = orders[vtexOrderId] else {
            return result("EOI008", false, "Order \(vtexOrderId) is not integrated yet", fields: false)
        }
        switch order.status {
        case .waitingForMarketplaceAuthorization:
            let last = order.status
            order.status = .readyForHandling
            order.approvalRequested = true
            order.authorizedDate = now
            order.lastChange = now
            orders[vtexOrderId] = order
            recordChange(orderId: vtexOrderId, state: order.status.rawValue, lastState: last.rawValue,
                         statusChanged: true, now: now)
            return result("SOI002", true, "Order approved successfully", fields: true)
        case .readyForHandling, .handling:
            return result("SOI002", true, "Order approved successfully", fields: true)
        case .waitingForManualAuthorization:
            orders[vtexOrderId]?.approvalRequested = true
            return result("EOI011", false, "Order \(vtexOrderId) waits for the seller's manual price authorization",
                          fields: true)
        case .invoiced, .canceled:
            return result("EOI009", false, "Order \(vtexOrderId) is \(order.status.rawValue) and cannot be approved",
                          fields: true)
        }
    }

    /// The first EOI005 problem of a request, if any (fields VTEX's Checkout/Fulfillment would refuse).
    static func validationProblem(in request: NewOrderRequest) -> String? {
        if request.marketplaceOrderId.isEmpty { return "marketplaceOrderId is empty" }
        if !["new", "approved"].contains(request.marketplaceOrderStatus.lowercased()) {
            return "marketplaceOrderStatus must be new or approved"
        }
        if request.items.isEmpty { return "items is empty" }
        if let bad = request.items.first(where: { $0.quantity <= 0 || $0.price < 0 }) {
            return "item \(bad.id) has a non-positive quantity or a negative price"
        }
        if request.shippingData.logisticsInfo.count != request.items.count {
            return "shippingData.logisticsInfo must have one entry per item"
        }
        guard let address = request.shippingData.selectedAddresses.first else {
            return "shippingData.selectedAddresses is empty"
        }
        if address.country.count != 3 || address.country.uppercased() != address.country {
            return "country must be an ISO 3166-1 alpha-3 code"
        }
        if address.postalCode.isEmpty { return "postalCode is empty" }
        if !request.clientProfileData.email.contains("@") { return "clientProfileData.email is invalid" }
        if request.marketplacePaymentValue < 0 { return "marketplacePaymentValue is negative" }
        for logistics in request.shippingData.logisticsInfo {
            switch logistics.selectedDeliveryChannel {
            case "delivery": continue
            case "pickup-in-point":
                if request.shippingData.isFob { return "isFob cannot be true for pickup-in-point" }
                if address.addressType != "pickup" || address.addressId == nil || address.geoCoordinates == nil {
                    return "pickup-in-point needs a pickup address with addressId and geoCoordinates"
                }
            default:
                return "selectedDeliveryChannel must be delivery or pickup-in-point"
            }
        }
        return nil
    }
}

/// Why a New Order Integration request is refused: the EOI code of the notification, its message and the
/// errors it lists (seeds/new-order-integration.md "Response Codes").
private struct IntegrationRefusal: Error {
    let code: String
    let message: String
    let errors: [OrderIntegrationResult.Failure]?

    init(_ code: String, _ message: String, _ errors: [OrderIntegrationResult.Failure]?) {
        self.code = code
        self.message = message
        self.errors = errors
    }
}

/// An accepted cart: its lines, the seller's total for them and the quantity wanted of each SKU.
private struct IntegrationCart {
    var lines: [OrderLine] = []
    var expectedItems = 0
    var wanted: [Int: Int] = [:]
}

/// An accepted delivery: one shipping entry per logistics info and the seller's total for them.
private struct IntegrationDelivery {
    var shipping: [OrderShipping] = []
    var expectedShipping = 0
}
