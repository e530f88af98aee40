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

/// `carrefourctl log` over entries the fleet's own writer put in the broker's stream, and
/// `carrefourctl reprocess --follow` against a running reprocessor, each in a vhost of its own.
@Suite struct LogAndReprocessTests {
    private static let topologyPath = TestBroker.repositoryRoot.appendingPathComponent("topology.json").path

    @Test func logShowsNewestFirstFiltersAndEachEntitysLatestState() async throws {
        let vhost = try await TestVhost.create("ctl")
        #expect(try await vhost.ctl("topology", "apply").status == 0)
        let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: vhost.amqpURL), logger: Logger(label: "test"))
        let log = IntegrationLog(publisher: publisher, topology: try Topology.load(path: Self.topologyPath))
        let start = Date()
        func event(_ n: Int, _ entity: IntegrationEvent.Entity, _ id: String, _ status: IntegrationEvent.Status, _ message: String) -> IntegrationEvent {
            IntegrationEvent(
                operationId: "op-\(n)", entity: entity, entityId: id, operation: entity == .order ? .order : .catalog,
                direction: entity == .order ? .carrefourToVTEX : .vtexToCarrefour, status: status, message: message,
                at: start.addingTimeInterval(Double(n)), worker: "test")
        }
        try await log.record([
            event(1, .product, "42", .error, "EAN missing"),
            event(2, .order, "O-1", .error, "SKU 9 unknown"),
            event(3, .product, "42", .success, "catalogued"),
            event(4, .offer, "42", .alert, "price diverges"),
            event(5, .product, "43", .error, "brand missing"),
        ])
        await publisher.close()

        let sku = try await vhost.ctl("log", "--sku", "42", "--json")
        #expect(sku.status == 0, "\(sku.standardError)")
        let skuIds = try sku.standardOutput.split(separator: "\n").map { try Self.decode(String($0)).operationId }
        #expect(skuIds == ["op-4", "op-3", "op-1"])

        let errors = try await vhost.ctl("log", "--status", "error", "--json")
        #expect(try errors.standardOutput.split(separator: "\n").map { try Self.decode(String($0)).operationId } == ["op-5", "op-2", "op-1"])

        let latest = try await vhost.ctl("log", "--latest", "--json")
        #expect(try latest.standardOutput.split(separator: "\n").map { try Self.decode(String($0)).operationId } == ["op-5", "op-4", "op-3", "op-2"])

        let latestErrors = try await vhost.ctl("log", "--latest", "--status", "error")
        #expect(latestErrors.status == 0)
        #expect(latestErrors.standardOutput.contains("product 43"))
        #expect(latestErrors.standardOutput.contains("order O-1"))
        #expect(!latestErrors.standardOutput.contains("product 42"), "product 42's latest state is Success")

        let both = try await vhost.ctl("log", "--sku", "1", "--order", "2")
        #expect(both.status != 0)
        await vhost.delete()
    }

    @Test func aProductReprocessIsHandedBackToTheCatalogFlowAndFollowed() async throws {
        let vhost = try await TestVhost.create("ctl")
        #expect(try await vhost.ctl("topology", "apply").status == 0)
        // A product reprocess calls neither Mirakl nor VTEX: their settings only have to be valid.
        let reprocessor = try RunningProcess.product("reprocessor", environment: [
            "CARREFOUR_AMQP_URL": vhost.amqpURL, "CARREFOUR_TOPOLOGY": Self.topologyPath,
            "CARREFOUR_MIRAKL_URL": "http://127.0.0.1:9", "CARREFOUR_MIRAKL_API_KEY": "unused",
            "CARREFOUR_VTEX_URL": "http://127.0.0.1:9", "CARREFOUR_VTEX_APP_KEY": "unused", "CARREFOUR_VTEX_APP_TOKEN": "unused",
            "CARREFOUR_SLA_NORMAL": "Normal", "CARREFOUR_INGRESS_PUBLIC_URL": "http://127.0.0.1:9",
        ])
        let followed = try await vhost.ctl("reprocess", "product", "42", "--follow", "--timeout", "60s")
        let status = await reprocessor.stop()
        #expect(followed.status == 0, "\(followed.standardOutput)\(followed.standardError)\(reprocessor.standardError)")
        let lines = followed.standardOutput.split(separator: "\n").map(String.init)
        let requestId = try #require(lines.first)
        #expect(lines.count == 2)
        #expect(lines.last?.contains("Success") == true)
        #expect(lines.last?.contains("reprocess \(requestId) attempt 1/5, final") == true)
        #expect(status == 0, "a graceful stop exits 0")

        let connection = try await vhost.connect()
        let handedOff = try #require(try await connection.get("catalog.work"))
        try await connection.ack(handedOff.tag)
        await connection.close()
        #expect(handedOff.properties.type == "sku.changed")
        #expect(String(decoding: handedOff.body, as: UTF8.self).contains(#""skuId":"42""#))
        await vhost.delete()
    }

    private static func decode(_ line: String) throws -> IntegrationEvent {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(IntegrationEvent.self, from: Data(line.utf8))
    }
}
