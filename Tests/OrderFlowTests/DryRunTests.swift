import ConnectorTestSupport
import FlowTestSupport
import Foundation
import HTTPLayer
import IntegrationRules
import Testing

/// `CARREFOUR_DRY_RUN` (README "Operating it", Dry run): the whole fleet against both sandboxes,
/// every write withheld and logged "would send" with its payload, reads still done.
@Suite("Dry run", .serialized)
struct DryRunTests {
    /// Every write kind the fleet makes, as the log's "would send" entries name them.
    static let writeKinds: Set<String> = [
        "Mirakl P41", "Mirakl OF01", "Mirakl OR21", "Mirakl OR23", "Mirakl OR24", "Mirakl OR43",
        "VTEX new order integration", "VTEX approve order", "VTEX cancel order",
    ]
    /// The sandboxes' counters of the calls that change something (the fleet's and any other).
    static let miraklWrites = ["P41", "OF01", "OR21", "OR23", "OR24", "OR29", "OR43"]
    static let vtexWrites = [
        "EnqueueNewOrder", "UpdateOrderStatus", "CancelOrder", "StartHandling", "InvoiceNotification", "SendTrackingNumber",
        "UpdateTrackingStatus", "PutAffiliate",
    ]

    /// Orders made live before the dry run: three in VTEX (one to invoice, one to cancel in VTEX,
    /// one to cancel on Carrefour) and one accepted but not paid.
    struct LiveOrders {
        var toInvoice: String
        var toCancelInVTEX: String
        var toCancelOnCarrefour: String
        var unpaid: String
    }

