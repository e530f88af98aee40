import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import WorkerRuntime

/// A handler whose behaviour each test scripts, recording what it saw.
final class ScriptedHandler: MessageHandler {
    struct Seen: Sendable {
        var body: String
        var attempt: Int
        var at: ContinuousClock.Instant
    }

    let acceptedTypes: Set<String> = ["test.message"]
    private let script: @Sendable (InboundMessage, Int) async throws -> Void
    private let seen = Mutex<[Seen]>([])

    init(_ script: @escaping @Sendable (InboundMessage, Int) async throws -> Void = { _, _ in }) {
        self.script = script
    }

    func handle(_ message: InboundMessage) async throws {
        let index = seen.withLock { seen in
            seen.append(Seen(body: String(decoding: message.delivery.body, as: UTF8.self), attempt: message.history.attempt, at: .now))
            return seen.count - 1
        }
        try await script(message, index)
    }

    var calls: [Seen] { seen.withLock { $0 } }
}

/// A work queue of the test's own, bound like a worker queue of topology.json, with its parked queue.
struct TestQueues {
    let work: String
    let parked: String

    static func make(on connection: AMQPConnection, topology: Topology) async throws -> TestQueues {
        let queues = TestQueues(work: uniqueName("work"), parked: uniqueName("parked"))
        try await connection.declare(topology)
        try await connection.declareQueue(queues.parked, arguments: ["x-queue-type": "quorum"])
        try await connection.declareQueue(queues.work, arguments: [
            "x-queue-type": "quorum", "x-delivery-limit": 20, "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": .string(queues.parked), "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        ])
        try await connection.bindQueue(queues.work, exchange: topology.fleet.exchanges.retry, routingKey: queues.work)
        return queues
    }
}

func testTopology() throws -> Topology {
    try Topology.load(path: TestBroker.repositoryRoot.appendingPathComponent("topology.json").path)
}

func testSettings(url: String, _ extra: [String: String] = [:]) throws -> RuntimeSettings {
    var env = ["CARREFOUR_AMQP_URL": url, "CARREFOUR_RETRY_DELAYS": "1s", "CARREFOUR_RECONNECT_MAX_DELAY": "1s"]
    env.merge(extra) { $1 }
    return try RuntimeSettings(from: SettingsSource(environment: env))
}

func message(_ body: String, to queue: String, type: String? = "test.message", id: String? = nil) -> AMQPOutgoingMessage {
    AMQPOutgoingMessage(routingKey: queue, properties: AMQPProperties(contentType: "application/json", messageID: id, type: type), body: Array(body.utf8))
}

/// Runs a consumer in a service group until `body` returns, then shuts it down gracefully.
func withConsumer(
    queues: TestQueues, handler: ScriptedHandler, settings: RuntimeSettings, topology: Topology,
    _ body: () async throws -> Void
) async throws {
    let logger = Logger(label: "test")
    let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: settings.amqpURL), logger: logger)
    let consumer = try QueueConsumer(
        queue: queues.work, parkedQueue: queues.parked, handler: handler, settings: settings,
        topology: topology, publisher: publisher, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [.init(service: consumer)], logger: logger))
    try await withThrowingTaskGroup { tasks in
        tasks.addTask { try await group.run() }
        do {
            try await body()
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
    await publisher.close()
}

/// A connection to the shared test broker, fresh work/parked queues and a quorum journal queue
/// beside them (`<work>.window`), the test topology and settings: what the journal tests share.
func journalSetUp() async throws -> (AMQPConnection, TestQueues, String, Topology, RuntimeSettings) {
    let broker = try TestBroker.shared()
    let topology = try testTopology()
    let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
    let queues = try await TestQueues.make(on: connection, topology: topology)
    let journal = queues.work + ".window"
    try await connection.declareQueue(journal, arguments: ["x-queue-type": "quorum"])
    return (connection, queues, journal, topology, try testSettings(url: broker.amqpURL))
}
