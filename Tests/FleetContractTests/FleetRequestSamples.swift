import VTEXAPI

/// Request bodies shaped as the fleet builds them, every optional part filled at least once.
enum FleetRequestSamples {
    /// A delivery order for a person.
    static var personDelivery: NewOrderIntegrationRequest {
        NewOrderIntegrationRequest(
            marketplaceOrderId: "CRF-1-A", connectorName: "carrefour-connector", connectorEndpoint: "https://ingress.example",
            marketplaceOrderStatus: "approved", marketplacePaymentValue: 15_570, marketplaceInterestValue: 0,
            priceDivergenceAllowanceRate: 0,
            items: [.init(id: "2001", price: 7_290, quantity: 2)],
            clientProfileData: .init(
                email: "c1@example.com", firstName: "Ana", lastName: "Souza", phone: "+5511999990000", document: "39053344705"),
            shippingData: .init(
                logisticsInfo: [.init(price: 990, selectedDeliveryChannel: "delivery", selectedSla: "Normal", lockTTL: "1d",
                                      shippingEstimate: "3bd")],
                selectedAddresses: [.init(
                    addressType: "residential", addressId: "shipping", receiverName: "Ana Souza", postalCode: "01310-100",
                    city: "São Paulo", state: "SP", country: "BRA", street: "Avenida Paulista", number: "1000",
                    neighborhood: "Bela Vista", complement: nil)]),
            invoiceData: .init(paymentMethods: ["creditCardPaymentGroup"]))
    }

    /// A company (CNPJ) buying, with taxes on top of the prices (scenario 11).
    static var corporateWithTaxes: NewOrderIntegrationRequest {
        var request = personDelivery
        request.clientProfileData.document = "11222333000181"
        request.clientProfileData.corporateDocument = "11222333000181"
        request.clientProfileData.corporateName = "Acme Comércio Ltda"
        request.clientProfileData.tradeName = "Acme Comércio Ltda"
        request.clientProfileData.corporatePhone = "+5511999990000"
        request.taxData = [.init(skuId: "2001", value: 1_312)]
        request.marketplacePaymentValue += 1_312
        return request
    }

    /// A pickup-in-point order (scenario 9): no SLA, the pickup point as the address.
    static var pickupInPoint: NewOrderIntegrationRequest {
        var request = personDelivery
        request.shippingData.logisticsInfo[0].selectedDeliveryChannel = "pickup-in-point"
        request.shippingData.logisticsInfo[0].selectedSla = ""
        var address = NewOrderIntegrationRequest.Address(
            addressType: "pickup", addressId: "PP-CENTRO", receiverName: "Ana Souza", postalCode: "01001-000", city: "São Paulo",
            state: "SP", country: "BRA", street: "Praça da Sé", number: "100", neighborhood: "Sé", complement: nil)
        address.geoCoordinates = .init(latitude: -23.5503, longitude: -46.6339)
        request.shippingData.selectedAddresses = [address]
        return request
    }

    /// Every New Order Integration shape the order flow sends.
    static var newOrders: [NewOrderIntegrationRequest] {
        [personDelivery, corporateWithTaxes, pickupInPoint]
    }
}
