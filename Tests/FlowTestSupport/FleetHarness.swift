public import AMQPLayer
import Connector
public import ConnectorTestSupport
public import FleetContracts
import Foundation
public import IntegrationRules
import WorkerRuntime

/// A fleet under test: a scratch vhost, a sandbox on a compressed clock (60: one real second is a
/// sandbox minute), optionally the `ingress` (the sandbox's VTEX then notifies it), and workers
/// started as subprocesses with the connector settings pointing at the sandbox and
/// `CARREFOUR_TIME_SCALE` 60. The catalog's intervals are its defaults in sandbox time: P41 window
/// 15 sandbox minutes (the spec's maximum), report delay 3, P42/P51 once a sandbox minute, the
/// cataloguing check 10.
public final class FleetHarness: Sendable {
    /// The sandbox's `--time-scale` and the workers' `CARREFOUR_TIME_SCALE`.
    public static let scale = 60.0
    public let vhost: TestVhost
    public let sandbox: SandboxProcess
    /// The ingress's base URL, when started.
    public let ingressURL: String?
    private let ingress: RunningProcess?

    /// The settings every worker gets (real seconds = sandbox minutes, a little over each of
    /// Mirakl's limits); the catalog's intervals are among them.
    public static let workerSettings: [String: String] = [
        "CARREFOUR_PRODUCT_IMPORT_INTERVAL": "15.5s", "CARREFOUR_IMPORT_REPORT_DELAY": "3s",
        "CARREFOUR_IMPORT_POLL_INTERVAL": "1.2s", "CARREFOUR_IMPORT_HISTORY_REFRESH": "5s",
        "CARREFOUR_CATALOG_CHECK_INTERVAL": "10s", "CARREFOUR_CATALOG_MAX_AGE": "1h",
        "CARREFOUR_RETRY_DELAYS": "300ms,1s,2s", "CARREFOUR_LOG_LEVEL": "info",
        "CARREFOUR_RECONNECT_MAX_DELAY": "1s", "CARREFOUR_CATALOG_SYNC_PAGE_SIZE": "50", "CARREFOUR_TIME_SCALE": "60",
        // The tests start the initial load themselves (`sync()`), except the one about the first start.
        "CARREFOUR_CATALOG_INITIAL_LOAD": "false",
    ]

    private init(vhost: TestVhost, sandbox: SandboxProcess, ingress: RunningProcess?, ingressURL: String?) {
        self.vhost = vhost
        self.sandbox = sandbox
        self.ingress = ingress
        self.ingressURL = ingressURL
    }

    /// Starts the vhost, the ingress when asked (the sandbox then notifies it) and the sandbox
    /// with `products` products; the sandbox's P41 stages take 1+1+2 real seconds, cataloguing 10.
    public static func start(products: Int, withIngress: Bool, sandboxArguments: [String] = []) async throws -> FleetHarness {
        let vhost = try await TestVhost.create("catalog")
        var ingress: RunningProcess?
        var ingressURL: String?
        if withIngress {
            let process = try RunningProcess.product("ingress", environment: [
                "CARREFOUR_AMQP_URL": vhost.amqpURL, "CARREFOUR_TOPOLOGY": TestVhost.topologyPath,
                "CARREFOUR_INGRESS_PORT": "0", "CARREFOUR_LOG_LEVEL": "info",
            ])
            guard let line = await process.waitForLine(containing: "ingress listening", timeout: .seconds(30)),
                  let port = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["port"] as? String
            else { throw TestVhost.Failure("ingress did not start: \(process.standardError.suffix(1000))") }
            ingress = process
            ingressURL = "http://127.0.0.1:\(port)"
        }
        var arguments = [
            "--vtex-products", String(products), "--product-import-waiting", "60", "--product-import-running", "60",
            "--product-import-sent", "120", "--cataloguing-delay", "600",
        ] + sandboxArguments
        if let ingressURL { arguments += ["--vtex-notification-url", ingressURL + "/api/notification"] }
        let sandbox = try await SandboxProcess.start(timeScale: scale, arguments)
        return FleetHarness(vhost: vhost, sandbox: sandbox, ingress: ingress, ingressURL: ingressURL)
    }

