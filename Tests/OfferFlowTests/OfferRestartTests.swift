import AMQPLayer
import ConnectorTestSupport
import Foundation
import Logging
import OfferFlow
import Testing
import WorkerRuntime

/// An offer-batcher restarted more often than its window still sends its OF01 (the window's due
/// time is counted from the broker's first-seen times, not from each process's first delivery).
@Suite("Offer-batcher restarted more often than its window", .serialized)
struct OfferRestartTests {
    @Test("killed every 5 s with a 20 s window, the offer-batcher sends its OF01 within the first window's due time + 5 s, with the latest stock")
    func killedEveryFiveSeconds() async throws {
        try await withOfferWorld { sandbox, broker in
            let skus = ["2001", "2011", "2012"]
            try await sandbox.catalogue(skus)
            for (index, sku) in skus.enumerated() { try await sandbox.setStock(sku, 30 + index) }
            // Published as the fleet publishes (the ingress, the catalog): stamped with a first-seen time.
            let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: broker.amqpURL), logger: Logger(label: "test"))
            let before = Date()
            try await publisher.publish(skus.map { sku in
                AMQPOutgoingMessage(
                    exchange: "carrefour.events", routingKey: OfferMessages.stock,
                    properties: AMQPProperties(contentType: "application/json", messageID: UUID().uuidString, type: OfferMessages.stock),
                    body: Array(#"{"skuId":"\#(sku)"}"#.utf8))
            })
            let after = Date()
            await publisher.close()

            let cycle = try await KillCycle.run(every: .seconds(5), timeout: .seconds(60)) {
                try OfferBatcherProcess.start(sandbox: sandbox, broker: broker, window: "20s")
            } until: {
                try await sandbox.miraklCalls()["OF01"] != nil
            }
            let latest = Dictionary(uniqueKeysWithValues: skus.enumerated().map { ($1, 30 + $0) })
            let arrived = try await eventually(timeout: .seconds(20), every: .milliseconds(500)) {
                let state = try await sandbox.miraklState()
                return latest.allSatisfy { sku, quantity in state.offer(sku)?.quantity == quantity }
            }
            await cycle.last.stop()

            let sent = try #require(cycle.metAt, "no OF01 within a minute of kills every 5 s (\(cycle.kills) kills)")
            #expect(cycle.kills >= 3, "the worker was killed \(cycle.kills) times before its OF01")
            #expect(sent.timeIntervalSince(after) <= 20 + 5, "OF01 \(sent.timeIntervalSince(after) - 20) s after the first window's due time")
            #expect(sent.timeIntervalSince(before) >= 20 - 0.25, "OF01 \(20 - sent.timeIntervalSince(before)) s before the window ended")
            let offers = try await sandbox.miraklState().offers
            #expect(arrived, "offers: \(offers)")
        }
    }
}
