import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing
import WorkerRuntime

/// The periodic full resync (reference/vtex-apis.md §7: a periodic full resync besides
/// notifications): SKUs of which the catalog never heard (no ingress, so no notification; no
/// initial load, no `catalog sync`) are read and queued by the resync alone, again each interval.
@Suite("catalog periodic resync")
struct CatalogResyncEndToEndTests {
    @Test("a catalog that never got a notification reads every SKU at its periodic resync, each interval")
    func resyncReadsEverySKU() async throws {
        let h = try await FleetHarness.start(products: 6, withIngress: false)
        let worker = try await h.startWorker("catalog", ["CARREFOUR_CATALOG_RESYNC_INTERVAL": "2s"])
        let expected = ["2001", "2002", "2006"]
        var latest: [String: IntegrationEvent] = [:]
        let queued = await eventually(timeout: .seconds(30), every: .milliseconds(300)) {
            latest = (try? await h.latestProductEvents()) ?? [:]
            return expected.allSatisfy { latest[$0] != nil }
        }
        #expect(queued, "\(latest.mapValues { "\($0.status) \($0.message)" }) \(worker.standardError.suffix(2000))")
        let twice = await eventually(timeout: .seconds(20), every: .milliseconds(300)) {
            ((try? await h.log()) ?? []).filter { $0.operationId.hasPrefix("resync:") }.count >= 2
        }
        #expect(twice, "a second resync one interval later")
        let resyncs = try await h.log().filter { $0.operationId.hasPrefix("resync:") }
        #expect(resyncs.allSatisfy { $0.status == .success && $0.worker == "catalog" })
        await worker.stop()
        await h.stop()
    }
}
