import IntegrationRules
import VTEXAPI

extension SimulationFacts {
    /// The simulation's answer indexed by the requested line (`requestIndex`; unknown SKUs are
    /// left out of the answer's items, so they have no entry).
    init(_ response: OrderSimulationResponse) {
        var items: [Int: Item] = [:]
        let logistics = response.logisticsInfo ?? []
        for (position, item) in (response.items ?? []).enumerated() {
            let slas = logistics.first { $0.itemIndex == position }?.slas ?? []
            items[item.requestIndex ?? position] = Item(
                availability: item.availability ?? "available",
                slas: slas.map { sla in
                    SLA(
                        id: sla.id, name: sla.name ?? sla.id, deliveryChannel: sla.deliveryChannel ?? "delivery",
                        courierNames: (sla.deliveryIds ?? []).compactMap(\.courierName), priceCents: sla.price ?? 0,
                        shippingEstimate: sla.shippingEstimate, lockTTL: sla.lockTTL)
                })
        }
        self.init(items: items)
    }
}

extension VTEXOrderDraft {
    /// The New Order Integration body of this draft.
    func request(connectorName: String, connectorEndpoint: String) -> NewOrderIntegrationRequest {
        var request = NewOrderIntegrationRequest(
            marketplaceOrderId: marketplaceOrderId, connectorName: connectorName, connectorEndpoint: connectorEndpoint,
            marketplaceOrderStatus: status, marketplacePaymentValue: paymentCents, marketplaceInterestValue: interestCents,
            priceDivergenceAllowanceRate: priceDivergenceAllowanceRate,
            items: items.map { .init(id: $0.skuId, price: $0.unitPriceCents, quantity: $0.quantity) },
            clientProfileData: .init(
                email: client.email, firstName: client.firstName, lastName: client.lastName, phone: client.phone,
                document: client.document),
            shippingData: .init(
                logisticsInfo: logistics.map {
                    .init(price: $0.priceCents, selectedDeliveryChannel: $0.deliveryChannel, selectedSla: $0.sla,
                          lockTTL: $0.lockTTL, shippingEstimate: $0.shippingEstimate)
                },
                selectedAddresses: [.init(
                    addressType: "residential", addressId: "shipping", receiverName: address.receiverName,
                    postalCode: address.postalCode, city: address.city, state: address.state, country: address.countryISO3,
                    street: address.street, number: address.number, neighborhood: address.neighborhood,
                    complement: address.complement)]),
            // Carrefour collects the payment; VTEX only needs its group (the guide's example).
            invoiceData: .init(paymentMethods: ["creditCardPaymentGroup"]))
        if let corporate = client.corporate {
            request.clientProfileData.corporateDocument = corporate.document
            request.clientProfileData.corporateName = corporate.name
            request.clientProfileData.tradeName = corporate.tradeName
            request.clientProfileData.corporatePhone = corporate.phone
        }
        if !taxes.isEmpty { request.taxData = taxes.map { .init(skuId: $0.skuId, value: $0.valueCents) } }
        if let pickup {
            let point = pickup.address
            var address = NewOrderIntegrationRequest.Address(
                addressType: "pickup", addressId: pickup.pointId, receiverName: self.address.receiverName,
                postalCode: point.postalCode, city: point.city, state: point.state, country: point.countryISO3,
                street: point.street, number: point.number, neighborhood: point.neighborhood, complement: point.complement)
            address.geoCoordinates = .init(latitude: pickup.latitude, longitude: pickup.longitude)
            request.shippingData.selectedAddresses = [address]
        }
        return request
    }
}

extension OrderIntegrationResult {
    /// What this answer means for the order.
    var verdict: OrderIntegrationVerdict {
        OrderIntegrationVerdict.classify(
            code: code, success: success, message: message, vtexOrderId: fields?.mainOrderId,
            details: (errors ?? []).map { .init(source: $0.source, code: $0.code, description: $0.description) })
    }
}
