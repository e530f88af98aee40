import Foundation
import Testing

/// Availability moved by orders (docs/stock-and-orders.md §2): reserved at integration, released at
/// cancellation, taken out of total and reservation at the invoice; the affiliate notification of
/// those changes is an option, off by default.
@Suite struct OrderStockTests {
    /// The simulation's stock balance of `sku` on the affiliate's trade policy.
    static func balance(_ h: VTEXHarness, _ sku: Int) async throws -> Int? {
        let result = try await h.object(.post, "/api/fulfillment/pvt/orderForms/simulation?sc=1&affiliateId=CRF", json: [
            "items": [["id": String(sku), "quantity": 1, "seller": "1"]], "postalCode": NSNull(), "country": NSNull(),
        ])
        return (result["logisticsInfo"] as? [[String: Any]])?.first?["stockBalance"] as? Int
    }

    /// Total and reserved quantity from the admin catalog.
    static func inventory(_ h: VTEXHarness, _ sku: Int) async throws -> (total: Int?, reserved: Int?) {
        let catalog = try await h.object(.get, "/_admin/catalog")
        let entry = (catalog["skus"] as? [[String: Any]] ?? []).first { ($0["sku"] as? [String: Any])?["id"] as? Int == sku }
        let level = entry?["inventory"] as? [String: Any]
        return (level?["totalQuantity"] as? Int, level?["reservedQuantity"] as? Int)
    }

    /// Integrates and approves an order of `quantity` units and waits for VTEX's SOI002.
    static func order(_ h: VTEXHarness, _ id: String, sku: Int, quantity: Int) async throws {
        let price = try await OrderIntegrationTests.price(h, sku)
        try await OrderIntegrationTests.place(h, OrderFixtures.order(
            id, lines: [.init(skuId: sku, price: price, quantity: quantity)], connectorEndpoint: h.receiverURL + "/connector",
            status: "approved"))
        #expect(try await h.receiver.processingResult(id, code: "SOI002") != nil)
    }

    static func stockNotifications(_ h: VTEXHarness) -> Int {
        h.receiver.all.filter { $0.path == "/api/notification" && $0.json["StockModified"] as? Bool == true }.count
    }

    /// The affiliate's notifications go to the test's receiver.
    static func pointAffiliate(_ h: VTEXHarness) async throws {
        #expect(try await h.send(.put, "/api/fulfillment/pvt/affiliates/CRF", json: [
            "name": "Carrefour", "salesChannel": "1", "followUpEmail": "ops@example.com",
            "searchURIEndpoint": h.receiverURL + "/api/notification", "searchURIEndpointVersion": "1.x.x",
            "useSellerPaymentMethod": false,
        ]).status == 204)
    }

    @Test func integrationReservesCancellationReleasesInvoiceRemovesWithoutNotifyingByDefault() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "valid")
            _ = try await h.object(.put, "/_admin/skus/\(sku)/stock", json: ["quantity": 10]) // before the affiliate has a URL
            try await Self.pointAffiliate(h)
            #expect(try await Self.balance(h, sku) == 10)

            try await Self.order(h, "510001", sku: sku, quantity: 3)
            #expect(try await Self.balance(h, sku) == 7)
            let level103 = try await Self.inventory(h, sku)
            #expect(level103.total == 10 && level103.reserved == 3)

            _ = try await h.object(.post, "/api/oms/pvt/orders/CRF-510001/cancel", json: ["reason": "test"])
            #expect(try await Self.balance(h, sku) == 10)
            let level100 = try await Self.inventory(h, sku)
            #expect(level100.total == 10 && level100.reserved == 0)

            try await Self.order(h, "510002", sku: sku, quantity: 2)
            #expect(try await Self.balance(h, sku) == 8)
            _ = try await h.object(.post, "/_admin/orders/CRF-510002/invoice", json: ["invoiceNumber": "N1"])
            #expect(try await Self.balance(h, sku) == 8)
            let level80 = try await Self.inventory(h, sku)
            #expect(level80.total == 8 && level80.reserved == 0)

            // Off by default: none of the three order changes notified the affiliate.
            try await Task.sleep(for: .milliseconds(200))
            #expect(Self.stockNotifications(h) == 0)
        }
    }

    @Test func theOptionNotifiesEachOrderCausedChange() async throws {
        var configuration = VTEXHarness.fastConfiguration()
        configuration.notifyOrderStockChanges = true
        try await VTEXHarness.run(configuration: configuration) { h in
            let sku = try await h.skuId(withTrait: "valid")
            try await Self.pointAffiliate(h)
            try await Self.order(h, "520001", sku: sku, quantity: 1)
            _ = try await h.object(.post, "/_admin/orders/CRF-520001/cancel")
            try await Self.order(h, "520002", sku: sku, quantity: 1)
            _ = try await h.object(.post, "/_admin/orders/CRF-520002/invoice", json: ["invoiceNumber": "N2"])
            let posts = try await h.receiver.wait(for: 4, where: { $0.path == "/api/notification" })
            #expect(posts.count == 4) // reserved, released, reserved, removed
            #expect(posts.allSatisfy { $0.json["IdSku"] as? String == String(sku) && $0.json["StockModified"] as? Bool == true })

            _ = try await h.object(.put, "/_admin/settings", json: ["notifyOrderStockChanges": false])
            try await Self.order(h, "520003", sku: sku, quantity: 1)
            try await Task.sleep(for: .milliseconds(200))
            #expect(h.receiver.all.filter { $0.path == "/api/notification" }.count == 4)
        }
    }
}
