import ConnectorTestSupport
import FlowTestSupport
import Foundation
import HTTPLayer
import IntegrationRules
import MiraklAPI
import Testing

/// `carrefourctl reconcile` against the running fleet and both sandboxes (README "Offers").
@Suite("Reconcile offers with VTEX", .serialized)
struct ReconcileTests {
    static func ctl(_ world: OrdersHarness, _ arguments: [String]) async throws -> Subprocess.Result {
        try await Subprocess.run(Subprocess.builtProduct("carrefourctl"), ["reconcile"] + arguments, environment: world.environment)
    }

    @Test("an offer changed behind the fleet's back: reconcile reports exactly that SKU and exits 1; --fix --follow sets VTEX's values; then exit 0")
    func behindTheFleetsBack() async throws {
        let world = try await StockConvergenceTests.start()
        do {
            let skus = Array(try await world.sellableSKUs().prefix(3))
            for sku in skus { try await world.setStock(sku, 10) }
            try await world.catalogue(skus)
            try await world.refreshOffers(skus, reason: "initial")
            let offered = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                try await world.standings(skus).values.allSatisfy(\.converged)
            }
            try #require(offered, "the initial offers never matched VTEX")
            #expect(try await Self.ctl(world, []).status == 0)

            // Someone uploads an offer file for one SKU straight to Carrefour.
            let changed = skus[1]
            let price = try await world.simulatedPrice(changed)
            let http = HTTPClient()
            let mirakl = MiraklClient(configuration: MiraklConfiguration(baseURL: world.miraklURL, apiKey: OrdersHarness.shopKey), http: http)
            _ = try await mirakl.importOffers(
                file: OfferImportFile.csv([OfferQuote(skuId: changed, priceCents: price + 500, quantity: 99)]), fileName: "manual.csv")
            await http.shutdown()
            let applied = try await eventually(timeout: .seconds(10), every: .milliseconds(50)) {
                try await world.standings([changed])[changed]?.miraklQuantity == 99
            }
            try #require(applied, "the manual offer file was not applied")

            let report = try await Self.ctl(world, ["--json"])
            #expect(report.status == 1, "exit \(report.status): \(report.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
            #expect(object["checked"] as? Int == 3)
            let drifts = object["drifts"] as? [[String: Any]] ?? []
            #expect(drifts.compactMap { $0["sku"] as? String } == [changed])
            let kinds = (drifts.first?["drifts"] as? [[String: Any]] ?? [])
            #expect(kinds.contains { $0["kind"] as? String == "quantity" && $0["carrefour"] as? Int == 99 && $0["vtex"] as? Int == 10 })
            #expect(kinds.contains { $0["kind"] as? String == "price" && $0["carrefourCents"] as? Int == price + 500 && $0["vtexCents"] as? Int == price })
            let alerts = try await world.logEvents().filter { $0.status == .alert && $0.operationId.hasPrefix("reconcile:") }
            #expect(alerts.map(\.entityId) == [changed])

            let fixed = try await Self.ctl(world, ["--fix", "--follow", "--timeout", "30s"])
            #expect(fixed.status == 1, "exit \(fixed.status): \(fixed.standardError)")
            #expect(fixed.standardOutput.contains("Carrefour accepted the offer"), "\(fixed.standardOutput)")
            let standing = try await world.standings([changed])[changed]
            #expect(standing?.converged == true && standing?.miraklQuantity == 10, "\(standing?.description ?? "-")")
            let again = try await Self.ctl(world, [])
            #expect(again.status == 0, "exit \(again.status): \(again.standardOutput) \(again.standardError)")

            let unknown = try await Self.ctl(world, ["--sku", "999999"])
            #expect(unknown.status == 2)
            #expect(unknown.standardError.split(separator: "\n").count == 1 && unknown.standardError.contains("unknown SKU 999999"), "\(unknown.standardError)")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("a SKU Carrefour catalogued with no offer while VTEX sells it: reconcile names it with VTEX's values; --fix --follow creates the offer; then exit 0")
    func cataloguedWithoutOffer() async throws {
        let world = try await StockConvergenceTests.start()
        do {
            let skus = Array(try await world.sellableSKUs().prefix(4))
            try #require(skus.count == 4)
            for sku in skus.prefix(3) { try await world.setStock(sku, 10) }
            try await world.setStock(skus[3], 0)
            try await world.catalogue(skus)
            // Offers for the first two only: the third sells in VTEX, the fourth has no stock.
            try await world.refreshOffers(Array(skus.prefix(2)), reason: "initial")
            let offered = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                try await world.standings(Array(skus.prefix(2))).values.allSatisfy(\.converged)
            }
            try #require(offered, "the initial offers never matched VTEX")
            let missing = skus[2]
            let price = try await world.simulatedPrice(missing)

            let report = try await Self.ctl(world, ["--json"])
            #expect(report.status == 1, "exit \(report.status): \(report.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
            #expect(object["checked"] as? Int == 2 && object["withoutOffer"] as? Int == 2, "\(report.standardOutput)")
            let drifts = object["drifts"] as? [[String: Any]] ?? []
            #expect(drifts.compactMap { $0["sku"] as? String } == [missing], "\(report.standardOutput)")
            let kinds = drifts.first?["drifts"] as? [[String: Any]] ?? []
            #expect(kinds.count == 1 && kinds.first?["kind"] as? String == "no-offer" && kinds.first?["vtex"] as? Int == 10
                && kinds.first?["vtexCents"] as? Int == price, "\(kinds)")
            #expect(object["catalogueSkipped"] == nil, "\(report.standardOutput)")

            let fixed = try await Self.ctl(world, ["--fix", "--follow", "--timeout", "30s"])
            #expect(fixed.status == 1, "exit \(fixed.status): \(fixed.standardOutput) \(fixed.standardError)")
            let standing = try await world.standings([missing])[missing]
            #expect(standing?.converged == true && standing?.miraklQuantity == 10, "\(standing?.description ?? "-")")
            let again = try await Self.ctl(world, [])
            #expect(again.status == 0, "exit \(again.status): \(again.standardOutput) \(again.standardError)")
            #expect(again.standardOutput.contains("3 offer(s) checked, 1 catalogued SKU(s) without an offer checked, 0 drifted"), "\(again.standardOutput)")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("the scheduled reconcile (CARREFOUR_RECONCILE_INTERVAL) finds a drift, fixes it and logs one summary")
    func scheduled() async throws {
        let world = try await StockConvergenceTests.start(settings: ["CARREFOUR_RECONCILE_INTERVAL": "1s"])
        do {
            let all = Array(try await world.sellableSKUs().prefix(3))
            try #require(all.count == 3)
            for sku in all { try await world.setStock(sku, 10) }
            try await world.catalogue(all)
            // The third is catalogued and never offered: the scheduled reconcile creates its offer.
            let skus = Array(all.prefix(2))
            try await world.refreshOffers(skus, reason: "initial")
            let offered = try await eventually(timeout: .seconds(20), every: .milliseconds(100)) {
                try await world.standings(skus).values.allSatisfy(\.converged)
            }
            try #require(offered, "the initial offers never matched VTEX")
            let price = try await world.simulatedPrice(skus[0])
            let http = HTTPClient()
            let mirakl = MiraklClient(configuration: MiraklConfiguration(baseURL: world.miraklURL, apiKey: OrdersHarness.shopKey), http: http)
            _ = try await mirakl.importOffers(
                file: OfferImportFile.csv([OfferQuote(skuId: skus[0], priceCents: price, quantity: 77)]), fileName: "manual.csv")
            await http.shutdown()

            var summaries: [String] = []
            let fixed = try await eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                summaries = try await world.logEvents().filter { $0.operationId.hasSuffix(":summary") }.map(\.message)
                let standing = try await world.standings([skus[0]])[skus[0]]
                // The manual file's SKU drifts alone, or with the catalogued one when one run sees both.
                return summaries.contains { $0.contains("1 drifted, 1 fixed") || $0.contains("2 drifted, 2 fixed") }
                    && standing?.converged == true
            }
            let standing = try await world.standings([skus[0]])[skus[0]]?.description ?? "-"
            #expect(fixed, "summaries: \(summaries.suffix(3)); \(standing)")
            let created = try await eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                try await world.standings([all[2]])[all[2]]?.converged == true
            }
            #expect(created, "the catalogued SKU without an offer never got one")
            summaries = try await world.logEvents().filter { $0.operationId.hasSuffix(":summary") }.map(\.message)
            let shapes = ["Reconcile: 2 offer(s) checked, 1 catalogued SKU(s) without an offer checked,", "Reconcile: 3 offer(s) checked,"]
            #expect(summaries.allSatisfy { summary in shapes.contains { summary.hasPrefix($0) } }, "\(summaries)")
            let alerts = try await world.logEvents().filter { $0.status == .alert && $0.operationId.hasPrefix("reconcile:scheduled-") && !$0.operationId.hasSuffix(":summary") }
            #expect(Set(alerts.map(\.entityId)) == [skus[0], all[2]])
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
