import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import Testing
import WorkerRuntime

/// `carrefourctl` run as the built binary against the test run's real broker, each test in a
/// vhost of its own.
@Suite struct CarrefourCtlTests {
    @Test func applyThenCheckFindsNoDriftAndThenAChangedDeliveryLimit() async throws {
        let vhost = try await TestVhost.create("ctl")
        let apply = try await vhost.ctl("topology", "apply")
        #expect(apply.status == 0, "\(apply.standardError)")
        let clean = try await vhost.ctl("topology", "check")
        #expect(clean.status == 0, "\(clean.standardOutput)\(clean.standardError)")
        #expect(clean.standardOutput.contains("no drift"))

        let topology = try Topology.load(path: TestBroker.repositoryRoot.appendingPathComponent("topology.json").path)
        let queue = try #require(topology.queues.first { $0.name == "catalog.work" })
        var arguments = queue.arguments
        arguments["x-delivery-limit"] = .int(5)
        let connection = try await vhost.connect()
        try await connection.deleteQueue(queue.name)
        try await connection.declareQueue(queue.name, durable: true, autoDelete: false, arguments: arguments.amqpTable)
        try await connection.deleteExchange("carrefour.retry")
        await connection.close()

        let drifted = try await vhost.ctl("topology", "check")
        #expect(drifted.status == 1)
        #expect(drifted.standardOutput.contains("queue catalog.work: argument x-delivery-limit is 5 on the broker, 20 in topology.json"))
        #expect(drifted.standardOutput.contains("exchange carrefour.retry: missing on the broker"))
        #expect(drifted.standardOutput.contains("binding carrefour.retry -> queue "))
        #expect(!drifted.standardOutput.contains("no drift"))
        #expect(!drifted.standardOutput.contains("queue catalog.products:"))
        await vhost.delete()
    }

    @Test func reprocessPublishesTheContractToTheRequestsQueue() async throws {
        let vhost = try await TestVhost.create("ctl")
        let applied = try await vhost.ctl("topology", "apply")
        #expect(applied.status == 0)
        let result = try await vhost.ctl("reprocess", "order", "123")
        #expect(result.status == 0, "\(result.standardError)")
        let requestID = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)

        let connection = try await vhost.connect()
        let delivery = try #require(try await connection.get("reprocess.requests"))
        try await connection.ack(delivery.tag)
        await connection.close()
        await vhost.delete()

