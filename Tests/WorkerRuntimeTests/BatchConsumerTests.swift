import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import Foundation
import Synchronization
import Testing
import WorkerRuntime

@Suite("Batch consumer against a real broker")
struct BatchConsumerTests {
    @Test("each key's latest message reaches one flush at the window's end; the window, superseded messages included, is acknowledged")
    func coalescing() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler()
        let published = ContinuousClock.now
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(2), settings: settings, topology: topology) { consumer in
            _ = try await connection.publish(["a:1", "a:2", "b:1", "a:3", "b:2", "c:1"].map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.received == 6 })
            #expect(consumer.progress.superseded == 3)
            #expect(consumer.progress.pendingKeys == 3)
            #expect(await eventually(timeout: .seconds(15)) { handler.flushes.count == 1 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 1)
        #expect(flushes[0].bodies == ["a": "a:3", "b": "b:2", "c": "c:1"])
        #expect(flushes[0].at - published >= .seconds(2), "flushed \(flushes[0].at - published) after publishing")
        #expect(try await connection.get(queues.work) == nil, "every message was acknowledged")
        #expect(try await connection.queueState(queues.parked)?.readyMessages == 0)
        await connection.close()
    }

    @Test("a window holds at most its capacity of deliveries; the rest waits in the queue for the next window")
    func capacityBoundsTheWindow() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(1), capacity: 3, settings: settings, topology: topology) { _ in
            _ = try await connection.publish(["k1:1", "k2:1", "k3:1", "k4:1", "k5:1"].map { message($0, to: queues.work) })
            #expect(await eventually(timeout: .seconds(15)) { handler.flushes.count == 2 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 2)
        #expect(flushes[0].bodies.count == 3)
        #expect(flushes[1].bodies.count == 2)
        #expect(Set(flushes[0].bodies.keys).union(flushes[1].bodies.keys) == ["k1", "k2", "k3", "k4", "k5"])
        #expect(flushes[1].at - flushes[0].at >= .seconds(1))
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("several consumer connections: each acknowledges the window it received")
    func severalConsumers() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler()
        let bodies = (1...4).flatMap { round in ["a", "b", "c"].map { "\($0):\(round)" } }
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(2), capacity: 12, consumerPrefetch: 4, settings: settings, topology: topology
        ) { consumer in
            _ = try await connection.publish(bodies.map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.received == 12 })
            #expect(await eventually(timeout: .seconds(15)) { handler.flushes.count == 1 })
        }
        #expect(handler.flushes.first?.bodies == ["a": "a:4", "b": "b:4", "c": "c:4"])
        #expect(try await connection.get(queues.work) == nil, "every delivery was acknowledged")
        await connection.close()
    }

    @Test("stopped before the window closes: each key's latest message goes back, with what a held one kept unacknowledged")
    func stopBeforeFlush() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler()
        let bodies = ["a:1", "b:1", "a:2", "c:1", "c:2", "c:3"]
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(60), settings: settings, topology: topology) { consumer in
            _ = try await connection.publish(bodies.map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.received == 6 })
            #expect(consumer.progress.pendingKeys == 3 && consumer.progress.superseded == 3)
        }
        #expect(handler.flushes.isEmpty)
        var back: [String] = []
        try await Task.sleep(for: .milliseconds(300))
        while let delivery = try await connection.get(queues.work) {
            back.append(String(decoding: delivery.body, as: UTF8.self))
            try await connection.ack(delivery.tag)
        }
        // a:1 was superseded while the oldest: acknowledged; c:1 and c:2 sit behind b:1, still held
        #expect(back.sorted() == ["a:2", "b:1", "c:1", "c:2", "c:3"])
        await connection.close()
    }

    @Test("a steady stream is flushed once per window, never more often")
    func windowCadence() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler()
        let window = Duration.seconds(1)
        var first: ContinuousClock.Instant?
        var last: ContinuousClock.Instant?
        try await withBatchConsumer(queues: queues, handler: handler, window: window, settings: settings, topology: topology) { _ in
            for index in 0..<45 {
                _ = try await connection.publish([message("k\(index % 5):\(index)", to: queues.work)])
                first = first ?? .now
                try await Task.sleep(for: .milliseconds(100))
            }
            last = .now
            #expect(await eventually(timeout: .seconds(10)) { handler.flushes.last?.bodies.values.contains("k4:44") == true })
        }
        let flushes = handler.flushes
        let start = try #require(first), end = try #require(last)
        #expect(flushes[0].at - start >= window)
        for (earlier, later) in zip(flushes, flushes.dropFirst()) {
            #expect(later.at - earlier.at >= window, "two flushes \(later.at - earlier.at) apart")
        }
        let span = Double((end - start) / .milliseconds(1)) / 1000
        #expect(flushes.count >= 3 && Double(flushes.count) <= span + 2, "\(flushes.count) flushes over \(span) s")
        #expect(flushes.allSatisfy { $0.bodies.count <= 5 })
        await connection.close()
    }

    @Test("per-key outcomes: a business failure is parked, a transient one comes back through a delay tier")
    func perKeyOutcomes() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler { _, index in
            index == 0 ? ["a": .business("EAN is required"), "b": .transient("HTTP 503 from VTEX")] : [:]
        }
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(1), settings: settings, topology: topology) { _ in
            _ = try await connection.publish(["a:1", "b:1", "c:1"].map { message($0, to: queues.work) })
            #expect(await eventually(timeout: .seconds(20)) { handler.flushes.count >= 2 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 2)
        #expect(flushes[0].bodies.keys.sorted() == ["a", "b", "c"])
        #expect(flushes[1].bodies == ["b": "b:1"])
        #expect(flushes[1].attempts["b"] == 1)
        let parked = try #require(try await connection.get(queues.parked))
        #expect(String(decoding: parked.body, as: UTF8.self) == "a:1")
        #expect(parked.properties.headers[MessageHistory.parkedReasonHeader] == "EAN is required")
        #expect(try await connection.get(queues.parked) == nil)
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("a thrown transient failure keeps the batch; it is flushed again after Retry-After, newer messages included")
    func thrownTransientKeepsBatch() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler { _, index throws(WorkFailure) in
            if index == 0 { throw .transient("HTTP 429 from Mirakl", retryAfter: .seconds(3)) }
            return [:]
        }
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(1), settings: settings, topology: topology) { _ in
            _ = try await connection.publish(["a:1", "b:1"].map { message($0, to: queues.work) })
            #expect(await eventually(timeout: .seconds(10)) { handler.flushes.count == 1 })
            _ = try await connection.publish([message("a:2", to: queues.work)])
            #expect(await eventually(timeout: .seconds(15)) { handler.flushes.count == 2 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 2)
        #expect(flushes[1].bodies == ["a": "a:2", "b": "b:1"])
        #expect(flushes[1].attempts["b"] == 0, "the same delivery was kept, not a retried copy")
        #expect(flushes[1].at - flushes[0].at >= .seconds(3), "retried \(flushes[1].at - flushes[0].at) later")
        #expect(try await connection.get(queues.work) == nil)
        #expect(try await connection.get(queues.parked) == nil)
        await connection.close()
    }

    @Test("a window kept by failures until the maximum hold goes to the delay tiers and is acknowledged, nothing lost")
    func heldTooLong() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler { batch, _ throws(WorkFailure) in
            if batch.values.contains(where: { $0.history.attempt == 0 }) { throw .transient("HTTP 503 from Mirakl") }
            return [:]
        }
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(1), maximumHold: .seconds(2), settings: settings, topology: topology
        ) { _ in
            _ = try await connection.publish(["a:1", "a:2", "b:1"].map { message($0, to: queues.work) })
            #expect(await eventually(timeout: .seconds(20)) { handler.flushes.last?.attempts == ["a": 1, "b": 1] })
        }
        let flushes = handler.flushes
        #expect(flushes.first?.attempts == ["a": 0, "b": 0])
        #expect(flushes.last?.bodies == ["a": "a:2", "b": "b:1"])
        #expect(try await connection.get(queues.work) == nil, "the held window was acknowledged")
        #expect(try await connection.get(queues.parked) == nil)
        await connection.close()
    }

    @Test("an auth failure pauses the flow for the auth pause, keeping the batch")
    func authPause() async throws {
        let (connection, queues, topology, settings) = try await setUp(["CARREFOUR_AUTH_PAUSE": "3s"])
        let handler = ScriptedBatchHandler { _, index throws(WorkFailure) in
            if index == 0 { throw .auth("HTTP 401 from Mirakl") }
            return [:]
        }
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(1), settings: settings, topology: topology) { _ in
            _ = try await connection.publish(["a:1", "b:1"].map { message($0, to: queues.work) })
            #expect(await eventually(timeout: .seconds(20)) { handler.flushes.count == 2 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 2)
        #expect(flushes[1].bodies == ["a": "a:1", "b": "b:1"])
        #expect(flushes[1].at - flushes[0].at >= .seconds(3), "probed again \(flushes[1].at - flushes[0].at) later")
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("the connection lost mid-window (as when the worker is killed): the broker redelivers the batch, which is flushed")
    func connectionLostMidWindow() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let broker = try TestBroker.shared()
        let handler = ScriptedBatchHandler()
        // A window long enough for the management API to list the connection before it closes.
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(8), settings: settings, topology: topology) { consumer in
            _ = try await connection.publish(["a:1", "a:2", "b:1", "c:1"].map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.pendingKeys == 3 })
            #expect(try await Management(broker.managementURL).closeConnection(named: "batch consumer \(queues.work)"))
            #expect(handler.flushes.isEmpty, "closed mid-window")
            #expect(await eventually(timeout: .seconds(25)) { handler.flushes.count == 1 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 1)
        #expect(flushes[0].bodies == ["a": "a:2", "b": "b:1", "c": "c:1"])
        #expect(flushes[0].redelivered.values.allSatisfy { $0 }, "\(flushes[0].redelivered)")
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("the connection lost during a flush: its acknowledgements are void, the batch comes back a window later")
    func connectionLostDuringFlush() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let broker = try TestBroker.shared()
        let closed = Atomic<Bool>(false)
        let handler = ScriptedBatchHandler { _, index in
            if index == 0 {
                for _ in 0..<200 where !closed.load(ordering: .relaxed) { try? await Task.sleep(for: .milliseconds(50)) }
            }
            return [:]
        }
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(2), settings: settings, topology: topology) { _ in
            _ = try await connection.publish(["a:1", "b:1"].map { message($0, to: queues.work) })
            #expect(await eventually { handler.flushes.count == 1 })
            #expect(try await Management(broker.managementURL).closeConnection(named: "batch consumer \(queues.work)"))
            closed.store(true, ordering: .relaxed)
            #expect(await eventually(timeout: .seconds(20)) { handler.flushes.count == 2 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 2)
        #expect(flushes[1].bodies == ["a": "a:1", "b": "b:1"])
        #expect(flushes[1].redelivered.values.allSatisfy { $0 })
        #expect(flushes[1].at - flushes[0].at >= .seconds(2), "flushed again \(flushes[1].at - flushes[0].at) later")
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("unknown types and messages without a key are parked at once; the rest is flushed")
    func badInputIsParked() async throws {
        let (connection, queues, topology, settings) = try await setUp()
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(queues: queues, handler: handler, window: .seconds(1), settings: settings, topology: topology) { _ in
            _ = try await connection.publish([
                message("a:1", to: queues.work, type: "no.such.type", id: "bad-type"),
                message("no key here", to: queues.work, id: "no-key"),
                message("b:1", to: queues.work, id: "good"),
            ])
            #expect(await eventually(timeout: .seconds(10)) { handler.flushes.count == 1 })
            #expect(try await eventually { try await connection.queueState(queues.parked)?.readyMessages == 2 })
        }
        #expect(handler.flushes.first?.bodies == ["b": "b:1"])
        var reasons: [String: String] = [:]
        while let parked = try await connection.get(queues.parked) {
            reasons[parked.properties.messageID ?? "?"] = parked.properties.headers[MessageHistory.parkedReasonHeader]?.stringValue
            try await connection.ack(parked.tag)
        }
        #expect(reasons == ["bad-type": "unknown message type no.such.type", "no-key": "no key in no key here"])
        await connection.close()
    }

    private func setUp(_ extra: [String: String] = [:]) async throws -> (AMQPConnection, TestQueues, Topology, RuntimeSettings) {
        let broker = try TestBroker.shared()
        let topology = try testTopology()
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        let queues = try await TestQueues.make(on: connection, topology: topology)
        return (connection, queues, topology, try testSettings(url: broker.amqpURL, extra))
    }
}
