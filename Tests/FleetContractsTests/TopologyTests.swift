import AMQPLayer
import FleetContracts
import ConnectorTestSupport
import Foundation
import Testing

@Suite("topology.json")
struct TopologyTests {
    static var path: String { TestBroker.repositoryRoot.appendingPathComponent("topology.json").path }

    @Test("topology.json is a valid definitions document naming every queue the fleet relies on")
    func loads() throws {
        let topology = try Topology.load(path: Self.path)
        #expect(topology.fleet.workers.keys.sorted() == ["catalog", "ingress", "invoice-tracker", "offer-batcher", "order-importer", "reprocessor"])
        for queue in topology.queues where queue.name.hasSuffix(".work") || queue.name.hasSuffix(".requests") {
            #expect(queue.arguments["x-queue-type"] == .string("quorum"), "\(queue.name)")
            #expect(queue.arguments["x-delivery-limit"] != nil, "\(queue.name) has a delivery limit")
            #expect(queue.arguments["x-dead-letter-strategy"] == .string("at-least-once"), "\(queue.name)")
            #expect(queue.arguments["x-overflow"] == .string("reject-publish"), "\(queue.name)")
        }
        for tier in topology.delayTiers {
            let queue = try #require(topology.queues.first { $0.name == tier.queue })
            #expect(queue.arguments["x-message-ttl"] == .int(Int64(tier.milliseconds)))
            #expect(queue.arguments["x-dead-letter-exchange"] == .string(topology.fleet.exchanges.retry))
        }
        #expect(topology.queues.first { $0.name == topology.fleet.integrationLog.queue }?.arguments["x-queue-type"] == .string("stream"))
    }

    @Test("a topology naming an undeclared queue is refused with the name")
    func refusesDangling() throws {
        var data = try String(contentsOfFile: Self.path, encoding: .utf8)
        data = data.replacingOccurrences(of: "\"parked\": \"catalog.parked\"", with: "\"parked\": \"catalog.nowhere\"")
        #expect(throws: Topology.LoadError.self) { try Topology.decode(Data(data.utf8)) }
        do { _ = try Topology.decode(Data(data.utf8)) } catch { #expect(error.description.contains("catalog.nowhere")) }
    }

    @Test("declaring the topology twice is idempotent")
    func declareTwice() async throws {
        let broker = try TestBroker.shared()
        let topology = try Topology.load(path: Self.path)
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        try await connection.declare(topology)
        try await connection.declare(topology)
        for queue in topology.queues where queue.arguments["x-queue-type"] != .string("stream") {
            #expect(try await connection.queueState(queue.name) != nil)
        }
        await connection.close()
    }
}
