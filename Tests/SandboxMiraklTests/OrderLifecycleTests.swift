import Foundation
import Synchronization
import Hummingbird
import HummingbirdTesting
import SandboxTestSupport
import Testing

@Suite("Orders (OR11, OR21, OR23, OR24, OR29)")
struct OrderLifecycleTests {
    static func createOrder(_ client: MiraklTestClient, type: String = "NORMAL", skus: [String] = ["11", "12"]) async throws -> String {
        let response = try await client.admin(.post, "/orders", [
            "lines": skus.map { ["sku": $0, "quantity": 2, "price": 19.9] }, "shippingType": type,
        ])
        #expect(response.status == .created)
        return try #require(try client.object(response)["orderId"] as? String)
    }

    static func order(_ client: MiraklTestClient, _ id: String) async throws -> [String: Any] {
        let list = try client.object(try await client.call(.get, "/api/orders?order_ids=\(id)"))
        return try #require((list["orders"] as? [[String: Any]])?.first)
    }

    @Test("an order walks WAITING_ACCEPTANCE → WAITING_DEBIT_PAYMENT → SHIPPING → SHIPPED → RECEIVED, addresses only from SHIPPING")
    func lifecycleThroughShipped() async throws {
        try await MiraklHarness.run { client in
            let id = try await Self.createOrder(client, type: "EXPRESS")
            var order = try await Self.order(client, id)
            #expect(order["order_state"] as? String == "WAITING_ACCEPTANCE")
            #expect(order["shipping_type_code"] as? String == "EXPRESS")
            let customer = try #require(order["customer"] as? [String: Any])
            #expect(customer["shipping_address"] is NSNull)
            #expect(customer["billing_address"] is NSNull)
            let lines = try #require(order["order_lines"] as? [[String: Any]])
            #expect(lines.map { $0["offer_sku"] as? String } == ["11", "12"])
            #expect(lines.first?["quantity"] as? Int == 2)
            #expect(order["price"] as? Double == 79.6)

            // OR24 before acceptance is refused.
            #expect(try await client.call(.put, "/api/orders/\(id)/ship").status == .badRequest)

            let accept = try await client.json(.put, "/api/orders/\(id)/accept", [
                "order_lines": lines.map { ["id": $0["order_line_id"] as? String ?? "", "accepted": true] },
            ])
            #expect(accept.status == .noContent)
            order = try await Self.order(client, id)
            #expect(order["order_state"] as? String == "WAITING_DEBIT_PAYMENT")
            #expect((order["customer"] as? [String: Any])?["shipping_address"] is NSNull)

            let paid = try client.object(try await client.admin(.post, "/orders/\(id)/state", ["action": "confirm_payment"]))
            #expect(paid["state"] as? String == "SHIPPING")
            order = try await Self.order(client, id)
            #expect(order["order_state"] as? String == "SHIPPING")
            let address = try #require((order["customer"] as? [String: Any])?["shipping_address"] as? [String: Any])
            #expect(address["country_iso_code"] as? String == "BRA")
            #expect((address["street_1"] as? String)?.isEmpty == false)
            #expect((order["order_additional_fields"] as? [[String: Any]])?.first?["code"] as? String == "customer-cpf")

            // EXPRESS needs tracking before OR24 (SH12 mandatory_tracking).
            let early = try await client.call(.put, "/api/orders/\(id)/ship")
            #expect(early.status == .badRequest)
            #expect((try client.object(early)["message"] as? String)?.contains("Tracking details are mandatory") == true)

            let tracking = try await client.json(.put, "/api/orders/\(id)/tracking", [
                "carrier_name": "Transportadora X", "carrier_url": "https://track.example/BR123", "tracking_number": "BR123",
            ])
            #expect(tracking.status == .noContent)
            #expect(try await client.call(.put, "/api/orders/\(id)/ship").status == .noContent)
            order = try await Self.order(client, id)
            #expect(order["order_state"] as? String == "SHIPPED")
            #expect(order["shipping_tracking"] as? String == "BR123")

            let received = try client.object(try await client.admin(.post, "/orders/\(id)/state", ["action": "receive"]))
            #expect(received["state"] as? String == "RECEIVED")
            let state = try await client.state()
            let tracked = try #require((state["tracking"] as? [String: Any])?[id] as? [String: Any])
            #expect(tracked["trackingNumber"] as? String == "BR123")
        }
    }

