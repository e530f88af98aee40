import Foundation
import Testing

/// New Order Integration state machine: SOI003 at once, then the processing-result POST with SOI001 or the
/// EOI codes; approve with SOI002 / EOI008 / EOI009 / EOI011 (vtex-apis.md §6).
@Suite struct OrderIntegrationTests {
    /// The unit selling price of a SKU on the affiliate's policy, from the admin catalog.
    static func price(_ harness: VTEXHarness, _ skuId: Int) async throws -> Int {
        let catalog = try await harness.object(.get, "/_admin/catalog")
        let entry = (catalog["skus"] as? [[String: Any]] ?? []).first { ($0["sku"] as? [String: Any])?["id"] as? Int == skuId }
        return try #require(entry?["simulatedPrice"] as? Int)
    }

    static func place(_ harness: VTEXHarness, _ body: [String: Any]) async throws {
        let reply = try await harness.object(.post, "/api/order-integration/orders?affiliateId=CRF", json: body)
        #expect(reply["code"] as? String == "SOI003")
        #expect(reply["flow"] as? String == "PlaceOrder")
    }

    @Test func integratedOrderIsNotifiedAndDuplicateGivesEOI007() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "valid")
            let price = try await Self.price(h, sku)
            let body = OrderFixtures.order("100001", lines: [.init(skuId: sku, price: price, quantity: 2)],
                                           connectorEndpoint: h.receiverURL + "/connector")
            try await Self.place(h, body)
            let result = try #require(try await h.receiver.processingResult("100001"))
            #expect(result["code"] as? String == "SOI001")
            #expect(result["success"] as? Bool == true)
            #expect((result["fields"] as? [String: Any])?["mainOrderId"] as? String == "CRF-100001")
            let received = try #require(h.receiver.all.first)
            #expect(received.path == "/connector/order-integration/notification/processing-result")
            #expect(received.query == "an=\(h.configuration.accountName)")

            let order = try await h.object(.get, "/api/oms/pvt/orders/CRF-100001")
            #expect(order["status"] as? String == "waiting-for-mkt-authorization")
            #expect(order["value"] as? Int == price * 2 + 990)
            #expect((order["items"] as? [[String: Any]])?.first?["quantity"] as? Int == 2)

            try await Self.place(h, body)
            let duplicate = try #require(try await h.receiver.processingResult("100001", code: "EOI007"))
            #expect(duplicate["success"] as? Bool == false)
            let orders = try await h.array(.get, "/_admin/orders")
            #expect(orders.count == 1)
        }
    }

    @Test func divergenceBeyondAllowanceIsEOI003AndJustInsideIsSOI001() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "valid")
            let price = try await Self.price(h, sku)
            let expected = price + 990
            // 5 % allowance: paying exactly 95 % of the expected total is inside, one cent less is beyond.
            let inside = expected - Int((Double(expected) * 0.05).rounded(.down))
            let beyond = inside - 1
            try await Self.place(h, OrderFixtures.order("200001", lines: [.init(skuId: sku, price: beyond - 990)],
                                                        connectorEndpoint: h.receiverURL, allowance: 0.05))
            let refused = try #require(try await h.receiver.processingResult("200001"))
            #expect(refused["code"] as? String == "EOI003")
            try await Self.place(h, OrderFixtures.order("200002", lines: [.init(skuId: sku, price: inside - 990)],
                                                        connectorEndpoint: h.receiverURL, allowance: 0.05))
            // A payment that is not the items and shipping sent is refused whatever the allowance.
            try await Self.place(h, OrderFixtures.order("200003", lines: [.init(skuId: sku, price: price)],
                                                        connectorEndpoint: h.receiverURL, paymentValue: expected - 1, allowance: 0.05))
            let inconsistent = try #require(try await h.receiver.processingResult("200003"))
            #expect(inconsistent["code"] as? String == "EOI003")
            let accepted = try #require(try await h.receiver.processingResult("200002"))
            #expect(accepted["code"] as? String == "SOI001")
            let missing = try await h.send(.get, "/api/oms/pvt/orders/CRF-200001")
            #expect(missing.status == 404)
        }
    }

    @Test func unknownSKUIsEOI004UntilTheSKUIsCreated() async throws {
        try await VTEXHarness.run { h in
            let body = OrderFixtures.order("300001", lines: [.init(skuId: 9999, price: 5000)], connectorEndpoint: h.receiverURL)
            try await Self.place(h, body)
            let refused = try #require(try await h.receiver.processingResult("300001"))
            #expect(refused["code"] as? String == "EOI004")
            _ = try await h.object(.post, "/_admin/skus", json: ["id": 9999, "name": "Created Kettle", "ean": "7891234567895",
                                                                  "price": 5000, "stock": 10], status: 201)
            try await Self.place(h, body)
            let integrated = try #require(try await h.receiver.processingResult("300001", code: "SOI001"))
            #expect(integrated["success"] as? Bool == true)
        }
    }

    @Test func unavailableItemsAndUnknownSLAAreEOI002() async throws {
        try await VTEXHarness.run { h in
            for (index, trait) in ["outOfStock", "inactiveSKU", "notInTradePolicy"].enumerated() {
                let sku = try await h.skuId(withTrait: trait)
                let id = "40000\(index)"
                try await Self.place(h, OrderFixtures.order(id, lines: [.init(skuId: sku, price: 1000)], connectorEndpoint: h.receiverURL))
                let result = try #require(try await h.receiver.processingResult(id))
                #expect(result["code"] as? String == "EOI002", "\(trait)")
            }
            let sku = try await h.skuId(withTrait: "valid")
            let price = try await Self.price(h, sku)
            try await Self.place(h, OrderFixtures.order("400009", lines: [.init(skuId: sku, price: price, sla: "Agendada")],
                                                        connectorEndpoint: h.receiverURL))
            #expect(try await h.receiver.processingResult("400009")?["code"] as? String == "EOI002")
        }
    }

    @Test func invalidFieldsAreEOI005AndUndecodableBodiesAreRefusedAtOnce() async throws {
        try await VTEXHarness.run { h in
            var body = OrderFixtures.order("500001", lines: [.init(skuId: 2001, price: 1000)], connectorEndpoint: h.receiverURL)
            var shipping = body["shippingData"] as? [String: Any] ?? [:]
            shipping["logisticsInfo"] = []
            body["shippingData"] = shipping
            try await Self.place(h, body)
            #expect(try await h.receiver.processingResult("500001")?["code"] as? String == "EOI005")

            let refused = try await h.object(.post, "/api/order-integration/orders?affiliateId=CRF",
                                             json: ["marketplaceOrderId": "500002"], status: 400)
            #expect(refused["code"] as? String == "EOI005")
            #expect((refused["message"] as? String)?.contains("Missing field") == true)
        }
    }

    @Test func approveOutcomes() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "valid")
            let price = try await Self.price(h, sku)
            let status: (String) -> [String: Any] = { id in
                ["marketplaceOrderId": id, "marketplaceOrderStatus": "approved", "connectorName": "carrefour-connector",
                 "connectorEndpoint": h.receiverURL]
            }
            // EOI008: not integrated.
            let enqueued = try await h.object(.put, "/api/order-integration/orders/status", json: status("600000"))
            #expect(enqueued["code"] as? String == "SOI003")
            #expect(enqueued["flow"] as? String == "ApproveOrder")
            #expect(try await h.receiver.processingResult("600000")?["code"] as? String == "EOI008")

            // SOI002 after SOI001.
            try await Self.place(h, OrderFixtures.order("600001", lines: [.init(skuId: sku, price: price)], connectorEndpoint: h.receiverURL))
            _ = try await h.receiver.processingResult("600001", code: "SOI001")
            _ = try await h.object(.put, "/api/order-integration/orders/status", json: status("600001"))
            let approved = try #require(try await h.receiver.processingResult("600001", code: "SOI002"))
            #expect(approved["flow"] as? String == "ApproveOrder")
            #expect(try await h.object(.get, "/api/oms/pvt/orders/CRF-600001")["status"] as? String == "ready-for-handling")

            // EOI009: canceled orders cannot be approved.
            try await Self.place(h, OrderFixtures.order("600002", lines: [.init(skuId: sku, price: price)], connectorEndpoint: h.receiverURL))
            _ = try await h.receiver.processingResult("600002", code: "SOI001")
            _ = try await h.object(.post, "/api/oms/pvt/orders/CRF-600002/cancel", json: ["reason": "Canceled on Carrefour"])
            _ = try await h.object(.put, "/api/order-integration/orders/status", json: status("600002"))
            #expect(try await h.receiver.processingResult("600002", code: "EOI009") != nil)

            // EOI011: integrated with a divergence under a manual authorization rule; authorized → approvable.
            _ = try await h.object(.put, "/_admin/settings", json: ["manualPriceAuthorization": true])
            try await Self.place(h, OrderFixtures.order("600003", lines: [.init(skuId: sku, price: price / 2)], connectorEndpoint: h.receiverURL,
                                                        allowance: 0.01))
            _ = try await h.receiver.processingResult("600003", code: "SOI001")
            _ = try await h.object(.put, "/api/order-integration/orders/status", json: status("600003"))
            #expect(try await h.receiver.processingResult("600003", code: "EOI011") != nil)
            _ = try await h.object(.post, "/_admin/orders/CRF-600003/authorize")
            #expect(try await h.object(.get, "/api/oms/pvt/orders/CRF-600003")["status"] as? String == "ready-for-handling")
        }
    }

    @Test func approvedOnArrivalGivesSOI001ThenSOI002() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "fixedPrice")
            let price = try await Self.price(h, sku)
            try await Self.place(h, OrderFixtures.order("700001", lines: [.init(skuId: sku, price: price)],
                                                        connectorEndpoint: h.receiverURL, status: "approved"))
            let both = try await h.receiver.wait(for: 2, where: { $0.json["marketplaceOrderId"] as? String == "700001" })
            #expect(both.map { $0.json["code"] as? String } == ["SOI001", "SOI002"])
        }
    }
}
