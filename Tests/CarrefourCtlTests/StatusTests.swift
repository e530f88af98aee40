import AMQPLayer
import Connector
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import IntegrationRules
import Logging
import Testing
import WorkerRuntime

/// `carrefourctl status` over what a real broker holds: log entries written by the fleet's own
/// writer, a parked message, and the workers' queues with and without consumers.
@Suite struct StatusTests {
    private static let topologyPath = TestBroker.repositoryRoot.appendingPathComponent("topology.json").path

    @Test func statusShowsEachFlowsLatestOutcomeWorkersWithoutConsumersAndParkedReasons() async throws {
        let vhost = try await TestVhost.create("ctl-status")
        #expect(try await vhost.ctl("topology", "apply").status == 0)
        let topology = try Topology.load(path: Self.topologyPath)
        let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: vhost.amqpURL), logger: Logger(label: "test"))
        let log = IntegrationLog(publisher: publisher, topology: topology)
        let now = Date()
        func event(_ operationId: String, _ entity: IntegrationEvent.Entity, _ status: IntegrationEvent.Status, _ message: String, minutesAgo: Double) -> IntegrationEvent {
            IntegrationEvent(
                operationId: operationId, entity: entity, entityId: String(operationId.split(separator: ":")[entity == .order ? 1 : 2]),
                operation: entity == .order ? .order : .catalog, direction: entity == .order ? .carrefourToVTEX : .vtexToCarrefour,
                status: status, message: message, at: now.addingTimeInterval(-minutesAgo * 60), worker: "test")
        }
        try await log.record([
            event("P41:7:12", .product, .success, "sent in product import 7", minutesAgo: 10),
            event("order:CRF-1-A:integrate", .order, .success, "integrated", minutesAgo: 2),
            event("order:CRF-2-A:integrate", .order, .error, "SKU 9 unknown", minutesAgo: 1),
            event("order:CRF-3-A:integrate", .order, .error, "SKU 8 unknown", minutesAgo: 0.5),
            event("P41:1:99", .product, .success, "too old for the look-back", minutesAgo: 60 * 30),
        ])
        var properties = AMQPProperties()
        properties.headers = [MessageHistory.parkedReasonHeader: .string("SLA Express is not mapped"), MessageHistory.parkedFromHeader: .string("orders.work")]
        let parked = AMQPOutgoingMessage(exchange: "", routingKey: "orders.parked", properties: properties, body: Array("{}".utf8))
        try await publisher.publish([parked, parked])
        await publisher.close()

        // Nothing consumes: every worker needs attention; the flows read back as written.
        let idle = try await vhost.ctl("status", "--json")
        #expect(idle.status == 1, "\(idle.standardError)")
        let report = try Self.decode(idle.standardOutput)
        let flows = try #require(report["flows"] as? [[String: Any]])
        #expect(flows.compactMap { $0["flow"] as? String } == ["P41", "New Order Integration"])
        let orders = try #require(flows.first { $0["flow"] as? String == "New Order Integration" })
        #expect(orders["errors"] as? Int == 2)
        #expect((orders["lastFailure"] as? [String: Any])?["message"] as? String == "SKU 8 unknown")
        #expect((orders["lastSuccess"] as? [String: Any])?["entityId"] as? String == "CRF-1-A")
        let problems = try #require(report["problems"] as? [String])
        #expect(problems.count == 5, "\(problems)")
        let parkedReport = try #require((report["parked"] as? [[String: Any]])?.first { $0["queue"] as? String == "orders.parked" })
        let reasons = parkedReport["topReasons"] as? [[String: Any]]
        #expect(reasons?.first?["reason"] as? String == "SLA Express is not mapped")
        #expect(reasons?.first?["count"] as? Int == 2)
        let stillParked = try await vhost.ctl("parked", "list", "orders.parked")
        #expect(stillParked.standardOutput.contains("2 parked message(s)"), "status reads parked messages without taking them")

        // A consumer on every worker's work queue: healthy, unless a flow is older than --max-age.
        let consumer = try await AMQPConnection.connect(try AMQPConfiguration(url: vhost.amqpURL))
        for worker in topology.fleet.workers.values {
            if let work = worker.queues.first?.name { _ = try await consumer.consume(work) }
        }
        var healthy = try await vhost.ctl("status")
        let cleared = try await eventually(timeout: .seconds(20), every: .milliseconds(500)) {
            healthy = try await vhost.ctl("status")
            return healthy.status == 0
        }
        #expect(cleared, "\(healthy.standardOutput)")
        #expect(healthy.standardOutput.contains("SLA Express is not mapped"))
        let stale = try await vhost.ctl("status", "--max-age", "5m")
        #expect(stale.status == 1)
        #expect(stale.standardOutput.contains("P41: no success within 5m"), "\(stale.standardOutput)")
        #expect(!stale.standardOutput.contains("New Order Integration: no success"), "its last success is 2 minutes old")
        await consumer.close()
        await vhost.delete()
    }

    private static func decode(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
