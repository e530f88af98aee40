import AMQPLayer
import ConnectorTestSupport
import Foundation
import Glibc
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import WorkerRuntime

@Suite("Worker runtime recovery", .serialized)
struct RecoveryTests {
    @Test("the broker stopped and started during consumption: the worker reconnects and no confirmed message is lost")
    func brokerRestart() async throws {
        let broker = try await TestBroker.start()
        defer { broker.destroy() }
        let topology = try testTopology()
        var connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        let queues = try await TestQueues.make(on: connection, topology: topology)
        let handler = ScriptedHandler { _, _ in try await Task.sleep(for: .milliseconds(2)) }
        var confirmed = Set<String>()
        try await withConsumer(queues: queues, handler: handler, settings: try testSettings(url: broker.amqpURL), topology: topology) {
            let first = (0..<300).map { "m\($0)" }
            let outcomes = try await connection.publish(first.map { message($0, to: queues.work, id: $0) })
            confirmed.formUnion(zip(first, outcomes).filter { $0.1 == .confirmed }.map(\.0))
            #expect(await eventually { handler.calls.count >= 20 })
            await connection.close()
            try await broker.stop()
            try await broker.restart()
            connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
            let second = (300..<400).map { "m\($0)" }
            let more = try await connection.publish(second.map { message($0, to: queues.work, id: $0) })
            confirmed.formUnion(zip(second, more).filter { $0.1 == .confirmed }.map(\.0))
            #expect(await eventually(timeout: .seconds(60)) { Set(handler.calls.map(\.body)).isSuperset(of: confirmed) })
        }
        #expect(confirmed.count == 400)
        let handled = Set(handler.calls.map(\.body))
        #expect(confirmed.subtracting(handled).isEmpty, "lost: \(confirmed.subtracting(handled).sorted().prefix(10))")
        await connection.close()
    }

    @Test("SIGTERM-style graceful stop during a handler: the in-flight message completes and is acknowledged")
    func gracefulStopDuringHandler() async throws {
        let broker = try TestBroker.shared()
        let topology = try testTopology()
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        let queues = try await TestQueues.make(on: connection, topology: topology)
        let started = Atomic<Bool>(false), finished = Atomic<Bool>(false)
        let handler = ScriptedHandler { _, _ in
            started.store(true, ordering: .relaxed)
            try? await Task.sleep(for: .seconds(1))  // the stop arrives in here
            finished.store(true, ordering: .relaxed)
        }
        let settings = try testSettings(url: broker.amqpURL)
        let logger = Logger(label: "test")
        let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: settings.amqpURL), logger: logger)
        let consumer = try QueueConsumer(
            queue: queues.work, parkedQueue: queues.parked, handler: handler, settings: settings,
            topology: topology, publisher: publisher, logger: logger)
        // A real signal through ServiceGroup's signal handling (SIGUSR2 here, so the test runner
        // itself is never asked to stop; the fleet's executables use SIGTERM and SIGINT).
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: consumer)], gracefulShutdownSignals: [.sigusr2], logger: logger))
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            _ = try await connection.publish([message("{}", to: queues.work, id: "in-flight")])
            let handling = await eventually { started.load(ordering: .relaxed) }
            #expect(handling)
            kill(getpid(), SIGUSR2)
            try await tasks.waitForAll()
        }
        let completed = finished.load(ordering: .relaxed)
        #expect(completed, "the handler ran to completion")
        #expect(handler.calls.count == 1)
        // acknowledged: not in the queue any more, neither ready nor coming back
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await connection.get(queues.work) == nil)
        #expect(try await connection.queueState(queues.parked)?.readyMessages == 0)
        await publisher.close()
        await connection.close()
    }
}
