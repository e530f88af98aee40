import Foundation
import SandboxTestSupport
import Testing

/// OMS after integration: Feed v3 read/commit, invoice + tracking → `courierStatus.finished`, cancel rules
/// (vtex-apis.md §5, §8).
@Suite struct OMSAndFeedTests {
    /// Integrates and approves one order; returns its VTEX id.
    static func approvedOrder(_ h: VTEXHarness, _ marketplaceOrderId: String) async throws -> String {
        let sku = try await h.skuId(withTrait: "valid")
        let price = try await OrderIntegrationTests.price(h, sku)
        try await OrderIntegrationTests.place(h, OrderFixtures.order(
            marketplaceOrderId, lines: [.init(skuId: sku, price: price)], connectorEndpoint: h.receiverURL, status: "approved"))
        _ = try #require(try await h.receiver.processingResult(marketplaceOrderId, code: "SOI002"))
        return "CRF-\(marketplaceOrderId)"
    }

    @Test func feedReadHidesUntilVisibilityTimeoutAndCommitRemoves() async throws {
        try await VTEXHarness.run { h in
            #expect(try await h.send(.get, "/api/orders/feed?maxlot=5").status == 404)
            let visibility = 1
            _ = try await h.send(.post, "/api/orders/feed/config", json: [
                "filter": ["type": "FromWorkflow", "status": ["ready-for-handling", "invoiced", "canceled"]],
                "queue": ["visibilityTimeoutInSeconds": visibility, "MessageRetentionPeriodInSeconds": 3600],
            ])
            let orderId = try await Self.approvedOrder(h, "800001")
            let firstRead = h.clock.now
            let first = try await h.array(.get, "/api/orders/feed?maxlot=10") as? [[String: Any]] ?? []
            #expect(first.count == 1)
            #expect(first.first?["orderId"] as? String == orderId)
            #expect(first.first?["state"] as? String == "ready-for-handling")
            #expect(first.first?["lastState"] as? String == "waiting-for-mkt-authorization")
            #expect((try await h.array(.get, "/api/orders/feed?maxlot=10")).isEmpty) // hidden while being handled
            // Waits for the event to show again, on the sandbox's clock; never within the timeout.
            let reads = try await readings(timeout: .seconds(10), now: { h.clock.now }, until: { !$0.isEmpty }) {
                try await h.array(.get, "/api/orders/feed?maxlot=10") as? [[String: Any]] ?? []
            }
            let early = reads.filter { $0.at < firstRead.addingTimeInterval(TimeInterval(visibility)) }
            #expect(early.allSatisfy { $0.value.isEmpty }, "visible again within the visibility timeout")
            let again = reads.last?.value ?? []
            #expect(again.count == 1) // not committed: visible again, with a new handle
            #expect(again.first?["handle"] as? String != first.first?["handle"] as? String)
            let stale = try await h.send(.post, "/api/orders/feed", json: ["handles": [first.first?["handle"] ?? ""]])
            #expect(stale.status == 200)
            let config = try await h.object(.get, "/api/orders/feed/config")
            #expect(config["quantity"] as? Int == 1) // a stale handle commits nothing
            _ = try await h.send(.post, "/api/orders/feed", json: ["handles": [again.first?["handle"] ?? ""]])
            #expect(try await h.object(.get, "/api/orders/feed/config")["quantity"] as? Int == 0)
        }
    }

