import AMQPLayer
import ConnectorTestSupport
import Foundation
import HTTPLayer
import IntegrationRules
import OfferFlow
import Synchronization
import WorkerRuntime

/// A vhost of one test on the shared test broker with the fleet's topology, plus two queues of
/// the test's own: one bound to `log.#` (a copy of the integration log, read with basic.get) and
/// one bound to `sku.awaiting-catalog` (the catalog flow's binding, which this branch does not own).
final class ScratchBroker: Sendable {
    let vhost: String
    let amqpURL: String
    private let managementURL: String
    private let connection: AMQPConnection
    private let topology: Topology
    private let seenLog = Mutex<[IntegrationEvent]>([])
    private let seenAwaiting = Mutex<[SKUAwaitingCatalog]>([])
    static let logCopy = "test.log-copy"
    static let awaitingCopy = "test.awaiting-catalog"

    private init(vhost: String, amqpURL: String, managementURL: String, connection: AMQPConnection, topology: Topology) {
        self.vhost = vhost
        self.amqpURL = amqpURL
        self.managementURL = managementURL
        self.connection = connection
        self.topology = topology
    }

    static func create() async throws -> ScratchBroker {
        let broker = try TestBroker.shared()
        let vhost = uniqueName("offers")
        guard var components = URLComponents(string: broker.amqpURL) else { throw TestFailure("bad AMQP URL") }
        components.percentEncodedPath = "/" + encode(vhost)
        guard let url = components.string else { throw TestFailure("bad AMQP URL") }
        try await management(broker.managementURL, .put, "vhosts/\(encode(vhost))", json: "{}")
        try await management(broker.managementURL, .put, "permissions/\(encode(vhost))/guest", json: #"{"configure":".*","write":".*","read":".*"}"#)
        let topology = try Topology.load(path: TestBroker.repositoryRoot.appendingPathComponent("topology.json").path)
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: url, connectionName: "offer tests"))
        try await connection.declare(topology)
        let events = topology.connector.exchanges.events
        try await connection.declareQueue(logCopy)
        try await connection.bindQueue(logCopy, exchange: events, routingKey: "log.#")
        try await connection.declareQueue(awaitingCopy)
        try await connection.bindQueue(awaitingCopy, exchange: events, routingKey: OfferMessages.awaitingCatalog)
        return ScratchBroker(vhost: vhost, amqpURL: url, managementURL: broker.managementURL, connection: connection, topology: topology)
    }

    /// Publishes one change message per SKU, as the ingress and the catalog flow do.
    func publish(_ type: String, skus: [String]) async throws {
        let messages = skus.map { sku in
            AMQPOutgoingMessage(
                exchange: topology.connector.exchanges.events, routingKey: type,
                properties: AMQPProperties(contentType: "application/json", messageID: UUID().uuidString, type: type),
                body: Array(#"{"skuId":"\#(sku)"}"#.utf8))
        }
        let outcomes = try await connection.publish(messages)
        guard outcomes.allSatisfy(\.isConfirmed) else { throw TestFailure("not confirmed: \(outcomes)") }
    }

    /// Publishes an `offer.refresh` as the catalog does while a SKU waits for cataloguing.
    func publishRefresh(_ refresh: OfferRefresh) async throws {
        let outcomes = try await connection.publish([try refresh.message(exchange: topology.connector.exchanges.events, id: UUID().uuidString)])
        guard outcomes.allSatisfy(\.isConfirmed) else { throw TestFailure("not confirmed: \(outcomes)") }
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
        _ = try? await Self.management(managementURL, .delete, "vhosts/\(Self.encode(vhost))")
    }

    @discardableResult
    private static func management(_ base: String, _ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> HTTPResponse {
        guard var components = URLComponents(string: base) else { throw TestFailure("bad management URL") }
        let credentials = "\(components.user ?? "guest"):\(components.password ?? "guest")"
        components.user = nil
        components.password = nil
        let response = try await SandboxProcess.send(HTTPRequest(
            method: method, url: (components.string ?? "") + "/api/" + path,
            headers: ["Authorization": "Basic " + Data(credentials.utf8).base64EncodedString()],
            body: json.map { HTTPBody.text($0, contentType: "application/json") }))
        guard response.isSuccess else { throw TestFailure("\(method) \(path): \(response.status) \(response.text)") }
        return response
    }

    private static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? segment
    }
}

/// The `offer-batcher` executable against a sandbox and a scratch vhost.
enum OfferBatcherProcess {
    static func start(sandbox: SandboxProcess, broker: ScratchBroker, window: String = "2s", extra: [String: String] = [:]) throws -> RunningProcess {
        var environment = [
            "CARREFOUR_AMQP_URL": broker.amqpURL,
            "CARREFOUR_TOPOLOGY": TestBroker.repositoryRoot.appendingPathComponent("topology.json").path,
            "CARREFOUR_MIRAKL_URL": sandbox.miraklURL, "CARREFOUR_MIRAKL_API_KEY": SandboxProcess.shopKey,
            "CARREFOUR_VTEX_URL": sandbox.vtexURL, "CARREFOUR_VTEX_APP_KEY": SandboxProcess.appKey,
            "CARREFOUR_VTEX_APP_TOKEN": SandboxProcess.appToken, "CARREFOUR_SLA_NORMAL": "Normal",
            "CARREFOUR_TIME_SCALE": "\(Int(sandbox.timeScale))", "CARREFOUR_OFFER_WINDOW": window,
            "CARREFOUR_IMPORT_REPORT_DELAY": "3s",
            "CARREFOUR_RETRY_DELAYS": "1s", "CARREFOUR_RECONNECT_MAX_DELAY": "1s", "CARREFOUR_LOG_LEVEL": "info",
        ]
        environment.merge(extra) { $1 }
        return try RunningProcess.product("offer-batcher", environment: environment)
    }
}