    @Test("dry run: nothing written to Mirakl or VTEX, reads done, every write kind logged as would send with a payload the published contract accepts")
    func dryRunWritesNothing() async throws {
        let world = try await OrdersHarness.start(
            settings: [
                "CARREFOUR_OFFER_WINDOW": "1s", "CARREFOUR_IMPORT_REPORT_DELAY": "200ms", "CARREFOUR_PRICE_DIVERGENCE_RATE": "100",
                "CARREFOUR_PRODUCT_IMPORT_INTERVAL": "2s",
            ],
            sandboxArguments: [
                "--vtex-products", "20", "--product-import-waiting", "30", "--product-import-running", "30",
                "--product-import-sent", "30", "--cataloguing-delay", "0", "--payment-delay=-1",
            ])
        do {
            let skus = try await world.sellableSKUs()
            try #require(skus.count >= 4, "the seeded catalog has \(skus.count) sellable SKUs")
            let live = try await Self.liveOrders(world, skus: skus)
            // From here on the sandboxes count only what the dry run does.
            try await world.json(.delete, world.miraklURL + "/_admin/calls")
            try await world.json(.delete, world.vtexURL + "/_admin/calls")

            let dry = ["CARREFOUR_DRY_RUN": "true"]
            for worker in ["order-importer", "invoice-tracker", "offer-batcher", "catalog"] {
                try world.startWorker(worker, settings: dry)
            }
            let newOrder = try await Self.drive(world, live: live, skus: skus)
            let seen = try await eventually(timeout: .seconds(90), every: .milliseconds(300)) {
                Self.writeKinds.isSubset(of: Set(try await world.logEvents().compactMap(WouldSend.init).map(\.kind)))
            }
            let kinds = Set(try await world.logEvents().compactMap(WouldSend.init).map(\.kind))
            let diagnostics = seen ? "" : await world.diagnostics()
            #expect(seen, "missing would-send entries: \(Self.writeKinds.subtracting(kinds).sorted())\n\(diagnostics)")
            // A second more on the sandbox's clock for any write that was still on its way.
            let seenAt = try await world.sandbox.now()
            #expect(try await world.sandbox.waitOnClock(.seconds(1), after: seenAt))

            try await Self.expectNothingWritten(world)
            try await Self.expectStateUnchanged(world, live: live, newOrder: newOrder)
            try await Self.expectPayloadsValid(try await world.logEvents().compactMap(WouldSend.init))
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    /// Live (no dry run): the order-importer accepts four orders and integrates three in VTEX.
    static func liveOrders(_ world: OrdersHarness, skus: [String]) async throws -> LiveOrders {
        let importer = try world.startWorker("order-importer")
        var ids: [String] = []
        for sku in skus.prefix(4) {
            let price = try await world.simulatedPrice(sku)
            ids.append(try await world.createOrder([(sku, 1, Double(price) / 100, 9.90)]))
        }
        let accepted = try await eventually(timeout: .seconds(60)) {
            for id in ids where try await world.miraklState(id) != "WAITING_DEBIT_PAYMENT" { return false }
            return true
        }
        let acceptedDiagnostics = accepted ? "" : await world.diagnostics()
        try #require(accepted, "the live orders were never accepted\n\(acceptedDiagnostics)")
        for id in ids.prefix(3) { try await world.miraklAction(id, "confirm_payment") }
        let integrated = try await eventually(timeout: .seconds(60)) {
            for id in ids.prefix(3) where try await world.vtexOrder("CRF-\(id)")?["status"] as? String != "ready-for-handling" {
                return false
            }
            return true
        }
        let integratedDiagnostics = integrated ? "" : await world.diagnostics()
        try #require(integrated, "the live orders never reached VTEX\n\(integratedDiagnostics)")
        _ = await importer.stop(grace: .seconds(5))
        return LiveOrders(toInvoice: ids[0], toCancelInVTEX: ids[1], toCancelOnCarrefour: ids[2], unpaid: ids[3])
    }

    /// What reaches the dry-run fleet: a new Carrefour order, a payment, an invoice and a
    /// cancellation in VTEX, a cancellation on Carrefour, VTEX asking to approve again, offers to
    /// send (the catalog's initial load sends the products). Returns the new order's id.
    static func drive(_ world: OrdersHarness, live: LiveOrders, skus: [String]) async throws -> String {
        let price = try await world.simulatedPrice(skus[0])
        let newOrder = try await world.createOrder([(skus[0], 1, Double(price) / 100, 9.90)])
        try await world.miraklAction(live.unpaid, "confirm_payment")
        try await world.miraklAction(live.toCancelOnCarrefour, "cancel")
        let configured = try await eventually(timeout: .seconds(20)) { try await world.feedConfigured() }
        try #require(configured, "the feed was never configured")
        try await world.invoice("CRF-\(live.toInvoice)", [
            "invoiceNumber": "NF-1", "invoiceKey": "35261100000000000000550010000020021000020020", "issuanceDate": "2026-11-23T10:00:00Z",
            "trackingNumber": "BR1", "trackingUrl": "https://tracking.example.com/BR1", "courier": "Correios",
        ])
        try await world.cancelInVTEX("CRF-\(live.toCancelInVTEX)")
        // VTEX's processing result asking for the approve again (EOI006 on ApproveOrder).
        let ingress = world.environment["CARREFOUR_INGRESS_PUBLIC_URL"] ?? ""
        try await world.json(.post, ingress + "/order-integration/notification/processing-result", body: [
            "marketplaceOrderId": live.toInvoice, "code": "EOI006", "flow": "ApproveOrder", "success": false,
            "message": "internal error", "operationId": "dry-run-approve",
        ])
        try await world.refreshOffers(Array(skus.prefix(4)), reason: "dry-run")
        return newOrder
    }

    /// The sandboxes' write counters stayed at zero; the reads happened.
    static func expectNothingWritten(_ world: OrdersHarness) async throws {
        let mirakl = try await world.miraklCalls()
        let vtex = try await world.json(.get, world.vtexURL + "/_admin/calls") as? [String: Int] ?? [:]
        for operation in miraklWrites { #expect((mirakl[operation] ?? 0) == 0, "Mirakl \(operation): \(mirakl)") }
        for call in vtexWrites { #expect((vtex[call] ?? 0) == 0, "VTEX \(call): \(vtex)") }
        // Nothing was followed up: no import to read back.
        #expect((mirakl["P42"] ?? 0) == 0 && (mirakl["OF02"] ?? 0) == 0, "\(mirakl)")
        #expect((mirakl["OR11"] ?? 0) > 0, "\(mirakl)")
        for read in ["FulfillmentSimulation", "CartSimulation", "GetOrder", "GetFeed"] {
            #expect((vtex[read] ?? 0) > 0, "VTEX \(read) never read: \(vtex)")
        }
        // The feed is the connector's subscription, configured and committed even in a dry run.
        #expect((vtex["FeedConfiguration"] ?? 0) >= 1 && (vtex["CommitFeed"] ?? 0) >= 1, "\(vtex)")
    }

    /// Both sides as the live phase left them; the flows took the withheld writes as done.
    static func expectStateUnchanged(_ world: OrdersHarness, live: LiveOrders, newOrder: String) async throws {
        #expect(try await world.miraklState(newOrder) == "WAITING_ACCEPTANCE")
        #expect(try await world.miraklState(live.toInvoice) == "SHIPPING")
        #expect(try await world.miraklState(live.toCancelInVTEX) == "SHIPPING")
        #expect(try await world.vtexOrder("CRF-\(live.unpaid)") == nil)
        #expect(try await world.vtexOrder("CRF-\(live.toCancelOnCarrefour)")?["status"] as? String == "ready-for-handling")
        let state = try await world.json(.get, world.miraklURL + "/_admin/state")
        #expect((state["offers"] as? [Any] ?? []).isEmpty && (state["productImports"] as? [Any] ?? []).isEmpty)
        let connection = try await world.vhost.connect()
        for queue in ["orders.parked", "invoices.parked", "offers.parked"] {
            let parked = try await connection.get(queue)
            #expect(parked == nil, "\(queue): \(parked.map { String(decoding: $0.body, as: UTF8.self) } ?? "")")
        }
        await connection.close()
        let events = try await world.logEvents()
        let leaked = events.filter { $0.status == .error && $0.message.contains("dry run") }
        #expect(leaked.isEmpty, "\(leaked.map(\.message))")
        for event in events where WouldSend(event) != nil {
            for secret in [SandboxProcess.shopKey, SandboxProcess.appKey, SandboxProcess.appToken] {
                #expect(!event.message.contains(secret) && !(event.translatedPayload ?? "").contains(secret))
            }
        }
    }
}
