import ConnectorTestSupport
import FlowTestSupport
import Foundation
import Testing

/// Two stores on one broker, a vhost each (README "Several stores in one deployment"): store A's
/// ShopKey is refused, store B's orders still reach its VTEX, and `carrefourctl --store` shows
/// each store's own state.
@Suite struct TwoStoresTests {
    @Test func aStoresRevokedKeyNeverTouchesTheOtherStore() async throws {
        let storeA = try await OrdersHarness.start(settings: ["CARREFOUR_AUTH_PAUSE": "1s"])
        let storeB: OrdersHarness
        do {
            storeB = try await OrdersHarness.start(settings: ["CARREFOUR_AUTH_PAUSE": "1s"])
        } catch {
            await storeA.stop()
            throw error
        }
        do {
            _ = try await storeA.json(.put, storeA.miraklURL + "/_admin/faults", body: ["revokedKeys": [OrdersHarness.shopKey]])
            try storeA.startWorker("order-importer")
            try storeB.startWorker("order-importer")
            let priceA = Double(try await storeA.simulatedPrice("2001")) / 100
            let priceB = Double(try await storeB.simulatedPrice("2001")) / 100
            let orderA = try await storeA.createOrder([("2001", 1, priceA, 9.90)])
            let orderB = try await storeB.createOrder([("2001", 1, priceB, 9.90)])

            let inVTEX = try await eventually(timeout: .seconds(60)) {
                try await storeB.vtexOrders().contains { $0["marketplaceOrderId"] as? String == orderB }
            }
            let diagnostics = inVTEX ? "" : await storeB.diagnostics()
            #expect(inVTEX, "store B's order reaches store B's VTEX\n\(diagnostics)")
            #expect(try await storeA.vtexOrders().allSatisfy { $0["marketplaceOrderId"] as? String != orderA }, "store A's order waits for its key")

            // One operator, one broker URL (store B's), each store by its name.
            func status(_ store: OrdersHarness) async throws -> Subprocess.Result {
                try await Subprocess.run(
                    Subprocess.builtProduct("carrefourctl"), ["--store", store.vhost.name, "status", "--look-back", "10m"],
                    environment: storeB.environment.merging(["CARREFOUR_MANAGEMENT_URL": storeB.vhost.managementURL]) { $1 })
            }
            var shownA = try await status(storeA)
            let paused = try await eventually(timeout: .seconds(20), every: .milliseconds(500)) {
                shownA = try await status(storeA)
                return shownA.standardOutput.contains("order-importer: paused since")
            }
            #expect(paused, "\(shownA.standardOutput)\(shownA.standardError)")
            var shownB = try await status(storeB)
            let consuming = try await eventually(timeout: .seconds(20), every: .milliseconds(500)) {
                shownB = try await status(storeB)
                return shownB.standardOutput.split(separator: "\n").contains { $0.hasPrefix("order-importer") && $0.hasSuffix("consuming") }
            }
            #expect(consuming, "store B's order-importer consumes: \(shownB.standardOutput)")
            #expect(!shownB.standardOutput.contains("order-importer: paused"), "\(shownB.standardOutput)")
            #expect(shownB.standardOutput.contains("New Order Integration"), "store B's own flows: \(shownB.standardOutput)")
            #expect(!shownA.standardOutput.contains("New Order Integration"), "store A integrated nothing")
        } catch {
            await storeA.stop()
            await storeB.stop()
            throw error
        }
        await storeA.stop()
        await storeB.stop()
    }
}