    @Test func invoiceThenTrackingThenDeliveredFinishesCourierStatus() async throws {
        try await VTEXHarness.run { h in
            _ = try await h.send(.post, "/api/orders/feed/config", json: [
                "filter": ["type": "FromOrders", "expression": "status = \"invoiced\""],
                "queue": ["visibilityTimeoutInSeconds": 60, "MessageRetentionPeriodInSeconds": 3600],
            ])
            let orderId = try await Self.approvedOrder(h, "810001")
            #expect(try await h.send(.post, "/api/oms/pvt/orders/\(orderId)/start-handling").status == 204)
            let order = try await h.object(.get, "/api/oms/pvt/orders/\(orderId)")
            let item = try #require((order["items"] as? [[String: Any]])?.first)
            let receipt = try await h.object(.post, "/api/oms/pvt/orders/\(orderId)/invoice", json: [
                "type": "Output", "issuanceDate": "2026-11-23T10:00:00Z", "invoiceNumber": "NF-1",
                "invoiceValue": String(order["value"] as? Int ?? 0), "invoiceKey": "35261112345678000190550010000000011000000019",
                "items": [["id": item["id"] ?? "", "price": item["price"] ?? 0, "quantity": item["quantity"] ?? 1]],
            ])
            #expect(receipt["orderId"] as? String == orderId)
            #expect((receipt["receipt"] as? String)?.isEmpty == false)
            // Tracking status before a tracking number is refused.
            let early = try await h.send(.put, "/api/oms/pvt/orders/\(orderId)/invoice/NF-1/tracking",
                                         json: ["isDelivered": true, "deliveredDate": NSNull(), "events": []])
            #expect(early.status == 409)
            _ = try await h.object(.patch, "/api/oms/pvt/orders/\(orderId)/invoice/NF-1", json: [
                "trackingNumber": "TRK123", "trackingUrl": "https://track.example/TRK123",
                "dispatchedDate": NSNull(), "courier": "Transportadora Normal",
            ])
            var package = try #require(((try await h.object(.get, "/api/oms/pvt/orders/\(orderId)"))["packageAttachment"]
                as? [String: Any])?["packages"] as? [[String: Any]]).first
            #expect(package?["trackingNumber"] as? String == "TRK123")
            #expect(package?["courierStatus"] is NSNull)
            _ = try await h.object(.put, "/api/oms/pvt/orders/\(orderId)/invoice/NF-1/tracking", json: [
                "isDelivered": true, "deliveredDate": "2026-11-25 14:00",
                "events": [["city": "São Paulo", "state": "SP", "description": "Entregue", "date": "2026-11-25"]],
            ])
            let final = try await h.object(.get, "/api/oms/pvt/orders/\(orderId)")
            #expect(final["status"] as? String == "invoiced")
            package = ((final["packageAttachment"] as? [String: Any])?["packages"] as? [[String: Any]])?.first
            let courier = package?["courierStatus"] as? [String: Any]
            #expect(courier?["finished"] as? Bool == true)
            #expect((courier?["data"] as? [Any])?.count == 1)
            // The invoiced order cannot be canceled.
            #expect(try await h.send(.post, "/api/oms/pvt/orders/\(orderId)/cancel", json: ["reason": "late"]).status == 409)
            // FromOrders with `status = "invoiced"`: the invoice and both tracking changes, not the earlier states.
            let events = try await h.array(.get, "/api/orders/feed?maxlot=10") as? [[String: Any]] ?? []
            #expect(events.count == 3)
            #expect(events.allSatisfy { $0["state"] as? String == "invoiced" })
        }
    }

    @Test func adminInvoiceCanLeaveOutAnyRequiredField() async throws {
        try await VTEXHarness.run { h in
            let orderId = try await Self.approvedOrder(h, "820001")
            let order = try await h.object(.post, "/_admin/orders/\(orderId)/invoice", json: [
                "invoiceNumber": "NF-9", "issuanceDate": "2026-11-23T10:00:00Z", "trackingNumber": "T9",
                "trackingUrl": "https://track.example/T9", "courier": "Correios",
            ])
            let package = ((order["packageAttachment"] as? [String: Any])?["packages"] as? [[String: Any]])?.first
            #expect(package?["invoiceKey"] is NSNull) // left out on purpose
            #expect(package?["invoiceNumber"] as? String == "NF-9")
            #expect(order["status"] as? String == "invoiced")
            let delivered = try await h.object(.post, "/_admin/orders/\(orderId)/delivered")
            let courier = (((delivered["packageAttachment"] as? [String: Any])?["packages"] as? [[String: Any]])?.first)?["courierStatus"] as? [String: Any]
            #expect(courier?["finished"] as? Bool == true)

            let other = try await Self.approvedOrder(h, "820002")
            let canceled = try await h.object(.post, "/_admin/orders/\(other)/cancel")
            #expect(canceled["status"] as? String == "canceled")
            #expect((canceled["cancellationData"] as? [String: Any])?["RequestedByUser"] as? Bool == true)
        }
    }
}
