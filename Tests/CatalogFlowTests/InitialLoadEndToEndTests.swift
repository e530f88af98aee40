import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing
import WorkerRuntime

/// The first start (how-the-carrefour-integration-works.md §1: products "are sent automatically"
/// after the setup): no one runs `carrefourctl catalog sync`.
@Suite("catalog initial load on first start", .serialized)
struct InitialLoadEndToEndTests {
    @Test("a first catalog worker starts the initial load by itself, once; a restart and a second replica do not")
    func firstStart() async throws {
        let h = try await FleetHarness.start(products: 6, withIngress: false)
        let first = try await h.startWorker("catalog", ["CARREFOUR_CATALOG_INITIAL_LOAD": "true"])
        // Every SKU of the trade policy is read and queued for the next P41, no sync asked.
        let expected = ["2001", "2002", "2006"]
        var latest: [String: IntegrationEvent] = [:]
        let queued = await eventually(timeout: .seconds(20), every: .milliseconds(300)) {
            latest = (try? await h.latestProductEvents()) ?? [:]
            return expected.allSatisfy { latest[$0] != nil }
        }
        #expect(queued, "\(latest.mapValues { "\($0.status) \($0.message)" }) \(first.standardError.suffix(2000))")
        await first.stop()
        // A restart, and two replicas at once: the broker remembers the load was started.
        let again = try await h.startWorker("catalog", ["CARREFOUR_CATALOG_INITIAL_LOAD": "true"])
        let replica = try await h.startWorker("catalog", ["CARREFOUR_CATALOG_INITIAL_LOAD": "true"])
        let decided = await eventually(timeout: .seconds(10), every: .milliseconds(200)) {
            again.standardError.contains("initial load: already done") && replica.standardError.contains("initial load: already done")
        }
        #expect(decided)
        let loads = try await h.log().filter { $0.operationId == "initial-load" }
        #expect(loads.count == 1)
        #expect(loads.first?.message.contains("initial load started") == true)
        let connection = try await h.vhost.connect()
        let marker = try await connection.queueState("catalog.initial-load")
        await connection.close()
        #expect(marker?.readyMessages == 1)
        await again.stop()
        await replica.stop()
        await h.stop()
    }
}