        #expect(delivery.exchange == "carrefour.events")
        #expect(delivery.routingKey == "reprocess.order")
        #expect(delivery.properties.type == "reprocess.request")
        #expect(delivery.properties.contentType == "application/json")
        #expect(delivery.properties.persistent)
        #expect(delivery.properties.messageID == requestID)
        let request = try ReprocessRequest.decode(delivery.body)
        #expect(request.requestId == requestID)
        #expect(request.entity == .order)
        #expect(request.id == "123")
        #expect(request.requestedBy == "carrefourctl")
        #expect(abs(request.requestedAt.timeIntervalSinceNow) < 60)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
        #expect(Set(body.keys) == ["requestId", "entity", "id", "requestedAt", "requestedBy"])
        #expect(body["entity"] as? String == "order")
    }

    @Test func parkedListKeepsAndReplayMovesBackWithHistory() async throws {
        let vhost = try await TestVhost.create("ctl")
        let applied = try await vhost.ctl("topology", "apply")
        #expect(applied.status == 0)
        let firstSeen: Int64 = 1_700_000_000_000
        var properties = AMQPProperties(
            contentType: "application/json", messageID: "msg-parked-1", type: "sku.changed")
        properties.headers = [
            MessageHistory.attemptHeader: .int64(7),
            MessageHistory.firstSeenHeader: .int64(firstSeen),
            MessageHistory.lastErrorHeader: "VTEX answered 500",
            MessageHistory.parkedFromHeader: "catalog.work",
            MessageHistory.parkedReasonHeader: "attempts exhausted",
            MessageHistory.parkedAtHeader: .int64(firstSeen + 60_000),
            "x-death": .array([.table(["queue": "catalog.work"])]),
            "tenant": "carrefour",
        ]
        let other = AMQPProperties(headers: [MessageHistory.parkedFromHeader: "catalog.work"], messageID: "msg-parked-2", type: "sku.changed")
        let connection = try await vhost.connect()
        let outcomes = try await connection.publish([
            AMQPOutgoingMessage(routingKey: "catalog.parked", properties: properties, body: Array(#"{"sku":"1"}"#.utf8)),
            AMQPOutgoingMessage(routingKey: "catalog.parked", properties: other, body: Array(#"{"sku":"2"}"#.utf8)),
        ])
        #expect(outcomes.allSatisfy { $0.isConfirmed })

        let listed = try await vhost.ctl("parked", "list", "catalog.parked", "--json")
        #expect(listed.status == 0, "\(listed.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        let first = try #require(entries.first { $0["messageId"] as? String == "msg-parked-1" })
        #expect(entries.count == 2)
        #expect(first["reason"] as? String == "attempts exhausted")
        #expect(first["parkedFrom"] as? String == "catalog.work")
        #expect(first["attempt"] as? Int == 7)
        #expect(first["parkedAt"] as? String == "2023-11-14T22:14:20Z")

        let replay = try await vhost.ctl("parked", "replay", "catalog.parked", "--id", "msg-parked-1")
        #expect(replay.status == 0, "\(replay.standardError)")
        #expect(replay.standardOutput.contains("moved 1 message"))

        let moved = try #require(try await connection.get("catalog.work"))
        try await connection.ack(moved.tag)
        let stillParked = try #require(try await connection.get("catalog.parked"))
        try await connection.ack(stillParked.tag)
        let nothingElse = try await connection.get("catalog.parked")
        await connection.close()
        await vhost.delete()

        #expect(stillParked.properties.messageID == "msg-parked-2")
        #expect(nothingElse == nil)
        #expect(moved.properties.messageID == "msg-parked-1")
        #expect(moved.body == Array(#"{"sku":"1"}"#.utf8))
        let headers = moved.properties.headers
        #expect(headers[MessageHistory.attemptHeader]?.intValue == 7)
        #expect(headers[MessageHistory.firstSeenHeader]?.intValue == firstSeen)
        #expect(headers[MessageHistory.lastErrorHeader]?.stringValue == "VTEX answered 500")
        #expect(headers["tenant"]?.stringValue == "carrefour")
        #expect(headers[MessageHistory.parkedFromHeader] == nil)
        #expect(headers[MessageHistory.parkedReasonHeader] == nil)
        #expect(headers[MessageHistory.parkedAtHeader] == nil)
        // No x- header is copied: x-death is gone, and the quorum queue's own x-delivery-count
        // starts again at 0 (the parked original's was 1 after `parked list` requeued it).
        #expect(headers["x-death"] == nil)
        #expect(headers["x-delivery-count"]?.intValue ?? 0 == 0)
        #expect(!headers.keys.contains { $0.hasPrefix("x-") && $0 != "x-delivery-count" }, "\(headers.keys.sorted())")
    }

    @Test func queuesListsTheVhostsQueuesAsJSON() async throws {
        let vhost = try await TestVhost.create("ctl")
        let applied = try await vhost.ctl("topology", "apply")
        #expect(applied.status == 0)
        let result = try await vhost.ctl("queues", "--json")
        let table = try await vhost.ctl("queues")
        await vhost.delete()
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        let log = try #require(rows.first { $0["name"] as? String == "integration.log" })
        #expect(log["type"] as? String == "stream")
        #expect(rows.contains { $0["name"] as? String == "catalog.work" && $0["ready"] as? Int == 0 })
        #expect(table.standardOutput.hasPrefix("QUEUE"))
        #expect(table.standardOutput.contains("catalog.work"))
    }

    @Test func aBrokerThatIsDownGivesOneLineWithoutThePassword() async throws {
        let result = try await Subprocess.run(
            Subprocess.builtProduct("carrefourctl"), ["reprocess", "order", "1"],
            environment: ["CARREFOUR_AMQP_URL": "amqp://guest:hunter2secret@127.0.0.1:1/"])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(!result.standardError.contains("hunter2secret"))
    }

    @Test func aBadArgumentGetsArgumentParsersMessage() async throws {
        let result = try await Subprocess.run(Subprocess.builtProduct("carrefourctl"), ["reprocess", "invoice", "1"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'invoice' is invalid"))
    }

    @Test func aListOfNodesWhoseFirstIsDownReachesTheLiveOne() async throws {
        let vhost = try await TestVhost.create("ctl")
        let live = try AMQPConfiguration(url: vhost.amqpURL)
        let down = vhost.amqpURL.replacingOccurrences(of: ":\(live.port)/", with: ":1/")
        #expect(down != vhost.amqpURL)
        for command in [["topology", "apply"], ["topology", "check"]] {
            let result = try await Subprocess.run(
                Subprocess.builtProduct("carrefourctl"), command,
                environment: [
                    "CARREFOUR_AMQP_URL": "\(down),\(vhost.amqpURL)", "CARREFOUR_MANAGEMENT_URL": vhost.managementURL,
                    "CARREFOUR_TOPOLOGY": TestVhost.topologyPath,
                ])
            #expect(result.status == 0, "\(command): \(result.standardError)")
        }
        await vhost.delete()
    }
}
