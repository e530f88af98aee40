import Connector
import FleetContracts
import Synchronization
import AMQPLayer
import ConnectorTestSupport
import FlowTestSupport
import Foundation
import HTTPLayer
import IntegrationRules
import WorkerRuntime

/// One end-to-end world for an order test: a scratch vhost on the test broker, the `sandbox`
/// (Mirakl + VTEX, compressed clock), and the `ingress` (VTEX's processing results come back through
/// it), `order-importer` and `invoice-tracker` executables as subprocesses.
final class OrdersHarness: Sendable {
    /// Sandbox seconds per real second, shared by the sandbox and the fleet (CARREFOUR_TIME_SCALE).
    static let timeScale = 600.0
    /// The sandbox's shop key (Mirakl `Authorization`).
    static let shopKey = SandboxProcess.shopKey
    /// One HTTP client for every call the tests make.
    static let http = HTTPClient()

    let vhost: TestVhost
    let sandbox: SandboxProcess
    let ingress: RunningProcess
    let environment: [String: String]
    let started = ContinuousClock.now
    private let workers = LockedList<RunningProcess>()

    var miraklURL: String { sandbox.miraklURL }
    var vtexURL: String { sandbox.vtexURL }

    private init(vhost: TestVhost, sandbox: SandboxProcess, ingress: RunningProcess, environment: [String: String]) {
        self.vhost = vhost
        self.sandbox = sandbox
        self.ingress = ingress
        self.environment = environment
    }

    /// Starts the world; `settings` add to or override the workers' environment.
    static func start(settings: [String: String] = [:], sandboxArguments: [String] = []) async throws -> OrdersHarness {
        let vhost = try await TestVhost.create("orders")
        let sandbox = try await SandboxProcess.start(
            timeScale: timeScale,
            ["--staging-delay", "0", "--payment-delay", "120", "--vtex-processing-delay-ms", "0", "--seed", "7"] + sandboxArguments)
        let connection = try await vhost.connect()
        try await connection.declare(try Topology.load(path: TestVhost.topologyPath))
        await connection.close()
        var environment = sandbox.connectorEnvironment.merging([
            "CARREFOUR_AMQP_URL": vhost.amqpURL, "CARREFOUR_TOPOLOGY": TestVhost.topologyPath,
            "CARREFOUR_LOG_LEVEL": "warning", "CARREFOUR_SLA_EXPRESS": "Expressa", "CARREFOUR_SLA_ECONOMICAL": "Economica",
            "CARREFOUR_TIME_SCALE": String(timeScale),
            "CARREFOUR_ORDER_POLL_INTERVAL": "300ms", "CARREFOUR_INVOICE_POLL_INTERVAL": "300ms",
            "CARREFOUR_RETRY_DELAYS": "300ms,1s", "CARREFOUR_RECONNECT_MAX_DELAY": "1s",
        ]) { $1 }
        let ingress = try RunningProcess.product(
            "ingress", environment: environment.merging(["CARREFOUR_INGRESS_PORT": "0", "CARREFOUR_LOG_LEVEL": "info"]) { $1 })
        environment["CARREFOUR_INGRESS_PUBLIC_URL"] = "http://127.0.0.1:\(try await Self.port(of: ingress))"
        environment.merge(settings) { $1 }
        return OrdersHarness(vhost: vhost, sandbox: sandbox, ingress: ingress, environment: environment)
    }

    /// The port the ingress logged (`ingress listening`, port 0 asked for a free one).
    static func port(of ingress: RunningProcess) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            for line in ingress.standardError.split(separator: "\n") where line.contains("ingress listening") {
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                   let port = (object["port"] as? String).flatMap(Int.init) ?? object["port"] as? Int {
                    return port
                }
            }
            guard ingress.isRunning else { throw HarnessFailure("the ingress ended: \(ingress.standardError.suffix(2000))") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessFailure("the ingress did not log its port")
    }

    /// Starts a worker executable (`order-importer`, `invoice-tracker`) with the world's settings.
    @discardableResult
    func startWorker(_ product: String, settings: [String: String] = [:]) throws -> RunningProcess {
        let process = try RunningProcess.product(product, environment: environment.merging(settings) { $1 })
        workers.append(process)
        return process
    }

    /// The workers' standard error (their JSON logs), the sandbox's and the Mirakl calls, for a
    /// failing test's message.
    func diagnostics() async -> String {
        var text = ""
        for (index, worker) in workers.all.enumerated() {
            text += "--- worker \(index) (pid \(worker.pid)) stderr:\n\(worker.standardError.suffix(4000))\n"
        }
        text += "--- ingress stderr:\n\(ingress.standardError.suffix(2000))\n"
        text += "--- sandbox stderr:\n\(sandbox.process.standardError.suffix(2000))\n"
        text += "--- Mirakl calls: \((try? await miraklCalls()) ?? [:])\n"
        return text
    }

    /// Stops every process and removes the vhost.
    func stop() async {
        for worker in workers.all { await worker.stop(grace: .seconds(5)) }
        await ingress.stop(grace: .seconds(5))
        await sandbox.stop()
        await vhost.delete()
    }

    /// Sandbox minutes elapsed since the world started.
    var sandboxMinutes: Double {
        let elapsed = ContinuousClock.now - started
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * Self.timeScale / 60
    }

    // MARK: Mirakl side

    /// Creates a Carrefour order in WAITING_ACCEPTANCE; returns its id.
    func createOrder(_ lines: [(sku: String, quantity: Int, price: Double, shipping: Double)], type: String = "NORMAL") async throws -> String {
        let body: [String: Any] = [
            "lines": lines.map { ["sku": $0.sku, "quantity": $0.quantity, "price": $0.price, "shippingPrice": $0.shipping] },
            "shippingType": type,
        ]
        let object = try await json(.post, miraklURL + "/_admin/orders", body: body, expect: 201)
        guard let id = object["orderId"] as? String else { throw HarnessFailure("no orderId in \(object)") }
        return id
    }

