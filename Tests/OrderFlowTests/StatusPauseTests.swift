import ConnectorTestSupport
import FlowTestSupport
import Foundation
import Testing

/// `carrefourctl status` against a running order-importer whose ShopKey Carrefour refuses, then
/// accepts again: the pause shows, names the key to fix, and clears.
@Suite struct StatusPauseTests {
    @Test func statusShowsThePauseARevokedShopKeyCausesAndClearsWhenTheKeyIsBack() async throws {
        let world = try await OrdersHarness.start(settings: ["CARREFOUR_AUTH_PAUSE": "1s"])
        do {
            let environment = world.environment.merging(["CARREFOUR_MANAGEMENT_URL": world.vhost.managementURL]) { $1 }
            func status() async throws -> Subprocess.Result {
                try await Subprocess.run(Subprocess.builtProduct("carrefourctl"), ["status", "--look-back", "10m"], environment: environment)
            }
            _ = try await world.json(.put, world.miraklURL + "/_admin/faults", body: ["revokedKeys": [OrdersHarness.shopKey]])
            try world.startWorker("order-importer")
            let price = Double(try await world.simulatedPrice("2001")) / 100
            let orderId = try await world.createOrder([("2001", 1, price, 9.90)])

            var shown = try await status()
            let paused = try await eventually(timeout: .seconds(30), every: .milliseconds(500)) {
                shown = try await status()
                return shown.standardOutput.contains("order-importer: paused since")
            }
            #expect(paused, "\(shown.standardOutput)\(shown.standardError)")
            #expect(shown.status == 1)
            #expect(shown.standardOutput.contains("ShopKey"), "the entry names the key to fix")
            #expect(!shown.standardOutput.contains(OrdersHarness.shopKey), "never the key itself")

            _ = try await world.json(.put, world.miraklURL + "/_admin/faults", body: ["revokedKeys": [String]()])
            let cleared = try await eventually(timeout: .seconds(40), every: .milliseconds(500)) {
                shown = try await status()
                return !shown.standardOutput.contains("order-importer: paused")
            }
            #expect(cleared, "\(shown.standardOutput)")
            #expect(try await world.miraklState(orderId) != "WAITING_ACCEPTANCE", "the order went on once the key was back")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
