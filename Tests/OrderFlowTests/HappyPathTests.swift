import ConnectorTestSupport
import Glibc
import Foundation
import IntegrationRules
import Testing

/// Issue 5 "Must show": the happy path, end to end (real broker, sandbox on a compressed clock, the
/// order-importer and invoice-tracker as subprocesses).
@Suite("Orders end to end: happy path", .serialized)
struct HappyPathTests {
    @Test("placed → accepted → paid → in VTEX once with the right totals → invoiced → SHIPPED on Carrefour → delivered")
    func happyPath() async throws {
        let world = try await OrdersHarness.start()
        do {
            try world.startWorker("order-importer")
            try world.startWorker("invoice-tracker")
            let price = try await world.simulatedPrice("2001")
            let orderId = try await world.createOrder([("2001", 2, Double(price) / 100, 9.90)])
            let vtexId = "CRF-\(orderId)"

            let approved = try await eventually(timeout: .seconds(60)) {
                try await world.vtexOrder(vtexId)?["status"] as? String == "ready-for-handling"
            }
            let diagnostics = approved ? "" : await world.diagnostics()
            #expect(approved, "the order never reached ready-for-handling in VTEX\n\(diagnostics)")
            let vtexOrders = try await world.vtexOrders().filter { $0["marketplaceOrderId"] as? String == orderId }
            #expect(vtexOrders.count == 1)
            let order = try #require(try await world.vtexOrder(vtexId))
            #expect(order["value"] as? Int == price * 2 + 990)
            let items = order["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            #expect(items.first?["id"] as? String == "2001")
            #expect(items.first?["price"] as? Int == price)
            #expect(items.first?["quantity"] as? Int == 2)
            let logistics = (order["shippingData"] as? [String: Any])?["logisticsInfo"] as? [[String: Any]] ?? []
            #expect(logistics.first?["selectedSla"] as? String == "Normal")
            #expect(try await world.miraklState(orderId) == "SHIPPING")

            let integratedLogged = try await eventually(timeout: .seconds(20)) {
                let messages = try await world.events(of: orderId).map(\.message)
                return messages.contains { $0.hasPrefix("Integrated in VTEX as \(vtexId)") }
                    && messages.contains { $0.hasPrefix("Approved in VTEX") }
            }
            #expect(integratedLogged)

            #expect(try await eventually(timeout: .seconds(20)) { try await world.feedConfigured() })
            try await world.invoice(vtexId, [
                "invoiceNumber": "NF-1001", "invoiceKey": "35261100000000000000550010000010011000010010",
                "issuanceDate": "2026-11-23T10:00:00Z", "trackingNumber": "BR123456789", "courier": "Transportadora Normal",
                "trackingUrl": "https://tracking.example.com/BR123456789",
            ])
            let shipped = try await eventually(timeout: .seconds(30)) { try await world.miraklState(orderId) == "SHIPPED" }
            #expect(shipped, "Carrefour order not SHIPPED after the invoice")
            let tracking = try await world.miraklOrder(orderId)
            #expect(tracking?["shipping_tracking"] as? String == "BR123456789")

            try await world.delivered(vtexId)
            let delivered = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: orderId).contains { $0.message.hasPrefix("Delivered to the customer") && $0.status == .success }
            }
            #expect(delivered)

            let events = try await world.events(of: orderId)
            #expect(!events.contains { $0.status == .error || $0.status == .alert }, "unexpected: \(events.map(\.message))")
            #expect(try await world.pollCalls() <= Int(world.sandboxMinutes) + 1, "OR11 polled above once a minute")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("a processing result lost on the way (ingress down) is made up by the importer's own look-up in VTEX")
    func lostResult() async throws {
        let world = try await OrdersHarness.start(settings: ["CARREFOUR_ORDER_RESULT_CHECK": "2s"])
        do {
            world.ingress.signal(SIGKILL)
            _ = await world.ingress.wait()
            try world.startWorker("order-importer")
            let price = try await world.simulatedPrice("2001")
            let orderId = try await world.createOrder([("2001", 1, Double(price) / 100, 9.90)])
            let approved = try await eventually(timeout: .seconds(60)) {
                try await world.vtexOrder("CRF-\(orderId)")?["status"] as? String == "ready-for-handling"
            }
            #expect(approved)
            let recorded = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: orderId).last?.message.hasPrefix("In VTEX as CRF-\(orderId)") == true
            }
            let events = try await world.events(of: orderId)
            #expect(recorded, "\(events.map(\.message))")
            #expect(events.last?.status == .success && events.last?.operationId == "order:\(orderId):approved")
            #expect(!events.contains { $0.message.hasPrefix("Approved in VTEX") }, "the result was not lost")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
