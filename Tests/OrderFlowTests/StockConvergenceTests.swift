import ConnectorTestSupport
import Foundation
import IntegrationRules
import Testing

/// Carrefour never sells what the seller does not have (README "Offers", the sellable quantity):
/// the offer-batcher, order-importer and invoice-tracker against both sandboxes (600× clock), VTEX
/// sending no notification for order-caused stock changes (the sandbox's default).
@Suite("Offers converge on VTEX through orders", .serialized)
struct StockConvergenceTests {
    static let invoiceFields = [
        "invoiceKey": "35190000000000000000550010000000011000000010", "trackingUrl": "https://tracking.example/T",
        "trackingNumber": "T", "courier": "Correios", "issuanceDate": "2026-11-23",
    ]

    /// A world with products catalogued at once, the three workers and a short offer window.
    static func start(paymentDelay: String = "120", settings: [String: String] = [:]) async throws -> OrdersHarness {
        let world = try await OrdersHarness.start(
            settings: ["CARREFOUR_OFFER_WINDOW": "1s", "CARREFOUR_IMPORT_REPORT_DELAY": "200ms", "CARREFOUR_PRICE_DIVERGENCE_RATE": "100"]
                .merging(settings) { $1 },
            sandboxArguments: [
                "--vtex-products", "70", "--product-import-waiting", "30", "--product-import-running", "30",
                "--product-import-sent", "30", "--cataloguing-delay", "0", "--payment-delay=\(paymentDelay)",
            ])
        try world.startWorker("offer-batcher")
        try world.startWorker("order-importer")
        try world.startWorker("invoice-tracker")
        return world
    }

