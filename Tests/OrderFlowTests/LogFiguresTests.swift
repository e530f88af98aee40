import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing

/// Issue 6 "Must show": after a seeded run of the order flow, `carrefourctl log --latest` shows
/// every order's latest state, and its figures add up with what the sandbox reports.
@Suite("carrefourctl log against the sandbox's figures", .serialized)
struct LogFiguresTests {
    @Test("each order's latest state; Success entries = orders in VTEX, Error entries = orders left on Carrefour")
    func latestStateAddsUpWithTheSandbox() async throws {
        let world = try await OrdersHarness.start()
        do {
            try world.startWorker("order-importer")
            var good: [String] = []
            for sku in ["2001", "2002", "2003", "2004"] {
                let price = try await world.simulatedPrice(sku)
                good.append(try await world.createOrder([(sku, 1, Double(price) / 100, 9.90)]))
            }
            let bad = [
                try await world.createOrder([("990001", 1, 10, 9.90)]), try await world.createOrder([("990002", 2, 10, 9.90)]),
            ]
            let settled = try await eventually(timeout: .seconds(90)) {
                let states = try await world.vtexOrders().compactMap { $0["marketplaceOrderId"] as? String }
                let integrated = Set(good).isSubset(of: Set(states))
                var badLogged = true
                for id in bad where try await !world.events(of: id).contains(where: { $0.status == .error }) { badLogged = false }
                return integrated && badLogged
            }
            let diagnostics = settled ? "" : await world.diagnostics()
            #expect(settled, "the orders did not settle: \(diagnostics)")
            // Let the approvals (SOI002) reach the log too.
            _ = try await eventually(timeout: .seconds(30)) {
                try await world.logEvents().filter { good.contains($0.entityId) && $0.message.hasPrefix("Approved in VTEX") }.count == good.count
            }

            let result = try await Subprocess.run(
                Subprocess.builtProduct("carrefourctl"), ["log", "--latest", "--json"], environment: world.environment)
            #expect(result.status == 0, "\(result.standardError)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let latest = try result.standardOutput.split(separator: "\n").map { try decoder.decode(IntegrationEvent.self, from: Data($0.utf8)) }
            let orders = latest.filter { $0.entity == .order }
            #expect(Set(orders.map(\.entityId)) == Set(good + bad), "one latest entry per order")
            #expect(orders.count == good.count + bad.count)

            let successes = Set(orders.filter { $0.status == .success }.map(\.entityId))
            let errors = Set(orders.filter { $0.status == .error }.map(\.entityId))
            let inVTEX = Set(try await world.vtexOrders().compactMap { $0["marketplaceOrderId"] as? String })
            #expect(successes == inVTEX, "Success in the log = orders in the sandbox's VTEX")
            var leftOnCarrefour: Set<String> = []
            for id in good + bad where try await world.miraklState(id) == "WAITING_ACCEPTANCE" { leftOnCarrefour.insert(id) }
            #expect(errors == leftOnCarrefour, "Error in the log = orders the sandbox's Mirakl still waits on")
            #expect(errors == Set(bad))
            for entry in orders where errors.contains(entry.entityId) {
                #expect(entry.message.contains("does not exist in VTEX"), "\(entry.message)")
            }
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
