import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import Testing
import WorkerRuntime

/// A catalog restarted more often than its P41 window still sends its products (the window's due
/// time is counted from the broker's first-seen times, not from each process's first delivery).
@Suite("catalog worker restarted more often than its window", .serialized)
struct CatalogRestartTests {
    @Test("killed every 5 s with a 20 s window, the catalog sends its P41 within the first window's due time + 5 s")
    func killedEveryFiveSeconds() async throws {
        let h = try await FleetHarness.start(products: 12, withIngress: false)
        let window: TimeInterval = 20
        // A copy of every product.ready, to read when each change first entered the fleet.
        let connection = try await h.vhost.connect()
        try await connection.declare(Topology.load(path: TestVhost.topologyPath))
        try await connection.declareQueue("test.product-ready")
        try await connection.bindQueue("test.product-ready", exchange: "carrefour.events", routingKey: "product.ready")
        _ = try await h.sync()

        let cycle = try await KillCycle.run(every: .seconds(5), timeout: .seconds(60)) {
            try await h.startWorker("catalog", ["CARREFOUR_PRODUCT_IMPORT_INTERVAL": "20s"])
        } until: {
            (try await h.sandbox.miraklCalls()["P41"] ?? 0) >= 1
        }
        await cycle.last.stop()
        var firstSeen: [Date] = []
        while let copy = try await connection.get("test.product-ready") {
            if let milliseconds = copy.properties.headers[MessageHistory.firstSeenHeader]?.intValue {
                firstSeen.append(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            }
            try await connection.ack(copy.tag)
        }
        await connection.close()
        await h.stop()

        let sent = try #require(cycle.metAt, "no P41 within a minute of kills every 5 s (\(cycle.kills) kills)")
        let due = try #require(firstSeen.min(), "product.ready carries its first-seen time").addingTimeInterval(window)
        #expect(cycle.kills >= 3, "the worker was killed \(cycle.kills) times before its P41")
        #expect(sent.timeIntervalSince(due) <= 5, "P41 \(sent.timeIntervalSince(due)) s after the first window's due time")
        #expect(sent.timeIntervalSince(due) >= -0.25, "P41 \(-sent.timeIntervalSince(due)) s before the window ended")
    }
}
