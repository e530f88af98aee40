import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Shop key, maximum call frequency, injected faults")
struct AuthRateLimitFaultTests {
    @Test("a missing or wrong key gets 401 with Mirakl's {message,status} body")
    func unauthorized() async throws {
        try await MiraklHarness.run { client in
            for key in [nil, "Bearer \(MiraklHarness.shopKey)", "wrong"] as [String?] {
                let response = try await client.call(.get, "/api/orders", key: key)
                #expect(response.status == .unauthorized)
                let body = try client.object(response)
                #expect(body["status"] as? Int == 401)
                #expect(body["message"] as? String == "Unauthorized")
            }
            #expect(try await client.call(.get, "/api/orders").status == .ok)
            let calls = try client.object(try await client.admin(.get, "/calls"))
            #expect((calls["calls"] as? [String: Int])?["OR11"] == 4)
        }
    }

    @Test("OR11 past once per minute gets 429 with Retry-After; a compressed minute later it passes")
    func rateLimitedWithRetryAfter() async throws {
        // Scale 20: the OR11 minute is three real seconds (wide enough that the second call
        // always falls inside it, even on a loaded machine); Retry-After counts real seconds.
        try await MiraklHarness.run(settings: MiraklHarness.settings(rateLimits: true), timeScale: 20) { client in
            #expect(try await client.call(.get, "/api/orders").status == .ok)
            let limited = try await client.call(.get, "/api/orders")
            #expect(limited.status == .tooManyRequests)
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...3).contains(retryAfter))
            #expect(try client.object(limited)["status"] as? Int == 429)
            // Other operations have their own windows.
            #expect(try await client.call(.get, "/api/offers").status == .ok)
            try await Task.sleep(for: .seconds(retryAfter))
            #expect(try await client.call(.get, "/api/orders").status == .ok)
        }
    }

    @Test("OR11 by order_ids is the synchronous use: never limited, counted as OR11-sync too")
    func readsByIdAreNotLimited() async throws {
        // Scale 2: the OR11 minute is 30 real seconds, wide enough for a loaded machine.
        try await MiraklHarness.run(settings: MiraklHarness.settings(rateLimits: true), timeScale: 2) { client in
            #expect(try await client.call(.get, "/api/orders").status == .ok)
            for _ in 0..<3 {
                #expect(try await client.call(.get, "/api/orders?order_ids=CRF-10001-A").status == .ok)
            }
            #expect(try await client.call(.get, "/api/orders").status == .tooManyRequests)
            let calls = try client.object(try await client.admin(.get, "/calls"))["calls"] as? [String: Int]
            #expect(calls?["OR11"] == 5)
            #expect(calls?["OR11-sync"] == 3)
        }
    }

    @Test("P41 is limited to once per 15 sandbox minutes: Retry-After counts real seconds")
    func productImportWindow() async throws {
        // Scale 60: 15 sandbox minutes are 15 real seconds.
        try await MiraklHarness.run(settings: MiraklHarness.settings(rateLimits: true), timeScale: 60) { client in
            let file = Files.productHeader + "\n" + Files.product(productId: "1", sku: "1")
            #expect(try await client.upload("/api/products/imports", file: file).status == .created)
            let limited = try await client.upload("/api/products/imports", file: file)
            #expect(limited.status == .tooManyRequests)
            let seconds = Int(limited.headers[.retryAfter] ?? "") ?? 0
            #expect((10...15).contains(seconds))  // 15 real seconds less the time since the first call
        }
    }

    @Test("faults: revoked key → 401, a 429 burst, every call 500; admin calls are never faulted")
    func injectedFaults() async throws {
        try await MiraklHarness.run { client in
            _ = try await client.admin(.put, "/faults", ["revokedKeys": [MiraklHarness.shopKey]])
            #expect(try await client.call(.get, "/api/account").status == .unauthorized)

            _ = try await client.admin(.put, "/faults", ["tooManyRequestsBurst": 2, "retryAfterSeconds": 3])
            for _ in 0..<2 {
                let response = try await client.call(.get, "/api/shipping/types")
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "3")
            }
            #expect(try await client.call(.get, "/api/shipping/types").status == .ok)

            _ = try await client.admin(.put, "/faults", ["serverErrorRate": 1])
            let failed = try await client.call(.get, "/api/orders")
            #expect(failed.status == .internalServerError)
            #expect(try client.object(failed)["status"] as? Int == 500)
            #expect(try await client.admin(.get, "/state").status == .ok)

            _ = try await client.admin(.put, "/faults", ["latencyMilliseconds": 150])
            let start = ContinuousClock.now
            #expect(try await client.call(.get, "/api/orders").status == .ok)
            #expect(ContinuousClock.now - start >= .milliseconds(150))

            _ = try await client.admin(.put, "/faults", ["hangRate": 1, "hangMilliseconds": 200])
            let hangStart = ContinuousClock.now
            let hung = try await client.call(.get, "/api/orders")
            #expect(hung.status == .gatewayTimeout)
            #expect(ContinuousClock.now - hangStart >= .milliseconds(200))

            _ = try await client.admin(.put, "/faults", [String: Any]())
            #expect(try await client.call(.get, "/api/orders").status == .ok)

            let calls = try client.object(try await client.admin(.get, "/calls"))
            let injected = calls["faultsInjected"] as? [String: Int] ?? [:]
            #expect(injected["revoked"] == 1 && injected["tooManyRequests"] == 2 && injected["serverError"] == 1)
            #expect(injected["hang"] == 1)
        }
    }

    @Test("a lost response: OR21 is done and the connection closes unanswered")
    func lostResponse() async throws {
        try await MiraklHarness.run { client in
            let id = try await OrderLifecycleTests.createOrder(client, skus: ["11"])
            let order = try await OrderLifecycleTests.order(client, id)
            let line = try #require((order["order_lines"] as? [[String: Any]])?.first?["order_line_id"] as? String)
            let accept = try JSONSerialization.data(withJSONObject: ["order_lines": [["id": line, "accepted": true]]])
            _ = try await client.admin(.put, "/faults", ["lostResponseRate": 1])
            // A connection of its own: the server closes it.
            let port = try #require(client.client.port)
            let raw = TestClient(host: "127.0.0.1", port: port)
            raw.connect()
            let started = ContinuousClock.now
            await #expect(throws: (any Error).self) {
                _ = try await raw.put(
                    "/api/orders/\(id)/accept",
                    headers: [.authorization: MiraklHarness.shopKey, .contentType: "application/json"],
                    body: ByteBuffer(bytes: accept))
            }
            // Closed at once, not held until a timeout.
            #expect(ContinuousClock.now - started < .seconds(5))
            try? await raw.shutdown()
            _ = try await client.admin(.put, "/faults", [String: Any]())
            // The work was done: the order left WAITING_ACCEPTANCE.
            #expect(try await OrderLifecycleTests.order(client, id)["order_state"] as? String == "WAITING_DEBIT_PAYMENT")
            let injected = try client.object(try await client.admin(.get, "/calls"))["faultsInjected"] as? [String: Int]
            #expect(injected?["lostResponse"] == 1)
        }
    }

    @Test("the state counts OR23 calls, trackings replaced by a different one, and every OR24 that reached an order")
    func countsTrackingAndShipping() async throws {
        try await MiraklHarness.run { client in
            let id = try await OrderLifecycleTests.createOrder(client, skus: ["11"])
            let order = try await OrderLifecycleTests.order(client, id)
            let line = try #require((order["order_lines"] as? [[String: Any]])?.first?["order_line_id"] as? String)
            _ = try await client.json(.put, "/api/orders/\(id)/accept", ["order_lines": [["id": line, "accepted": true]]])
            _ = try await client.admin(.post, "/orders/\(id)/state", ["action": "confirm_payment"])
            let tracking = ["carrier_name": "Correios", "carrier_url": "https://t/1", "tracking_number": "T1"]
            #expect(try await client.json(.put, "/api/orders/\(id)/tracking", tracking).status == .noContent)
            #expect(try await client.json(.put, "/api/orders/\(id)/tracking", tracking).status == .noContent)
            var changed = tracking
            changed["tracking_number"] = "T2"
            #expect(try await client.json(.put, "/api/orders/\(id)/tracking", changed).status == .noContent)
            #expect(try await client.call(.put, "/api/orders/\(id)/ship").status == .noContent)
            #expect(try await client.call(.put, "/api/orders/\(id)/ship").status == .badRequest)
            let orders = try #require(try await client.state()["orders"] as? [[String: Any]])
            let counted = try #require(orders.first { $0["orderId"] as? String == id })
            #expect(counted["trackingCalls"] as? Int == 3)
            #expect(counted["trackingChanges"] as? Int == 1)
            #expect(counted["shipCalls"] as? Int == 2)
        }
    }
}