    @Test("50 SKUs, 100 orders integrated, 30 invoiced, 10 canceled on both sides, stock and price edits: every offer ends equal to VTEX")
    func convergence() async throws {
        let world = try await Self.start()
        do {
            let skus = Array(try await world.sellableSKUs().prefix(50))
            try #require(skus.count == 50, "the seeded catalog has \(skus.count) sellable SKUs")
            for sku in skus { try await world.setStock(sku, 30) }
            try await world.catalogue(skus)
            try await world.refreshOffers(skus, reason: "initial")
            let offered = try await eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                try await world.standings(skus).values.allSatisfy(\.converged)
            }
            try #require(offered, "the initial offers never matched VTEX")

            // 100 orders of one or two units, with stock and price edits in VTEX between them (the
            // edits reach the offer-batcher as the catalog hands them on: an `offer.refresh`).
            var orders: [(id: String, sku: String)] = []
            for index in 0..<100 {
                let sku = skus[(index * 7) % skus.count]
                let price = try await world.simulatedPrice(sku)
                orders.append((try await world.createOrder([(sku, 1 + index % 2, Double(price) / 100, 9.90)]), sku))
                if index % 10 == 5 {
                    let edited = skus[(index * 3) % skus.count]
                    try await world.setStock(edited, 30 + index / 10)
                    let repriced = skus[(index * 11 + 1) % skus.count]
                    try await world.setPrice(repriced, cents: try await world.simulatedPrice(repriced) + 100 + index)
                    try await world.refreshOffers([edited, repriced], reason: "edit-\(index)")
                }
            }
            let integrated = try await eventually(timeout: .seconds(90), every: .milliseconds(250)) {
                let inVTEX = Set(try await world.vtexOrders().compactMap { $0["marketplaceOrderId"] as? String })
                return orders.allSatisfy { inVTEX.contains($0.id) }
            }
            var missing = ""
            if !integrated {
                let inVTEX = Set(try await world.vtexOrders().compactMap { $0["marketplaceOrderId"] as? String })
                let absent = orders.filter { !inVTEX.contains($0.id) }
                var states: [String] = []
                for order in absent.prefix(5) { states.append("\(order.id): \(try await world.miraklState(order.id) ?? "-")") }
                let latest = try await world.logEvents().filter { event in absent.contains { $0.id == event.entityId } }.suffix(5).map(\.message)
                missing = "\(absent.count) missing, e.g. \(states); log: \(latest)\n\(await world.diagnostics())"
            }
            try #require(integrated, "not every order reached VTEX\n\(missing)")

            // 30 invoiced in VTEX (shipped on Carrefour), 5 canceled on Carrefour, 5 by the seller in VTEX.
            for order in orders[0..<30] {
                try await world.invoice("CRF-\(order.id)", Self.invoiceFields.merging(["invoiceNumber": "NF-\(order.id)"]) { $1 })
            }
            for order in orders[30..<35] { try await world.miraklAction(order.id, "cancel") }
            for order in orders[35..<40] { try await world.cancelInVTEX("CRF-\(order.id)") }

            var standings: [String: OrdersHarness.Standing] = [:]
            let converged = try await eventually(timeout: .seconds(60), every: .milliseconds(250)) {
                standings = try await world.standings(skus)
                return standings.values.allSatisfy(\.converged)
            }
            let drifted = standings.filter { !$0.value.converged }.sorted { $0.key < $1.key }
            #expect(converged, "\(drifted.count) of \(skus.count) offers differ from VTEX: \(drifted.prefix(10).map { "\($0.key): \($0.value)" })")
            let shipped = try await eventually(timeout: .seconds(20)) {
                var states: [String] = []
                for order in orders[0..<30] { states.append(try await world.miraklState(order.id) ?? "") }
                return states.allSatisfy { $0 == "SHIPPED" }
            }
            #expect(shipped, "the invoiced orders were not all shipped on Carrefour")
            let canceled = try await eventually(timeout: .seconds(20)) {
                var states: [String] = []
                for order in orders[30..<40] { states.append(try await world.vtexOrder("CRF-\(order.id)")?["status"] as? String ?? "") }
                return states.allSatisfy { $0 == "canceled" }
            }
            #expect(canceled, "the canceled orders are not all canceled in VTEX")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("an order accepted on Carrefour and not yet in VTEX: the OF01 sent meanwhile leaves its units out")
    func pendingOrderRace() async throws {
        // Payment only through the admin API: the accepted order waits in WAITING_DEBIT_PAYMENT.
        let world = try await Self.start(paymentDelay: "-1")
        do {
            let sku = try #require(try await world.sellableSKUs().first)
            try await world.setStock(sku, 10)
            try await world.catalogue([sku])
            try await world.refreshOffers([sku], reason: "initial")
            let offered = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                try await world.standings([sku])[sku]?.miraklQuantity == 10
            }
            try #require(offered, "the initial offer never reached Carrefour")

            let price = try await world.simulatedPrice(sku)
            let orderId = try await world.createOrder([(sku, 3, Double(price) / 100, 9.90)])
            let accepted = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                try await world.miraklState(orderId) == "WAITING_DEBIT_PAYMENT"
            }
            try #require(accepted, "the order was not accepted")
            #expect(try await world.vtexOrder("CRF-\(orderId)") == nil)

            // A stock edit in VTEX now: the OF01 it causes must not give Carrefour the 3 units back.
            let isSent = { (event: IntegrationEvent) in event.entityId == sku && event.operationId.hasPrefix("OF01:") && event.operationId.hasSuffix(":sent") }
            let before = try await world.logEvents().filter(isSent).count
            try await world.setStock(sku, 12)
            try await world.refreshOffers([sku], reason: "edit")
            var sent: [IntegrationEvent] = []
            let went = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                sent = try await world.logEvents().filter(isSent)
                return sent.count > before
            }
            let why = went ? "" : "\(try await world.logEvents().suffix(8).map { "\($0.entityId): \($0.message)" })\n\(await world.diagnostics())"
            try #require(went, "no OF01 after the edit\n\(why)")
            #expect(sent.last?.message.contains("quantity 9;") == true, "the OF01 after the edit: \(sent.last?.message ?? "")")
            let applied = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                try await world.standings([sku])[sku]?.miraklQuantity == 9
            }
            let afterEdit = try await world.standings([sku])[sku]?.description ?? "-"
            #expect(applied, "Carrefour shows \(afterEdit)")

            // Paid: VTEX reserves the units, the offer stays at what VTEX can sell.
            try await world.miraklAction(orderId, "confirm_payment")
            let settled = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                let standing = try await world.standings([sku])[sku]
                return try await world.vtexOrder("CRF-\(orderId)") != nil && standing?.vtexAvailable == 9 && standing?.converged == true
            }
            let afterIntegration = try await world.standings([sku])[sku]?.description ?? "-"
            #expect(settled, "after the integration: \(afterIntegration)")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
