import AMQPLayer
import Connector
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import IntegrationRules
import OfferFlow
import Synchronization
import Testing
import WorkerRuntime

/// The offer tests' view of a ``TestVhost``: the fleet's topology declared, plus two queues of the
/// test's own: one bound to `log.#` (a copy of the integration log, read with basic.get) and one
/// bound to `sku.awaiting-catalog` (the catalog flow's binding, which the offer flow does not own).
final class OfferVhost: Sendable {
    let vhost: TestVhost
    private let connection: AMQPConnection
    private let topology: Topology
    private let seenLog = Mutex<[IntegrationEvent]>([])
    private let seenAwaiting = Mutex<[SKUAwaitingCatalog]>([])
    static let logCopy = "test.log-copy"
    static let awaitingCopy = "test.awaiting-catalog"

    /// The vhost's AMQP URL.
    var amqpURL: String { vhost.amqpURL }

    private init(vhost: TestVhost, connection: AMQPConnection, topology: Topology) {
        self.vhost = vhost
        self.connection = connection
        self.topology = topology
    }

    /// The offer-batcher's queue with `role` (`work`, `imports`...) in the fleet's topology.
    func offerQueue(_ role: String) throws -> String {
        try #require(topology.fleet.workers[OfferFlow.workerName]?.queue(role), "topology.json has no \(role) queue for the offer-batcher")
    }

    static func create() async throws -> OfferVhost {
        let vhost = try await TestVhost.create("offers")
        do {
            let topology = try Topology.load(path: TestVhost.topologyPath)
            let connection = try await vhost.connect()
            try await connection.declare(topology)
            let events = topology.fleet.exchanges.events
            try await connection.declareQueue(logCopy)
            try await connection.bindQueue(logCopy, exchange: events, routingKey: "log.#")
            try await connection.declareQueue(awaitingCopy)
            try await connection.bindQueue(awaitingCopy, exchange: events, routingKey: OfferMessages.awaitingCatalog)
            return OfferVhost(vhost: vhost, connection: connection, topology: topology)
        } catch {
            await vhost.delete()
            throw error
        }
    }

    /// Publishes one change message per SKU, as the ingress and the catalog flow do.
    func publish(_ type: String, skus: [String]) async throws {
        let messages = skus.map { sku in
            AMQPOutgoingMessage(
                exchange: topology.fleet.exchanges.events, routingKey: type,
                properties: AMQPProperties(contentType: "application/json", messageID: UUID().uuidString, type: type),
                body: Array(#"{"skuId":"\#(sku)"}"#.utf8))
        }
        let outcomes = try await connection.publish(messages)
        guard outcomes.allSatisfy(\.isConfirmed) else { throw TestVhost.Failure("not confirmed: \(outcomes)") }
    }

    /// Publishes an `offer.refresh` as the catalog does while a SKU waits for cataloguing.
    func publishRefresh(_ refresh: OfferRefresh) async throws {
        let outcomes = try await connection.publish([try refresh.message(exchange: topology.fleet.exchanges.events, id: UUID().uuidString)])
        guard outcomes.allSatisfy(\.isConfirmed) else { throw TestVhost.Failure("not confirmed: \(outcomes)") }
    }

    /// Every integration-log entry written so far.
    func logEntries() async throws -> [IntegrationEvent] {
        while let delivery = try await connection.get(Self.logCopy) {
            let event = try IntegrationLog.decode(delivery.body)
            seenLog.withLock { $0.append(event) }
            try await connection.ack(delivery.tag)
        }
        return seenLog.withLock { $0 }
    }

    /// Every `sku.awaiting-catalog` published so far.
    func awaitingCatalog() async throws -> [SKUAwaitingCatalog] {
        while let delivery = try await connection.get(Self.awaitingCopy) {
            let body = try SKUAwaitingCatalog.decode(body: delivery.body)
            seenAwaiting.withLock { $0.append(body) }
            try await connection.ack(delivery.tag)
        }
        return seenAwaiting.withLock { $0 }
    }

    /// Ready messages of a queue.
    func ready(_ queue: String) async throws -> UInt32 {
        try await connection.queueState(queue)?.readyMessages ?? 0
    }

    func delete() async {
        await connection.close()
        await vhost.delete()
    }
}

/// The `offer-batcher` executable against a sandbox and a scratch vhost.
enum OfferBatcherProcess {
    static func start(sandbox: SandboxProcess, broker: OfferVhost, window: String = "2s", extra: [String: String] = [:]) throws -> RunningProcess {
        var environment = sandbox.connectorEnvironment
        environment.merge([
            "CARREFOUR_AMQP_URL": broker.amqpURL, "CARREFOUR_TOPOLOGY": TestVhost.topologyPath,
            "CARREFOUR_TIME_SCALE": "\(Int(sandbox.timeScale))", "CARREFOUR_OFFER_WINDOW": window,
            "CARREFOUR_IMPORT_REPORT_DELAY": "3s",
            "CARREFOUR_RETRY_DELAYS": "1s", "CARREFOUR_RECONNECT_MAX_DELAY": "1s", "CARREFOUR_LOG_LEVEL": "info",
        ]) { $1 }
        environment.merge(extra) { $1 }
        return try RunningProcess.product("offer-batcher", environment: environment)
    }
}
