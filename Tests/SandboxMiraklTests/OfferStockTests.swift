import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Orders move the offer's quantity (docs/stock-and-orders.md §1): taken off at creation, given back
/// when a line or the order is refused or the order canceled; shipping keeps them.
@Suite("Offer stock and orders")
struct OfferStockTests {
    /// A catalogued product with an offer of `quantity` units for `sku`.
    static func offer(_ client: MiraklTestClient, sku: String, quantity: Int) async throws {
        try await OfferImportTests.importProduct(client, sku: sku)
        let created = try await client.upload(
            "/api/offers/imports", file: Files.offerHeader + "\n" + Files.offer(sku: sku, quantity: quantity, key: "q\(quantity)"),
            fields: ["import_mode": "NORMAL"])
        _ = try await client.offerImportResult(try #require(try client.object(created)["import_id"] as? Int))
    }

    /// The offer's quantity as OF21 lists it (nil: no offer).
    static func quantity(_ client: MiraklTestClient, _ sku: String) async throws -> Int? {
        let listed = try client.object(try await client.call(.get, "/api/offers?sku=\(sku)"))
        let offers = listed["offers"] as? [[String: Any]] ?? []
        return offers.first { $0["shop_sku"] as? String == sku }?["quantity"] as? Int
    }

    static func order(_ client: MiraklTestClient, _ lines: [(String, Int)]) async throws -> String {
        let response = try await client.admin(.post, "/orders", [
            "lines": lines.map { ["sku": $0.0, "quantity": $0.1, "price": 49.9] }, "shippingType": "NORMAL",
        ])
        #expect(response.status == .created)
        return try #require(try client.object(response)["orderId"] as? String)
    }

    static func lineIds(_ client: MiraklTestClient, _ id: String) async throws -> [String: String] {
        let order = try await OrderLifecycleTests.order(client, id)
        let lines = order["order_lines"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: lines.compactMap { line in
            (line["offer_sku"] as? String).flatMap { sku in (line["order_line_id"] as? String).map { (sku, $0) } }
        })
    }

    @Test("creation takes the units off; refusal (OR21) and cancellation (OR29, customer) give them back; shipping keeps them")
    func ordersMoveTheQuantity() async throws {
        let fast = MiraklHarness.settings(waiting: 3, running: 3, sent: 3, cataloguing: 0, offerWaiting: 1, offerRunning: 1)
        try await MiraklHarness.run(settings: fast) { client in
            try await Self.offer(client, sku: "610", quantity: 10)
            try await Self.offer(client, sku: "611", quantity: 4)
            #expect(try await Self.quantity(client, "610") == 10)

            // Refused by the shop: every unit comes back.
            let refused = try await Self.order(client, [("610", 3)])
            #expect(try await Self.quantity(client, "610") == 7)
            let refusedLines = try await Self.lineIds(client, refused)
            try await client.json(.put, "/api/orders/\(refused)/accept", ["order_lines": [["id": refusedLines["610"] ?? "", "accepted": false]]])
            #expect(try await Self.quantity(client, "610") == 10)

            // One line refused, one accepted: only the refused line's units come back.
            let partial = try await Self.order(client, [("610", 2), ("611", 3)])
            #expect(try await Self.quantity(client, "610") == 8)
            #expect(try await Self.quantity(client, "611") == 1)
            let partialLines = try await Self.lineIds(client, partial)
            try await client.json(.put, "/api/orders/\(partial)/accept", ["order_lines": [
                ["id": partialLines["610"] ?? "", "accepted": true], ["id": partialLines["611"] ?? "", "accepted": false],
            ]])
            #expect(try await Self.quantity(client, "610") == 8)
            #expect(try await Self.quantity(client, "611") == 4)

            // Canceled by the shop after acceptance (OR29, before the debit).
            let canceled = try await Self.order(client, [("610", 1)])
            let canceledLines = try await Self.lineIds(client, canceled)
            try await client.json(.put, "/api/orders/\(canceled)/accept", ["order_lines": [["id": canceledLines["610"] ?? "", "accepted": true]]])
            #expect(try await Self.quantity(client, "610") == 7)
            #expect(try await client.call(.put, "/api/orders/\(canceled)/cancel").status == .noContent)
            #expect(try await Self.quantity(client, "610") == 8)

            // Paid and shipped: the units stay sold; an OF01 sets the quantity absolutely.
            _ = try await client.admin(.post, "/orders/\(partial)/state", ["action": "confirm_payment"])
            #expect(try await Self.quantity(client, "610") == 8)
            try await Self.offer(client, sku: "610", quantity: 5)
            #expect(try await Self.quantity(client, "610") == 5)

            // The customer cancels an order of more than the offer held: it gives back what it took.
            let large = try await Self.order(client, [("610", 9)])
            #expect(try await Self.quantity(client, "610") == 0)
            let cancel = try await client.admin(.post, "/orders/\(large)/state", ["action": "cancel"])
            #expect(try client.object(cancel)["state"] as? String == "CANCELED")
            #expect(try await Self.quantity(client, "610") == 5)
        }
    }
}