    @Test("payment arrives by itself after the payment delay")
    func paymentDelay() async throws {
        // 120 sandbox seconds = 2 real seconds.
        let payment = 120.0
        try await MiraklHarness.run(settings: MiraklHarness.settings(payment: payment)) { client in
            let id = try await Self.createOrder(client, skus: ["1"])
            let line = try #require((try await Self.order(client, id)["order_lines"] as? [[String: Any]])?.first?["order_line_id"] as? String)
            let accepted = client.sandbox.clock.now
            _ = try await client.json(.put, "/api/orders/\(id)/accept", ["order_lines": [["id": line, "accepted": true]]])
            #expect(try await Self.order(client, id)["order_state"] as? String == "WAITING_DEBIT_PAYMENT")
            // Waits for the payment itself on the sandbox's clock; every reading before the delay
            // was over still shows the payment awaited.
            let seen = try await readings(now: { client.sandbox.clock.now }, until: { $0 != "WAITING_DEBIT_PAYMENT" }) {
                try await Self.order(client, id)["order_state"] as? String ?? "?"
            }
            #expect(seen.last?.value == "SHIPPING", "states: \(seen.map(\.value))")
            let early = seen.filter { $0.at < accepted.addingTimeInterval(payment) }
            #expect(early.allSatisfy { $0.value == "WAITING_DEBIT_PAYMENT" }, "paid early: \(early.map(\.value))")
        }
    }

    @Test("refusing every line gives REFUSED; OR29 cancels; a missing decision is refused")
    func refuseAndCancel() async throws {
        try await MiraklHarness.run { client in
            let refused = try await Self.createOrder(client, skus: ["1", "2"])
            let lines = (try await Self.order(client, refused)["order_lines"] as? [[String: Any]] ?? []).compactMap { $0["order_line_id"] as? String }
            let partial = try await client.json(.put, "/api/orders/\(refused)/accept", ["order_lines": [["id": lines[0], "accepted": false]]])
            #expect(partial.status == .badRequest)
            #expect((try client.object(partial)["message"] as? String)?.contains("ORDER_LINE_ACCEPTANCE_DECISION_MISSING") == true)
            _ = try await client.json(.put, "/api/orders/\(refused)/accept", ["order_lines": lines.map { ["id": $0, "accepted": false] }])
            #expect(try await Self.order(client, refused)["order_state"] as? String == "REFUSED")

            let canceled = try await Self.createOrder(client, skus: ["3"])
            #expect(try await client.call(.put, "/api/orders/\(canceled)/cancel").status == .noContent)
            #expect(try await Self.order(client, canceled)["order_state"] as? String == "CANCELED")
            #expect(try await client.call(.put, "/api/orders/\(canceled)/cancel").status == .badRequest)
            #expect(try await client.call(.put, "/api/orders/NOPE-1/cancel").status == .notFound)
        }
    }

    @Test("OR11 filters by state and update date, pages with max/offset and reports total_count")
    func listingFilters() async throws {
        try await MiraklHarness.run { client in
            var ids: [String] = []
            for _ in 0..<5 { ids.append(try await Self.createOrder(client, skus: ["1"])) }
            try await Task.sleep(for: .milliseconds(50))
            let cursor = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
            _ = try await client.call(.put, "/api/orders/\(ids[4])/cancel")

            let page = try client.object(try await client.call(.get, "/api/orders?max=2&offset=1"))
            #expect(page["total_count"] as? Int == 5)
            #expect((page["orders"] as? [[String: Any]])?.compactMap { $0["order_id"] as? String } == [ids[1], ids[2]])

            let waiting = try client.object(try await client.call(.get, "/api/orders?order_state_codes=WAITING_ACCEPTANCE,SHIPPING"))
            #expect(waiting["total_count"] as? Int == 4)

            let future = try client.object(try await client.call(
                .get, "/api/orders?start_update_date=\(cursor.replacingOccurrences(of: "+", with: "%2B"))"))
            #expect(future["total_count"] as? Int == 0)
            let past = try client.object(try await client.call(.get, "/api/orders?start_update_date=2000-01-01T00:00:00Z"))
            #expect(past["total_count"] as? Int == 5)
            #expect(try await client.call(.get, "/api/orders?start_update_date=yesterday").status == .badRequest)
        }
    }

