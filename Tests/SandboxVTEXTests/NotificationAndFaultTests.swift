import Foundation
import SandboxSupport
import Testing

/// Affiliate SKU change notifications (vtex-apis.md §7) and injected faults through SandboxSupport.
@Suite struct NotificationAndFaultTests {
    @Test func stockPriceAndCatalogChangesArePostedToTheAffiliateEndpoint() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "valid")
            #expect(try await h.send(.put, "/api/fulfillment/pvt/affiliates/CRF", json: [
                "name": "Carrefour", "salesChannel": "1", "followUpEmail": "ops@example.com",
                "searchURIEndpoint": h.receiverURL + "/api/notification", "searchURIEndpointVersion": "1.x.x",
                "useSellerPaymentMethod": false,
            ]).status == 204)
            _ = try await h.object(.put, "/_admin/skus/\(sku)/stock", json: ["quantity": 3])
            _ = try await h.object(.put, "/_admin/skus/\(sku)/price", json: ["basePrice": 4990])
            _ = try await h.object(.patch, "/_admin/skus/\(sku)", json: ["isActive": false])
            let posts = try await h.receiver.wait(for: 3, where: { $0.path == "/api/notification" })
            #expect(posts.count == 3)
            let bodies = posts.map(\.json)
            #expect(bodies.allSatisfy { $0["IdSku"] as? String == String(sku) && $0["IdAffiliate"] as? String == "CRF" })
            #expect(bodies.contains { $0["StockModified"] as? Bool == true && $0["PriceModified"] as? Bool == false })
            #expect(bodies.contains { $0["PriceModified"] as? Bool == true && $0["StockModified"] as? Bool == false })
            #expect(bodies.contains { $0["HasStockKeepingUnitModified"] as? Bool == true && $0["IsActive"] as? Bool == false })
            // The outbox records a delivery once the receiver's answer is back, a moment after the
            // receiver saw the POST: read the record until the three deliveries are in it.
            var delivered = 0
            for _ in 0..<250 where delivered < 3 {
                let log = try await h.array(.get, "/_admin/webhooks") as? [[String: Any]] ?? []
                delivered = log.filter { $0["kind"] as? String == "sku-notification" && $0["delivered"] as? Bool == true }.count
                if delivered < 3 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(delivered == 3)
        }
    }

    @Test func undeliverableWebhookIsRetriedAndRecorded() async throws {
        var configuration = VTEXHarness.fastConfiguration()
        configuration.affiliateNotificationURL = "http://127.0.0.1:1/closed"
        try await VTEXHarness.run(configuration: configuration) { h in
            let sku = try await h.skuId(withTrait: "valid")
            _ = try await h.object(.put, "/_admin/skus/\(sku)/stock", json: ["quantity": 1])
            var log: [[String: Any]] = []
            for _ in 0..<100 where log.isEmpty {
                try await Task.sleep(for: .milliseconds(20))
                log = try await h.array(.get, "/_admin/webhooks") as? [[String: Any]] ?? []
            }
            #expect(log.first?["delivered"] as? Bool == false)
            #expect(log.first?["attempts"] as? Int == h.configuration.webhookAttempts)
        }
    }

    @Test func faultsApplyToAPICallsButNotToAdmin() async throws {
        try await VTEXHarness.run { h in
            _ = try await h.object(.put, "/_admin/faults", json: ["tooManyRequestsBurst": 2, "retryAfterSeconds": 7])
            let limited = try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/2001")
            #expect(limited.status == 429)
            #expect(limited.retryAfter == .seconds(7))
            #expect(try await h.send(.get, "/_admin/catalog").status == 200)
            #expect(try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/2001").status == 429)
            #expect(try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/2001").status == 200)

            _ = try await h.object(.put, "/_admin/faults", json: ["revokedKeys": [h.configuration.appKey]])
            #expect(try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/2001").status == 401)
            _ = try await h.object(.put, "/_admin/faults", json: ["serverErrorRate": 1.0])
            #expect(try await h.send(.post, "/api/checkout/pub/orderForms/simulation",
                                     json: ["items": [["id": "2001", "quantity": 1, "seller": "1"]]]).status == 500)
            _ = try await h.object(.put, "/_admin/faults", json: [String: Any]())
            #expect(try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/2001").status == 200)
        }
    }
}