    /// The Carrefour order as OR11 shows it (read by id: the synchronous use, never limited).
    func miraklOrder(_ id: String) async throws -> [String: Any]? {
        let object = try await json(.get, miraklURL + "/api/orders?order_ids=\(id)", headers: ["Authorization": SandboxProcess.shopKey])
        return (object["orders"] as? [[String: Any]])?.first
    }

    /// The Carrefour order's state.
    func miraklState(_ id: String) async throws -> String? {
        try await miraklOrder(id)?["order_state"] as? String
    }

    /// Moves a Carrefour order as the operator or customer would (`cancel`, `confirm_payment`…).
    func miraklAction(_ id: String, _ action: String) async throws {
        _ = try await json(.post, miraklURL + "/_admin/orders/\(id)/state", body: ["action": action])
    }

    /// The sandbox's Mirakl call counts.
    func miraklCalls() async throws -> [String: Int] {
        (try await json(.get, miraklURL + "/_admin/calls"))["calls"] as? [String: Int] ?? [:]
    }

    /// OR11 calls of the polling use (every OR11 call but the reads by id).
    func pollCalls() async throws -> Int {
        let calls = try await miraklCalls()
        return (calls["OR11"] ?? 0) - (calls["OR11-sync"] ?? 0)
    }

    // MARK: VTEX side

    /// Every VTEX order, as OMS shows them.
    func vtexOrders() async throws -> [[String: Any]] {
        let response = try await Self.http.execute(HTTPRequest(method: .get, url: vtexURL + "/_admin/orders"))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]] ?? []
    }

    /// One VTEX order, or nil.
    func vtexOrder(_ id: String) async throws -> [String: Any]? {
        let response = try await Self.http.execute(HTTPRequest(method: .get, url: vtexURL + "/_admin/orders/\(id)"))
        guard response.status == 200 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    }

    /// Invoices a VTEX order with the given invoice fields (any of the six may be left out).
    func invoice(_ vtexId: String, _ fields: [String: String]) async throws {
        _ = try await json(.post, vtexURL + "/_admin/orders/\(vtexId)/invoice", body: fields)
    }

    /// Marks a VTEX order delivered (courier status finished).
    func delivered(_ vtexId: String) async throws {
        _ = try await json(.post, vtexURL + "/_admin/orders/\(vtexId)/delivered", body: [:])
    }

    /// Cancels a VTEX order as the seller would, in VTEX.
    func cancelInVTEX(_ vtexId: String) async throws {
        _ = try await json(.post, vtexURL + "/_admin/orders/\(vtexId)/cancel", body: [:])
    }

    /// The unit price VTEX's simulation gives a SKU on the affiliate's trade policy, in cents.
    func simulatedPrice(_ sku: String) async throws -> Int {
        let object = try await json(.get, vtexURL + "/_admin/catalog")
        let skus = object["skus"] as? [[String: Any]] ?? []
        let entry = skus.first { (($0["sku"] as? [String: Any])?["id"] as? Int).map(String.init) == sku }
        guard let price = entry?["simulatedPrice"] as? Int else {
            throw HarnessFailure("SKU \(sku) has no simulated price")
        }
        return price
    }

    /// Sets a SKU's warehouse quantity in VTEX.
    func setStock(_ sku: String, _ quantity: Int) async throws {
        _ = try await json(.put, vtexURL + "/_admin/skus/\(sku)/stock", body: ["quantity": quantity])
    }

    /// Whether the invoice-tracker configured its orders feed.
    func feedConfigured() async throws -> Bool {
        let response = try await Self.http.execute(HTTPRequest(
            method: .get, url: vtexURL + "/api/orders/feed/config",
            headers: ["X-VTEX-API-AppKey": SandboxProcess.appKey, "X-VTEX-API-AppToken": SandboxProcess.appToken]))
        return response.status == 200
    }

    // MARK: Broker side

    /// Every integration-log entry so far.
    func logEvents() async throws -> [IntegrationEvent] {
        let connection = try await vhost.connect()
        defer { Task { await connection.close() } }
        return try await IntegrationLogReader(queue: "integration.log").readAll(connection, from: .first)
    }

    /// The log entries of one Carrefour order.
    func events(of orderId: String) async throws -> [IntegrationEvent] {
        try await logEvents().filter { $0.entityId == orderId }
    }

    /// Publishes a message to the events exchange (e.g. the same `order.changed` twice).
    func publish(_ messages: [AMQPOutgoingMessage]) async throws {
        let connection = try await vhost.connect()
        defer { Task { await connection.close() } }
        let outcomes = try await connection.publish(messages)
        guard outcomes.allSatisfy(\.isConfirmed) else { throw HarnessFailure("not confirmed: \(outcomes)") }
    }

    // MARK: HTTP

    @discardableResult
    func json(_ method: HTTPMethod, _ url: String, body: Any? = nil, headers: HTTPHeaders = [:], expect: Int = 200) async throws -> [String: Any] {
        var request = HTTPRequest(method: method, url: url, headers: headers)
        if let body {
            request.body = .bytes(Array(try JSONSerialization.data(withJSONObject: body)), contentType: "application/json")
        }
        let response = try await Self.http.execute(request)
        guard response.status == expect else {
            throw HarnessFailure("\(method.rawValue) \(url): \(response.status) \(response.text)")
        }
        return (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }
}

/// A list shared between tasks.
final class LockedList<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}

/// A failure of the test harness itself.
struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
