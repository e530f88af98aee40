import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing

/// A revoked key (carrefour-inventory-integration-errors.pt.md, `"status":401`): the flow pauses and
/// the integration log gets one Error per pause naming the key to fix, never its value.
@Suite("Orders end to end: revoked keys", .serialized)
struct CredentialPauseTests {
    @Test("a revoked ShopKey and a refused VTEX app key: one Error per pause each, naming the key, no secret")
    func revokedKeys() async throws {
        let pause = 1.0
        let world = try await OrdersHarness.start(
            settings: ["CARREFOUR_AUTH_PAUSE": "\(pause)s"],
            sandboxArguments: ["--mirakl-revoked-key", OrdersHarness.shopKey, "--vtex-revoked-key", SandboxProcess.appKey])
        do {
            let started = ContinuousClock.now
            try world.startWorker("order-importer")
            try world.startWorker("invoice-tracker")
            func credentialErrors() async throws -> [IntegrationEvent] {
                try await world.logEvents().filter { $0.entity == .connector && $0.status == .error }
            }
            var errors: [IntegrationEvent] = []
            let both = try await eventually(timeout: .seconds(30)) {
                errors = try await credentialErrors()
                return errors.contains { $0.entityId == "ShopKey" } && errors.contains { $0.entityId == "VTEX app key" }
            }
            let diagnostics = both ? "" : await world.diagnostics()
            #expect(both, "credential errors: \(errors.map(\.message))\n\(diagnostics)")
            // A few pauses later (a third entry for each key shows them passed): at most one entry
            // per pause and key (the poll fails every call).
            let keys = ["ShopKey", "VTEX app key"]
            let paused = try await eventually(timeout: .seconds(30 * pause), every: .milliseconds(200)) {
                errors = try await credentialErrors()
                return keys.allSatisfy { key in errors.filter { $0.entityId == key }.count >= 3 }
            }
            #expect(paused, "credential errors: \(errors.map(\.entityId))")
            let elapsed = (ContinuousClock.now - started) / .seconds(pause)
            for key in keys {
                let count = errors.filter { $0.entityId == key }.count
                #expect(count >= 2 && Double(count) <= elapsed + 1, "\(key): \(count) entries in \(elapsed) pauses")
            }
            let shopKey = try #require(errors.first { $0.entityId == "ShopKey" })
            #expect(shopKey.message.contains("CARREFOUR_MIRAKL_API_KEY") && shopKey.message.contains("Portal Fornecedor"))
            let vtexKey = try #require(errors.first { $0.entityId == "VTEX app key" })
            #expect(vtexKey.message.contains("CARREFOUR_VTEX_APP_KEY"))
            for event in errors {
                for secret in [OrdersHarness.shopKey, SandboxProcess.appKey, SandboxProcess.appToken] {
                    #expect(!event.message.contains(secret) && !(event.sourcePayload ?? "").contains(secret))
                }
            }
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