    /// Starts a worker (`catalog`, `offer-batcher`…) with ``workerSettings`` plus `extra` and
    /// waits until it consumes (its topology is declared).
    public func startWorker(_ product: String = "catalog", _ extra: [String: String] = [:]) async throws -> RunningProcess {
        var environment = sandbox.connectorEnvironment
        environment["CARREFOUR_AMQP_URL"] = vhost.amqpURL
        environment["CARREFOUR_TOPOLOGY"] = TestVhost.topologyPath
        environment.merge(Self.workerSettings) { $1 }
        environment.merge(extra) { $1 }
        let worker = try RunningProcess.product(product, environment: environment)
        guard await worker.waitForLine(containing: "consuming", timeout: .seconds(30)) != nil else {
            await worker.crash()
            throw TestVhost.Failure("\(product) did not start: \(worker.standardError.suffix(1000))")
        }
        return worker
    }

    /// Runs `carrefourctl catalog sync` against the vhost; returns the request id.
    public func sync() async throws -> String {
        let result = try await Subprocess.run(
            Subprocess.builtProduct("carrefourctl"), ["catalog", "sync"],
            environment: ["CARREFOUR_AMQP_URL": vhost.amqpURL, "CARREFOUR_TOPOLOGY": TestVhost.topologyPath])
        guard result.status == 0 else { throw TestVhost.Failure("catalog sync: \(result.standardError)") }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Publishes a fleet message to the events exchange, confirmed.
    public func publish(_ message: some FleetMessage, id: String) async throws {
        let connection = try await vhost.connect()
        let outcomes = try await connection.publish([message.message(exchange: "carrefour.events", id: id)])
        await connection.close()
        guard outcomes.first?.isConfirmed == true else { throw TestVhost.Failure("not confirmed: \(outcomes)") }
    }

    /// Every integration-log entry so far.
    public func log() async throws -> [IntegrationEvent] {
        let connection = try await vhost.connect()
        let events = try await IntegrationLogReader(queue: "integration.log").readAll(connection, from: .first)
        await connection.close()
        return events
    }

    /// Each SKU's latest catalog entry.
    public func latestProductEvents() async throws -> [String: IntegrationEvent] {
        var latest: [String: IntegrationEvent] = [:]
        for event in try await log() where event.entity == .product { latest[event.entityId] = event }
        return latest
    }

    /// Takes every message waiting in `queue` (acknowledged: they leave the queue).
    public func drain(_ queue: String) async throws -> [AMQPDelivery] {
        let connection = try await vhost.connect()
        var taken: [AMQPDelivery] = []
        while let delivery = try await connection.get(queue) {
            try await connection.ack(delivery.tag)
            taken.append(delivery)
        }
        await connection.close()
        return taken
    }

    /// The SKU ids of the sandbox's seeded catalog, by trait.
    public func skus() async throws -> [(id: String, trait: String)] {
        let catalog = try await sandbox.adminObject(.vtex, "/catalog")
        let items = catalog["skus"] as? [[String: Any]] ?? []
        return items.compactMap { item in
            guard let sku = item["sku"] as? [String: Any], let id = sku["id"] as? Int else { return nil }
            return (String(id), (sku["traits"] as? [String])?.first ?? "valid")
        }
    }

    /// The fake Mirakl's product imports: id, status, and the SKUs each held.
    public func productImports() async throws -> [(id: Int, status: String, skus: Set<String>)] {
        let state = try await sandbox.adminObject(.mirakl, "/state")
        return (state["productImports"] as? [[String: Any]] ?? []).map { item in
            let skus = Set((item["accepted"] as? [String] ?? []) + (item["rejected"] as? [String] ?? []))
            return (item["importId"] as? Int ?? -1, item["status"] as? String ?? "", skus)
        }.sorted { $0.id < $1.id }
    }

    /// Stops everything.
    public func stop() async {
        await ingress?.stop()
        await sandbox.stop()
        await vhost.delete()
    }
}
