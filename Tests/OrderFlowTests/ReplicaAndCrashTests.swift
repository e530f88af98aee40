import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import Foundation
import Glibc
import IntegrationRules
import WorkerRuntime
import Testing

/// Issue 5 "Must show": one VTEX order per Carrefour order whatever is delivered twice and however
/// many importers run; OR11 within Mirakl's maximum; SIGKILL mid-page loses no order.
@Suite("Orders end to end: replicas, duplicates, crashes", .serialized)
struct ReplicaAndCrashTests {
    static let skus = ["2001", "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020"]

    /// Creates `count` valid orders spread over the valid SKUs, priced as VTEX prices them.
    static func createOrders(_ world: OrdersHarness, count: Int) async throws -> [String] {
        var prices: [String: Int] = [:]
        for sku in skus {
            try await world.setStock(sku, 10_000)
            prices[sku] = try await world.simulatedPrice(sku)
        }
        var ids: [String] = []
        for index in 0..<count {
            let sku = skus[index % skus.count]
            ids.append(try await world.createOrder([(sku, 1, Double(prices[sku] ?? 0) / 100, 9.90)]))
        }
        return ids
    }

    /// Each Carrefour order's VTEX orders, counted.
    static func vtexCounts(_ world: OrdersHarness) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for order in try await world.vtexOrders() {
            if let id = order["marketplaceOrderId"] as? String { counts[id, default: 0] += 1 }
        }
        return counts
    }

    @Test("two importer replicas started together poll as one; the same order.changed delivered twice makes one VTEX order")
    func replicasAndDuplicates() async throws {
        let world = try await OrdersHarness.start(settings: ["CARREFOUR_LOG_LEVEL": "notice"])
        do {
            let first = try world.startWorker("order-importer")
            let second = try world.startWorker("order-importer")
            let orders = try await Self.createOrders(world, count: 20)
            let integrated = try await eventually(timeout: .seconds(90)) {
                try await Self.vtexCounts(world).count == orders.count
            }
            let diagnostics = integrated ? "" : await world.diagnostics()
            #expect(integrated, "not every order reached VTEX\n\(diagnostics)")

            // Deliver each of three orders' order.changed twice more (the worker reads them by id).
            let again = try Array(orders.prefix(3)).flatMap { id in
                try [OrderChanged(orderId: id).message(exchange: "carrefour.events", id: "again-1-\(id)"), OrderChanged(orderId: id).message(exchange: "carrefour.events", id: "again-2-\(id)")]
            }
            try await world.publish(again)
            let duplicatesSeen = try await eventually(timeout: .seconds(30)) {
                var seen = 0
                for id in orders.prefix(3) {
                    let messages = try await world.events(of: id).map(\.message)
                    if messages.filter({ $0.contains("no second order (EOI007)") }).count >= 2 { seen += 1 }
                }
                return seen == 3
            }
            #expect(duplicatesSeen)
            let counts = try await Self.vtexCounts(world)
            #expect(counts.values.allSatisfy { $0 == 1 }, "duplicated VTEX orders: \(counts.filter { $0.value > 1 })")
            #expect(counts.count == orders.count)

            // One tick chain for both replicas: started once, never a second one, OR11 within Mirakl's maximum.
            let logs = first.standardError + second.standardError
            #expect(logs.components(separatedBy: "starting the tick chain").count - 1 == 1, "\(logs.suffix(3000))")
            #expect(!logs.contains("a second tick chain was found"))
            #expect(try await world.pollCalls() <= Int(world.sandboxMinutes) + 1)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("SIGKILL of the order-importer in the middle of a page loses no order: the next tick reads again from the carried cursor")
    func killMidPage() async throws {
        let world = try await OrdersHarness.start(settings: ["CARREFOUR_LOG_LEVEL": "notice"])
        do {
            let orders = try await Self.createOrders(world, count: 250)
            // Hold every Mirakl call 1.5 s, so the importer is caught with a page in flight.
            _ = try await world.json(.put, world.miraklURL + "/_admin/faults", body: ["latencyMilliseconds": 1500])
            let doomed = try world.startWorker("order-importer")
            let secondPage = try await eventually(timeout: .seconds(60), every: .milliseconds(20)) {
                (try await world.miraklCalls()["OR11"] ?? 0) >= 2
            }
            #expect(secondPage)
            doomed.signal(SIGKILL)
            #expect(await doomed.wait() == 128 + SIGKILL)
            _ = try await world.json(.put, world.miraklURL + "/_admin/faults", body: ["latencyMilliseconds": 0])

            try world.startWorker("order-importer")
            let all = try await eventually(timeout: .seconds(120), every: .milliseconds(500)) {
                try await Self.vtexCounts(world).count == orders.count
            }
            let counts = try await Self.vtexCounts(world)
            let diagnostics = all ? "" : await world.diagnostics()
            #expect(all, "\(orders.count - counts.count) order(s) never reached VTEX\n\(diagnostics)")
            #expect(counts.values.allSatisfy { $0 == 1 })
            for id in orders.prefix(5) {
                #expect(try await world.miraklState(id) == "SHIPPING")
            }
            #expect(try await world.pollCalls() <= Int(world.sandboxMinutes) + 1)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
