import ConnectorTestSupport
import Foundation
import IntegrationRules
import Testing

/// Issue 5 "Must show": invoice fields missing; cancellations between the two sides.
@Suite("Orders end to end: invoices and cancellations", .serialized)
struct InvoiceAndCancellationTests {
    /// Creates an order and waits until it is approved in VTEX; returns its Carrefour id.
    static func integratedOrder(_ world: OrdersHarness, sku: String = "2001") async throws -> String {
        let price = try await world.simulatedPrice(sku)
        let order = try await world.createOrder([(sku, 1, Double(price) / 100, 9.90)])
        let approved = try await eventually(timeout: .seconds(60)) {
            try await world.vtexOrder("CRF-\(order)")?["status"] as? String == "ready-for-handling"
        }
        let diagnostics = approved ? "" : await world.diagnostics()
        #expect(approved, "order \(order) never approved in VTEX\n\(diagnostics)")
        return order
    }

    @Test("an invoice missing fields gives an Alert naming them; completed, the order ships on Carrefour")
    func invoiceFieldsMissing() async throws {
        let world = try await OrdersHarness.start()
        do {
            try world.startWorker("order-importer")
            try world.startWorker("invoice-tracker")
            let order = try await Self.integratedOrder(world)
            #expect(try await eventually(timeout: .seconds(20)) { try await world.feedConfigured() })
            var invoice = [
                "invoiceNumber": "NF-2002", "invoiceKey": "35261100000000000000550010000020021000020020",
                "issuanceDate": "2026-11-23T10:00:00Z", "trackingNumber": "BR987654321",
            ]
            try await world.invoice("CRF-\(order)", invoice)
            let alerted = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: order).contains {
                    $0.status == .alert && $0.message.hasPrefix("Invoice NF-2002 cannot mark the order shipped on Carrefour: missing trackingUrl, courier.")
                }
            }
            #expect(alerted)
            #expect(try await world.miraklState(order) == "SHIPPING")

            // The seller completes the invoice: the order changes again and ships.
            invoice["trackingUrl"] = "https://tracking.example.com/BR987654321"
            invoice["courier"] = "Correios"
            try await world.invoice("CRF-\(order)", invoice)
            let shipped = try await eventually(timeout: .seconds(30)) { try await world.miraklState(order) == "SHIPPED" }
            #expect(shipped)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("a Carrefour cancellation cancels the order in VTEX; a cancellation made in VTEX is an Alert and a message to Carrefour, never a cancel there")
    func cancellations() async throws {
        let world = try await OrdersHarness.start()
        do {
            try world.startWorker("order-importer")
            try world.startWorker("invoice-tracker")
            let onCarrefour = try await Self.integratedOrder(world)
            let inVTEX = try await Self.integratedOrder(world, sku: "2011")
            #expect(try await eventually(timeout: .seconds(20)) { try await world.feedConfigured() })

            try await world.miraklAction(onCarrefour, "cancel")
            let canceled = try await eventually(timeout: .seconds(30)) {
                try await world.vtexOrder("CRF-\(onCarrefour)")?["status"] as? String == "canceled"
            }
            #expect(canceled)
            #expect(try await world.events(of: onCarrefour).contains { $0.status == .success && $0.message.hasPrefix("Canceled in VTEX") })

            try await world.cancelInVTEX("CRF-\(inVTEX)")
            let alerted = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: inVTEX).contains {
                    $0.status == .alert && $0.message.contains("the integration cannot cancel it on Carrefour")
                }
            }
            #expect(alerted)
            #expect(try await world.miraklState(inVTEX) == "SHIPPING")
            // The connector's own cancellation raised no Alert.
            #expect(!(try await world.events(of: onCarrefour).contains { $0.status == .alert }))
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
