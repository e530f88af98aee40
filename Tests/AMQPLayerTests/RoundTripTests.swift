import AMQPLayer
import ConnectorTestSupport
import Foundation
import Testing

@Suite("AMQP layer against a real broker")
struct RoundTripTests {
    let broker: TestBroker

    init() throws { broker = try TestBroker.shared() }

    private func connect(_ name: String = "test") async throws -> AMQPConnection {
        try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL, connectionName: name))
    }

    @Test("publish → confirm → consume keeps every property and header type")
    func roundTripPreservesEverything() async throws {
        let connection = try await connect()
        let queue = uniqueName("roundtrip")
        try await connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
        let stamp = Date(timeIntervalSince1970: 1_790_000_000)
        let headers: AMQPTable = [
            "string": "olá, Carrefour", "bool-true": true, "bool-false": .bool(false),
            "i8": .int8(-8), "u8": .uint8(200), "i16": .int16(-1600), "u16": .uint16(60000),
            "i32": .int32(-32_000_000), "u32": .uint32(4_000_000_000), "i64": .int64(-9_000_000_000_000),
            "float": .float(1.5), "double": .double(-2.25), "decimal": .decimal(scale: 2, value: 12345),
            "bytes": .bytes([0, 1, 2, 254, 255]), "timestamp": .timestamp(stamp), "void": .void,
            "array": .array(["a", 1, true, .array([.int32(7)]), .table(["k": "v"])]),
            "table": .table(["nested": .table(["deep": .int64(42)]), "list": .array([])]),
        ]
        let properties = AMQPProperties(
            contentType: "application/json", contentEncoding: "identity", headers: headers,
            persistent: true, priority: 3, correlationID: "corr-1", replyTo: "replies",
            expiration: "60000", messageID: "msg-1", timestamp: stamp, type: "sku.changed",
            userID: "guest", appID: "tests")
        let body = Array((0...255).map(UInt8.init)) + Array("{\"sku\":\"1\"}".utf8)
        let outcomes = try await connection.publish([AMQPOutgoingMessage(routingKey: queue, properties: properties, body: body)])
        #expect(outcomes == [.confirmed])

        try await connection.setPrefetch(10)
        try await connection.consume(queue)
        var received: [AMQPDelivery] = []
        _ = try await eventually { received += try await connection.receive(maxMessages: 10, timeout: .milliseconds(200)); return !received.isEmpty }
        let delivery = try #require(received.first)
        #expect(delivery.body == body)
        #expect(delivery.routingKey == queue)
        #expect(delivery.redelivered == false)
        var expected = properties
        expected.headers["x-delivery-count"] = delivery.properties.headers["x-delivery-count"]
        #expect(delivery.properties == expected)
        try await connection.ack(delivery.tag)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("bodies of several frames, of one byte and of none come back whole, consumed in one gathered batch and by basic.get")
    func bodiesAcrossFrames() async throws {
        let connection = try await connect()
        let queue = uniqueName("frames")
        try await connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
        // RabbitMQ's frame_max is 131,072 bytes: the first body takes three body frames.
        let bodies: [[UInt8]] = [(0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }, [], [42]]
        let messages = bodies.enumerated().map { index, body in
            AMQPOutgoingMessage(routingKey: queue, properties: AMQPProperties(messageID: "m\(index)"), body: body)
        }
        #expect(try await connection.publish(messages + messages) == Array(repeating: .confirmed, count: 6))

        try await connection.setPrefetch(3)
        try await connection.consume(queue)
        var received: [AMQPDelivery] = []
        _ = try await eventually {
            received += try await connection.receive(maxMessages: 3, timeout: .milliseconds(200), atLeast: 3, gathering: .milliseconds(500))
            return received.count >= 3
        }
        let consumedWhole = received.map(\.body) == bodies  // a Bool: a failure prints no 300 kB array
        #expect(consumedWhole)
        #expect(received.map(\.properties.messageID) == ["m0", "m1", "m2"])
        try await connection.ack(try #require(received.last).tag, multiple: true)
        await connection.close()  // what its prefetch took goes back to the queue

        let reader = try await connect("reader")
        var got: [AMQPDelivery] = []
        _ = try await eventually {
            if let delivery = try await reader.get(queue) { got.append(delivery) }
            return got.count == 3
        }
        let gotWhole = got.map(\.body) == bodies
        #expect(gotWhole)
        #expect(got.map(\.body.count) == [300_000, 0, 1])
        try await reader.deleteQueue(queue)
        await reader.close()
    }

    @Test("repeated and changing property values of every length come back as sent, each delivery handed over as it is read")
    func repeatedPropertyValues() async throws {
        let connection = try await connect()
        let queue = uniqueName("names")
        try await connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
        // Twelve content types of 16 bytes and more (past the connection's cache of long names,
        // so some are evicted and read again), short ones, and types that differ by their last byte.
        let contentTypes = (0..<12).map { "application/x-\($0)-\(String(repeating: "v", count: $0))" } + ["text/csv", ""]
        let messages = (0..<60).map { index in
            AMQPOutgoingMessage(
                routingKey: queue,
                properties: AMQPProperties(
                    contentType: contentTypes[index % contentTypes.count], messageID: "m\(index)",
                    type: "carrefour.type.number.\(index % 3)", appID: index % 2 == 0 ? "carrefour-connector-tests" : "short"),
                body: [UInt8(index)])
        }
        #expect(try await connection.publish(messages) == Array(repeating: .confirmed, count: messages.count))

        try await connection.setPrefetch(100)
        try await connection.consume(queue)
        var received: [AMQPDelivery] = []
        _ = try await eventually {
            let before = received.count
            let count = try await connection.receive(maxMessages: 100, timeout: .milliseconds(200)) { received.append($0) }
            #expect(count == received.count - before)
            return received.count >= messages.count
        }
        #expect(received.map(\.properties) == messages.map(\.properties))
        #expect(received.map(\.body) == messages.map(\.body))
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("an unroutable mandatory message comes back as returned, not confirmed")
    func mandatoryReturn() async throws {
        let connection = try await connect()
        let queue = uniqueName("routable")
        try await connection.declareQueue(queue)
        let outcomes = try await connection.publish([
            AMQPOutgoingMessage(routingKey: queue, body: Array("a".utf8)),
            AMQPOutgoingMessage(routingKey: uniqueName("nowhere"), body: Array("b".utf8)),
            AMQPOutgoingMessage(routingKey: queue, body: Array("c".utf8)),
        ])
        #expect(outcomes[0] == .confirmed)
        #expect(outcomes[1] == .returned(replyCode: 312, replyText: "NO_ROUTE"))
        #expect(outcomes[2] == .confirmed)
        #expect(try await connection.queueState(queue)?.readyMessages == 2)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("a passive declare reports ready messages and consumers, and nil for a missing queue")
    func passiveDeclare() async throws {
        let connection = try await connect()
        #expect(try await connection.queueState(uniqueName("missing")) == nil)
        // the channel was reopened after the 404: the connection still works
        let queue = uniqueName("depth")
        try await connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
        _ = try await connection.publish((0..<5).map { AMQPOutgoingMessage(routingKey: queue, body: [UInt8($0)]) })
        let state = try #require(try await connection.queueState(queue))
        #expect(state.readyMessages == 5)
        #expect(state.consumers == 0)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("x-death written by the broker is readable: reason, queue, count and time")
    func xDeathIsReadable() async throws {
        let connection = try await connect()
        let work = uniqueName("work"), parked = uniqueName("parked")
        try await connection.declareQueue(parked, arguments: ["x-queue-type": "quorum"])
        try await connection.declareQueue(work, arguments: [
            "x-queue-type": "quorum", "x-dead-letter-exchange": "", "x-dead-letter-routing-key": .string(parked),
        ])
        _ = try await connection.publish([AMQPOutgoingMessage(routingKey: work, body: Array("x".utf8))])
        let delivery = try #require(try await connection.get(work))
        try await connection.reject(delivery.tag, requeue: false)
        var dead: AMQPDelivery?
        _ = try await eventually { dead = try await connection.get(parked); return dead != nil }
        let death = try #require(dead?.properties.headers["x-death"]?.arrayValue?.first?.tableValue)
        #expect(death["reason"] == "rejected")
        #expect(death["queue"] == .string(work))
        #expect(death["count"]?.intValue == 1)
        #expect(death["time"]?.dateValue != nil)
        if let dead { try await connection.ack(dead.tag) }
        try await connection.deleteQueue(work)
        try await connection.deleteQueue(parked)
        await connection.close()
    }

    @Test("wrong credentials give accessRefused without the password in the message")
    func refusedCredentials() async throws {
        var config = try AMQPConfiguration(url: broker.amqpURL)
        config.password = "not-the-password-SECRET"
        do {
            _ = try await AMQPConnection.connect(config)
            Issue.record("connected with a wrong password")
        } catch {
            guard case .accessRefused = error else { Issue.record("expected accessRefused, got \(error)"); return }
            #expect(!error.description.contains("SECRET"))
        }
    }

    @Test("a broker that is not there gives connectionFailed")
    func brokerDown() async throws {
        let config = try AMQPConfiguration(url: "amqp://guest:guest@127.0.0.1:1/%2F")
        await #expect(throws: AMQPError.self) { _ = try await AMQPConnection.connect(config) }
    }

    @Test("a list of nodes: a node that is down is skipped and the live one reached; none alive is connectionFailed")
    func failsOverToTheLiveNode() async throws {
        let live = try AMQPConfiguration(url: broker.amqpURL)
        let down = broker.amqpURL.replacingOccurrences(of: ":\(live.port)/", with: ":1/")
        let config = try AMQPConfiguration(url: "\(down),\(broker.amqpURL)")
        #expect(config.addresses.count == 2)
        let connection = try await AMQPConnection.connect(config)
        #expect(connection.configuration.port == live.port)
        #expect(await connection.isOpen)
        await connection.close()
        let only = try AMQPConfiguration(url: "\(down),\(down.replacingOccurrences(of: ":1/", with: ":2/"))")
        await #expect(throws: AMQPError.self) { _ = try await AMQPConnection.connect(only) }
    }
}
