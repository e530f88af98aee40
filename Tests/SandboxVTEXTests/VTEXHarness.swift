import Foundation
import HTTPLayer
import Hummingbird
import Logging
import SandboxSupport
import SandboxVTEX
import Synchronization
import Testing

/// A running VTEX sandbox on a free loopback port plus a webhook receiver, and an HTTPLayer client
/// that talks to both over real HTTP.
struct VTEXHarness: Sendable {
    let baseURL: String
    let receiverURL: String
    let receiver: WebhookReceiver
    let sandbox: VTEXSandbox
    let client: HTTPClient
    let configuration: VTEXSandboxConfiguration
    /// The sandbox's clock (the one every date it writes comes from).
    let clock: SandboxClock

    /// The AppKey/AppToken headers of the configured credentials.
    var auth: HTTPHeaders {
        ["X-VTEX-API-AppKey": configuration.appKey, "X-VTEX-API-AppToken": configuration.appToken,
         "Accept": "application/json"]
    }

    /// Sends a request to the sandbox (with credentials unless `headers` is given).
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil, headers: HTTPHeaders? = nil) async throws -> HTTPLayer.HTTPResponse {
        var body: HTTPBody?
        if let json {
            body = .bytes(Array(try JSONSerialization.data(withJSONObject: json)), contentType: "application/json")
        }
        return try await client.execute(HTTPLayer.HTTPRequest(method: method, url: baseURL + path, headers: headers ?? auth, body: body))
    }

    /// Sends a request and decodes a JSON object answer, expecting `status`.
    func object(_ method: HTTPMethod, _ path: String, json: Any? = nil, status: Int = 200,
                sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let response = try await send(method, path, json: json)
        #expect(response.status == status, "\(method.rawValue) \(path): \(response.text)", sourceLocation: sourceLocation)
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// Sends a request and decodes a JSON array answer.
    func array(_ method: HTTPMethod, _ path: String, json: Any? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) async throws -> [Any] {
        let response = try await send(method, path, json: json)
        #expect(response.status == 200, "\(method.rawValue) \(path): \(response.text)", sourceLocation: sourceLocation)
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [Any] ?? []
    }

    /// The admin catalog's SKUs carrying a seeded trait.
    func skus(withTrait trait: String) async throws -> [[String: Any]] {
        let catalog = try await object(.get, "/_admin/catalog")
        return (catalog["skus"] as? [[String: Any]] ?? []).filter {
            (($0["sku"] as? [String: Any])?["traits"] as? [String])?.contains(trait) ?? false
        }
    }

    /// The id of the first SKU with a trait.
    func skuId(withTrait trait: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let found = try await skus(withTrait: trait).first.flatMap { ($0["sku"] as? [String: Any])?["id"] as? Int }
        return try #require(found, "no SKU with trait \(trait)", sourceLocation: sourceLocation)
    }

    /// Runs `body` against a fresh sandbox and receiver; both stop afterwards.
    static func run(configuration: VTEXSandboxConfiguration = Self.fastConfiguration(),
                    faults: FaultInjector = .init(),
                    _ body: @Sendable (VTEXHarness) async throws -> Void) async throws {
        let quiet = { var logger = Logger(label: "test.vtex"); logger.logLevel = .critical; return logger }()
        let clock = SandboxClock()
        let sandbox = VTEXSandbox(configuration: configuration, clock: clock, faults: faults, logger: quiet)
        let receiver = WebhookReceiver()
        let ports = AsyncStream<(String, Int)>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await sandbox.makeApplication(logger: quiet, onServerRunning: { ports.continuation.yield(("vtex", $0)) }).run()
            }
            group.addTask {
                let app = Application(router: receiver.router(),
                                      configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                      onServerRunning: { ports.continuation.yield(("receiver", $0.localAddress?.port ?? 0)) },
                                      logger: quiet)
                try await app.run()
            }
            var found: [String: Int] = [:]
            for await (name, port) in ports.stream {
                found[name] = port
                if found.count == 2 { break }
            }
            let client = HTTPClient()
            let harness = VTEXHarness(
                baseURL: "http://127.0.0.1:\(found["vtex"] ?? 0)", receiverURL: "http://127.0.0.1:\(found["receiver"] ?? 0)",
                receiver: receiver, sandbox: sandbox, client: client, configuration: configuration,
                clock: clock)
            do {
                try await body(harness)
            } catch {
                await client.shutdown()
                group.cancelAll()
                throw error
            }
            await client.shutdown()
            group.cancelAll()
        }
    }

    /// Defaults with no processing delay worth waiting for.
    static func fastConfiguration() -> VTEXSandboxConfiguration {
        var configuration = VTEXSandboxConfiguration()
        configuration.processingDelay = .milliseconds(1)
        configuration.webhookTimeout = .seconds(2)
        return configuration
    }
}

/// A loopback HTTP server that records every POST it receives (the connector's endpoint stand-in).
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var path: String
        var query: String?
        var body: [UInt8]

        /// The body as a JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
    }

    private let received = Mutex<[Received]>([])

    /// Everything received so far.
    var all: [Received] { received.withLock { $0 } }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let entry = Received(path: request.uri.path, query: request.uri.query, body: Array(buffer.readableBytesView))
            self.received.withLock { $0.append(entry) }
            return Response(status: .ok)
        }
        return router
    }

    /// Waits (up to `timeout`) until `count` received POSTs match `predicate`, and returns them.
    func wait(for count: Int = 1, timeout: Duration = .seconds(5),
              where predicate: @Sendable (Received) -> Bool) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let matching = all.filter(predicate)
            if matching.count >= count || ContinuousClock.now > deadline { return matching }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for the processing result of `code` for a marketplace order.
    func processingResult(_ marketplaceOrderId: String, code: String? = nil) async throws -> [String: Any]? {
        try await wait(where: {
            let json = $0.json
            return $0.path.hasSuffix("/order-integration/notification/processing-result")
                && json["marketplaceOrderId"] as? String == marketplaceOrderId
                && (code == nil || json["code"] as? String == code)
        }).last?.json
    }
}