    @Test("an order created in STAGING moves to WAITING_ACCEPTANCE after the staging delay")
    func stagingEnds() async throws {
        var settings = MiraklHarness.settings()
        let staging = 180.0  // three real seconds at scale 60: wide enough under load
        settings.stagingDelay = .seconds(staging)
        try await MiraklHarness.run(settings: settings) { client in
            let before = client.sandbox.clock.now
            let created = try await client.admin(.post, "/orders", [
                "lines": [["sku": "1", "quantity": 1]], "shippingType": "ECONOMICAL", "skipStaging": false,
            ])
            let id = try #require(try client.object(created)["orderId"] as? String)
            #expect(try await Self.order(client, id)["order_state"] as? String == "STAGING")
            // Waits for the move itself on the sandbox's clock; never before the staging delay.
            let seen = try await readings(now: { client.sandbox.clock.now }, until: { $0 != "STAGING" }) {
                try await Self.order(client, id)["order_state"] as? String ?? "?"
            }
            let early = seen.filter { $0.at < before.addingTimeInterval(staging) }
            #expect(early.allSatisfy { $0.value == "STAGING" }, "left STAGING early: \(early.map(\.value))")
            let order = try await Self.order(client, id)
            #expect(order["order_state"] as? String == "WAITING_ACCEPTANCE")
            #expect(order["shipping_type_code"] as? String == "ECONOMICAL")
        }
    }

    @Test("the generator creates orders at the set rate and stops at 0")
    func generator() async throws {
        // 3600 orders per sandbox hour at scale 60: one per real second / 60, about 16 ms.
        try await MiraklHarness.run { client in
            let started = try await client.admin(.post, "/generator", ["ordersPerHour": 3600])
            #expect(started.status == .ok)
            let generated = try await readings(now: { client.sandbox.clock.now }, until: { $0 >= 3 }) {
                (try await client.state()["orders"] as? [Any])?.count ?? 0
            }
            #expect((generated.last?.value ?? 0) >= 3)
            _ = try await client.admin(.post, "/generator", ["ordersPerHour": 0])
            let count = (try await client.state()["orders"] as? [Any])?.count ?? 0
            #expect(count >= 3)
            // Six generator periods (one sandbox second each) later on the sandbox's clock: no more.
            let stopped = client.sandbox.clock.now
            #expect(try await waitForSandboxDate(stopped.addingTimeInterval(6), now: { client.sandbox.clock.now }))
            #expect((try await client.state()["orders"] as? [Any])?.count == count)
            let status = try client.object(try await client.admin(.get, "/generator"))
            #expect(status["created"] as? Int == count)
            #expect(status["ordersPerHour"] as? Double == 0)
        }
    }

    @Test("seeded orders are deterministic for a seed")
    func seededOrdersDeterministic() async throws {
        func customers(seed: UInt64) async throws -> [String] {
            var settings = MiraklHarness.settings()
            settings.seed = seed
            settings.seedOrders = 3
            let box = ResultBox()
            try await MiraklHarness.run(settings: settings) { client in
                let list = try client.object(try await client.call(.get, "/api/orders"))
                box.set((list["orders"] as? [[String: Any]] ?? []).map {
                    "\(($0["customer"] as? [String: Any])?["lastname"] ?? "")|\($0["shipping_type_code"] ?? "")"
                })
            }
            return box.value
        }
        let first = try await customers(seed: 42)
        #expect(first.count == 3)
        #expect(first == (try await customers(seed: 42)))
    }
}

/// Carries a value out of a `@Sendable` test closure.
final class ResultBox: Sendable {
    private let stored = Mutex<[String]>([])
    func set(_ value: [String]) { stored.withLock { $0 = value } }
    var value: [String] { stored.withLock { $0 } }
}
