import AMQPLayer
import ConnectorTestSupport
import Foundation
import Testing
import WorkerRuntime

@Suite("Worker runtime consume loop against a real broker")
struct ConsumerTests {
    @Test("a transient failure brings the message back after its tier's delay with the attempt raised")
    func transientRetry() async throws {
        let broker = try TestBroker.shared()
        let topology = try testTopology()
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        let queues = try await TestQueues.make(on: connection, topology: topology)
        let handler = ScriptedHandler { _, index in
            if index == 0 { throw WorkFailure.transient("HTTP 503 from Mirakl") }
        }
        try await withConsumer(queues: queues, handler: handler, settings: try testSettings(url: broker.amqpURL), topology: topology) {
            _ = try await connection.publish([message("{\"sku\":\"1\"}", to: queues.work)])
            #expect(await eventually(timeout: .seconds(15)) { handler.calls.count >= 2 })
        }
        let calls = handler.calls
        try #require(calls.count == 2)
        #expect(calls[0].attempt == 0)
        #expect(calls[1].attempt == 1)
        let delay = calls[1].at - calls[0].at
        // the 1 s retry delay (+ up to 10 % jitter) through the 1 s tier, plus broker and poll time
        // on a loaded machine; well below the next tier (5 s), so the right tier was used
        #expect(delay >= .milliseconds(950) && delay <= .milliseconds(4000), "measured \(delay)")
        #expect(try await connection.queueState(queues.work)?.readyMessages == 0)
        #expect(try await connection.queueState(queues.parked)?.readyMessages == 0)
        await connection.close()
    }

    @Test("an undecodable message is parked with its reason while the worker goes on")
    func undecodableIsParked() async throws {
        let broker = try TestBroker.shared()
        let topology = try testTopology()
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        let queues = try await TestQueues.make(on: connection, topology: topology)
        struct Payload: Decodable { var sku: String }
        let handler = ScriptedHandler { message, _ in _ = try message.decode(Payload.self) }
        try await withConsumer(queues: queues, handler: handler, settings: try testSettings(url: broker.amqpURL), topology: topology) {
            _ = try await connection.publish([
                message("{not json", to: queues.work, id: "bad-json"),
                message("{\"sku\":\"1\"}", to: queues.work, type: "no.such.type", id: "bad-type"),
                message("{\"sku\":\"2\"}", to: queues.work, id: "good"),
            ])
            #expect(try await eventually { try await connection.queueState(queues.parked)?.readyMessages == 2 })
        }
        #expect(handler.calls.map(\.body).contains("{\"sku\":\"2\"}"))
        var reasons: [String: String] = [:]
        while let parked = try await connection.get(queues.parked) {
            reasons[parked.properties.messageID ?? "?"] = parked.properties.headers[MessageHistory.parkedReasonHeader]?.stringValue
            #expect(parked.properties.headers[MessageHistory.parkedFromHeader] == .string(queues.work))
            try await connection.ack(parked.tag)
        }
        #expect(reasons["bad-json"]?.contains("invalid JSON") == true, "\(reasons)")
        #expect(reasons["bad-type"] == "unknown message type no.such.type")
        await connection.close()
    }

    @Test("a business failure is parked with the reason and history; nothing is retried")
    func businessIsParked() async throws {
        let broker = try TestBroker.shared()
        let topology = try testTopology()
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        let queues = try await TestQueues.make(on: connection, topology: topology)
        let handler = ScriptedHandler { _, _ in throw WorkFailure.business("EAN is required") }
        try await withConsumer(queues: queues, handler: handler, settings: try testSettings(url: broker.amqpURL), topology: topology) {
            _ = try await connection.publish([message("{}", to: queues.work)])
            #expect(try await eventually { try await connection.queueState(queues.parked)?.readyMessages == 1 })
        }
        let parked = try #require(try await connection.get(queues.parked))
        #expect(parked.properties.headers[MessageHistory.parkedReasonHeader] == "EAN is required")
        #expect(parked.properties.headers[MessageHistory.attemptHeader]?.intValue == 0)
        #expect(!parked.properties.headers.keys.contains { $0.hasPrefix("x-death") || $0.hasPrefix("x-first-death") })
        #expect(handler.calls.count == 1)
        await connection.close()
    }
}
