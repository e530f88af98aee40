import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing

/// The order shapes Carrefour sends beyond a person's delivery (new-order-integration.md scenarios
/// 4 and 11; how-the-carrefour-integration-works.md §5.2, §5.3): a company buying with taxes on top,
/// a promotion that priced a whole line (the cent), an open incident, a cancel made in VTEX, and an
/// incident opened after integration.
@Suite("Orders end to end: corporate buyers, taxes, the cent, incidents, a cancel in VTEX", .serialized)
struct OrderShapesTests {
    /// Creates a Carrefour order with `shape` fields (`corporate`, `taxRate`, `incident`) and lines.
    static func create(_ world: OrdersHarness, lines: [[String: Any]], shape: [String: Any] = [:]) async throws -> String {
        var body: [String: Any] = ["lines": lines, "shippingType": "NORMAL"]
        body.merge(shape) { $1 }
        let object = try await world.json(.post, world.miraklURL + "/_admin/orders", body: body, expect: 201)
        guard let id = object["orderId"] as? String else { throw HarnessFailure("no orderId in \(object)") }
        return id
    }

    @Test("CNPJ buyer with taxes → corporate fields and taxData; a whole-line promotion → totals exact; incident held then integrated; VTEX cancel → OR43 message and Alert; later incident → Alert")
    func shapes() async throws {
        let world = try await OrdersHarness.start(settings: ["CARREFOUR_PRICE_DIVERGENCE_RATE": "1"])
        do {
            try world.startWorker("order-importer")
            try world.startWorker("invoice-tracker")
            let price = try await world.simulatedPrice("2001")
            let unit = Double(price) / 100
            let corporate = try await Self.create(
                world, lines: [["sku": "2001", "quantity": 1, "price": unit, "shippingPrice": 9.90]],
                shape: ["corporate": true, "taxRate": 18])
            // "3 for" a cent less than three units: 3 × price − 0.01 does not divide by 3.
            let cent = try await Self.create(
                world, lines: [["sku": "2001", "quantity": 3, "price": unit, "linePrice": Double(price * 3 - 1) / 100, "shippingPrice": 9.90]])
            let incident = try await Self.create(
                world, lines: [["sku": "2001", "quantity": 1, "price": unit, "shippingPrice": 9.90]], shape: ["incident": true])

            for order in [corporate, cent] {
                let ready = try await eventually(timeout: .seconds(60)) {
                    try await world.vtexOrder("CRF-\(order)")?["status"] as? String == "ready-for-handling"
                }
                let messages = try await world.events(of: order).map(\.message)
                let diagnostics = ready ? "" : await world.diagnostics()
                #expect(ready, "\(order) not integrated: \(messages)\n\(diagnostics)")
            }
            // The company: VTEX's corporate fields from the CNPJ; the taxes as taxData (18 % of the price).
            let company = try #require(try await world.vtexOrder("CRF-\(corporate)"))
            let profile = company["clientProfileData"] as? [String: Any] ?? [:]
            #expect((profile["corporateDocument"] as? String)?.count == 14)
            #expect(profile["isCorporate"] as? Bool == true)
            #expect((profile["corporateName"] as? String)?.isEmpty == false)
            let taxes = (company["totals"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "Tax" }?["value"] as? Int
            #expect(taxes == Int((Double(price) * 0.18).rounded()))
            // The cent: unit prices rounded down, the cents they leave sent as interest (the line has no
            // single unit to carry them). The sandbox refuses (EOI003) a payment that is not the items,
            // shipping and taxes sent plus interest, so being integrated shows the sums are exact.
            let centOrder = try #require(try await world.vtexOrder("CRF-\(cent)"))
            let items = centOrder["items"] as? [[String: Any]] ?? []
            #expect(items.map { $0["quantity"] as? Int } == [3])
            #expect(items.first?["price"] as? Int == (price * 3 - 1) / 3)

            // The incident: held with an Alert, not in VTEX; integrated once Carrefour closes it.
            let held = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: incident).contains { $0.status == .alert && $0.message.contains("has an open incident") }
            }
            #expect(held)
            #expect(try await world.vtexOrder("CRF-\(incident)") == nil)
            try await world.miraklAction(incident, "close_incident")
            let integrated = try await eventually(timeout: .seconds(60)) {
                try await world.vtexOrder("CRF-\(incident)")?["status"] as? String == "ready-for-handling"
            }
            #expect(integrated)

            // A cancel in VTEX: Carrefour gets a message on the order (OR43), the seller an Alert.
            try await world.cancelInVTEX("CRF-\(corporate)")
            var threads: [[String: Any]] = []
            let told = try await eventually(timeout: .seconds(30)) {
                let state = try await world.json(.get, world.miraklURL + "/_admin/state")
                let orders = state["orders"] as? [[String: Any]] ?? []
                threads = orders.first { $0["orderId"] as? String == corporate }?["threads"] as? [[String: Any]] ?? []
                return !threads.isEmpty
            }
            #expect(told)
            #expect(threads.first?["to"] as? [String] == ["OPERATOR"])
            #expect((threads.first?["body"] as? String)?.contains(corporate) == true)
            let alerted = try await eventually(timeout: .seconds(20)) {
                try await world.events(of: corporate).contains { $0.status == .alert && $0.message.contains("Carrefour was told in a message") }
            }
            #expect(alerted)

            // An incident opened on an integrated order: an Alert, nothing else.
            try await world.miraklAction(cent, "open_incident")
            let warned = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: cent).contains { $0.status == .alert && $0.message.contains("already integrated in VTEX") }
            }
            #expect(warned)
            #expect(try await world.vtexOrders().filter { $0["marketplaceOrderId"] as? String == cent }.count == 1)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
