import ConnectorTestSupport
import Foundation
import Glibc
import OfferFlow
import Testing

@Suite("Offer flow crash safety", .serialized)
struct OfferCrashTests {
    @Test("SIGKILL of the offer-batcher in the middle of a window loses no change: the next OF01 carries the latest state of every changed SKU")
    func killMidWindow() async throws {
        try await withOfferWorld { sandbox, broker in
            let skus = ["2001", "2011", "2012", "2013", "2014"]
            let work = try broker.offerQueue("work")
            try await sandbox.catalogue(skus)
            for (index, sku) in skus.enumerated() { try await sandbox.setStock(sku, 10 + index) }
            // a window of ten marketplace minutes: ten real seconds to kill it in
            let killed = try OfferBatcherProcess.start(sandbox: sandbox, broker: broker, window: "10s")
            try await broker.publish(OfferMessages.stock, skus: skus)
            try await broker.publish(OfferMessages.price, skus: ["2001", "2011"])
            #expect(try await eventually(timeout: .seconds(8)) { try await broker.ready(work) == 0 }, "held by the batcher")
            killed.signal(SIGKILL)
            #expect(await killed.wait() == 128 + SIGKILL)
            #expect(try await sandbox.miraklCalls()["OF01"] == nil, "killed before its window closed")
            // the broker has the latest change of each SKU back (superseded ones were acknowledged)
            #expect(try await eventually { try await broker.ready(work) == UInt32(skus.count) })

            // While it is down, VTEX moves on: the latest state is what must reach Mirakl.
            for (index, sku) in skus.enumerated() { try await sandbox.setStock(sku, 50 + index) }
            let restarted = try OfferBatcherProcess.start(sandbox: sandbox, broker: broker, window: "10s")
            let latest = Dictionary(uniqueKeysWithValues: skus.enumerated().map { ($1, 50 + $0) })
            let arrived = try await eventually(timeout: .seconds(40), every: .milliseconds(500)) {
                let state = try await sandbox.miraklState()
                return latest.allSatisfy { sku, quantity in state.offer(sku)?.quantity == quantity }
            }
            await restarted.stop()
            let state = try await sandbox.miraklState()
            #expect(arrived, "offers: \(state.offers)")
            #expect(state.offerImports.count == 1, "one OF01, after the restart: \(state.offerImports)")
            #expect(state.offerImports.first?.linesRead == skus.count)
            #expect(try await broker.ready(work) == 0)
        }
    }
}
