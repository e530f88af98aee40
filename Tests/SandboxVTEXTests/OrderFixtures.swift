import Foundation

/// New Order Integration bodies for the tests (seeds/new-order-integration.md shape).
enum OrderFixtures {
    /// One order line: SKU, unit price paid and quantity.
    struct Line {
        var skuId: Int
        var price: Int
        var quantity: Int = 1
        var shipping: Int = 990
        var sla: String = "Normal"
    }

    /// A complete order body; `paymentValue` defaults to items + shipping.
    static func order(_ marketplaceOrderId: String, lines: [Line], connectorEndpoint: String,
                      status: String = "new", paymentValue: Int? = nil, allowance: Double? = nil) -> [String: Any] {
        let total = lines.reduce(0) { $0 + $1.price * $1.quantity + $1.shipping }
        var body: [String: Any] = [
            "marketplaceOrderId": marketplaceOrderId,
            "connectorName": "carrefour-connector",
            "connectorEndpoint": connectorEndpoint,
            "marketplaceOrderStatus": status,
            "marketplacePaymentValue": paymentValue ?? total,
            "marketplaceInterestValue": 0,
            "allowFranchises": false,
            "items": lines.map { ["id": String($0.skuId), "price": $0.price, "quantity": $0.quantity] },
            "clientProfileData": [
                "email": "buyer@example.com", "firstName": "Ana", "lastName": "Souza", "phone": "+5511999999999",
                "document": "12345678909", "corporateDocument": NSNull(), "corporatePhone": NSNull(),
                "corporateName": NSNull(), "tradeName": NSNull(), "stateInscription": NSNull(),
            ],
            "shippingData": [
                "logisticsInfo": lines.map {
                    ["price": $0.shipping, "selectedDeliveryChannel": "delivery", "selectedSla": $0.sla,
                     "lockTTL": "1d", "shippingEstimate": "5bd", "deliveryIds": []] as [String: Any]
                },
                "selectedAddresses": [[
                    "addressType": "residential", "addressId": "home", "receiverName": "Ana Souza",
                    "postalCode": "01310-100", "city": "São Paulo", "state": "SP", "country": "BRA",
                    "street": "Av. Paulista", "number": "1000", "neighborhood": "Bela Vista", "complement": "",
                ]],
                "isFob": false, "isMarketplaceFulfillment": false,
            ],
            "invoiceData": ["userPaymentInfo": ["paymentMethods": ["creditCardPaymentGroup"]]],
        ]
        if let allowance { body["priceDivergenceAllowanceRate"] = allowance }
        return body
    }
}
