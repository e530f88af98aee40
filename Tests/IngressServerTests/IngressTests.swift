import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import HTTPLayer
import Testing
import WorkerRuntime

/// The `ingress` executable against a real broker: 200 only once `sku.changed` is confirmed,
/// 400 with the reason for what is not a notification, 503 when the broker cannot take it.
@Suite("ingress: VTEX SKU notifications")
struct IngressTests {
    /// A running ingress on a scratch vhost.
    struct Running {
        let process: RunningProcess
        let baseURL: String

        static func start(amqpURL: String, topology: String = TestVhost.topologyPath, extra: [String: String] = [:]) async throws -> Running {
            var environment = [
                "CARREFOUR_AMQP_URL": amqpURL, "CARREFOUR_TOPOLOGY": topology,
                "CARREFOUR_INGRESS_PORT": "0", "CARREFOUR_LOG_LEVEL": "info",
                "CARREFOUR_INGRESS_PUBLISH_TIMEOUT": "1s", "CARREFOUR_RECONNECT_MAX_DELAY": "1s",
            ]
            environment.merge(extra) { $1 }
            let process = try RunningProcess.product("ingress", environment: environment)
            guard let line = await process.waitForLine(containing: "ingress listening", timeout: .seconds(30)),
                  let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let port = (object["port"] as? String).flatMap(Int.init)
            else {
                await process.crash()
                throw TestVhost.Failure("ingress did not start: \(process.standardError.suffix(2000))")
            }
            return Running(process: process, baseURL: "http://127.0.0.1:\(port)")
        }

        func post(_ path: String, _ body: String) async throws -> HTTPResponse {
            try await TestHTTP.send(.post, baseURL + path, body: body)
        }
    }

    static let vtexExample = #"""
        { "IdSku": "15", "ProductId": 18, "An": "accountname", "IdAffiliate": "SPT",
          "DateModified": "2018-08-20T15:11:28.1978783Z", "IsActive": false,
          "StockModified": false, "PriceModified": true,
          "HasStockKeepingUnitModified": true, "HasStockKeepingUnitRemovedFromAffiliate": false }
        """#

    /// Waits for the ingress to have declared the topology (so catalog.work exists).
    static func declared(_ running: Running) async -> Bool {
        await running.process.waitForLine(containing: "topology declared", timeout: .seconds(30)) != nil
    }

    @Test("VTEX's example is published as sku.changed with its flags, then answered 200")
    func publishesThenAnswers() async throws {
        let vhost = try await TestVhost.create("ingress")
        let running = try await Running.start(amqpURL: vhost.amqpURL)
        defer { Task { await running.process.stop(); await vhost.delete() } }
        #expect(await Self.declared(running))

        let response = try await running.post("/api/notification", Self.vtexExample)
        #expect(response.status == 200)
        #expect(TestHTTP.object(response)?["skuId"] as? String == "15")

        let connection = try await vhost.connect()
        let delivery = try #require(try await connection.get("catalog.work"))
        #expect(delivery.properties.type == "sku.changed")
        #expect(delivery.properties.messageID == "vtex-sku-15-2018-08-20T15:11:28.1978783Z")
        #expect(delivery.properties.persistent)
        let message = try SKUChanged.decode(body: delivery.body)
        #expect(message.skuId == "15")
        #expect(message.productId == "18")
        #expect(message.isActive == false)
        #expect(message.priceModified == true)
        #expect(message.stockModified == false)
        #expect(message.hasStockKeepingUnitModified == true)
        #expect(message.hasStockKeepingUnitRemovedFromAffiliate == false)
        await connection.close()
        #expect(try await TestHTTP.send(.get, running.baseURL + "/health").status == 200)
    }

    @Test("any casing, numeric ids, unknown fields; the App Template route and a trailing slash")
    func decodesLeniently() async throws {
        let vhost = try await TestVhost.create("ingress")
        let running = try await Running.start(amqpURL: vhost.amqpURL)
        defer { Task { await running.process.stop(); await vhost.delete() } }
        #expect(await Self.declared(running))

        let fieldTable = #"{"idSKU": 2001, "productId": "1001", "an": "store", "idAffiliate": "CRF", "isActive": "true", "stockModified": true, "Version": "1.x", "SellerChain": "a/b"}"#
        #expect(try await running.post("/catalog/notification", fieldTable).status == 200)
        #expect(try await running.post("/api/notification/", #"{"IDSKU":"2002"}"#).status == 200)

        let connection = try await vhost.connect()
        let first = try SKUChanged.decode(body: try #require(try await connection.get("catalog.work")).body)
        #expect(first.skuId == "2001")
        #expect(first.productId == "1001")
        #expect(first.isActive == true)
        #expect(first.stockModified == true)
        #expect(first.priceModified == nil)
        let second = try SKUChanged.decode(body: try #require(try await connection.get("catalog.work")).body)
        #expect(second.skuId == "2002")
        #expect(second.hasStockKeepingUnitModified == nil)
        await connection.close()
    }

    @Test("what is not a notification gets 400 with the reason, and nothing is published")
    func refusesWithReason() async throws {
        let vhost = try await TestVhost.create("ingress")
        let running = try await Running.start(amqpURL: vhost.amqpURL)
        defer { Task { await running.process.stop(); await vhost.delete() } }
        #expect(await Self.declared(running))

        let cases: [(body: String, reason: String)] = [
            ("", "empty body"),
            ("not json", "not a JSON object"),
            ("[1, 2]", "not a JSON object"),
            (#"{"ProductId": 18}"#, "IdSku"),
            (#"{"IdSku": ""}"#, "IdSku"),
            (#"{"IdSku": "15", "IsActive": "maybe"}"#, "IsActive must be true or false"),
            (#"{"IdSku": {"id": 1}}"#, "IdSku must be a string or a whole number"),
        ]
        for (body, reason) in cases {
            let response = try await running.post("/api/notification", body)
            #expect(response.status == 400, "\(body)")
            let error = Self.error(of: response)
            #expect(error.contains(reason), "\(body) → \(error)")
        }
        let connection = try await vhost.connect()
        #expect(try await connection.get("catalog.work") == nil)
        await connection.close()
    }

    @Test("a broker that cannot be reached gets 503 with Retry-After, never 200")
    func unreachableBroker() async throws {
        let running = try await Running.start(amqpURL: "amqp://guest:guest@127.0.0.1:1/?connection_timeout=500")
        defer { Task { await running.process.stop() } }
        let started = ContinuousClock.now
        let response = try await running.post("/api/notification", Self.vtexExample)
        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] == "5")
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(Self.error(of: response).contains("could not be stored"))
    }

    @Test("a message no queue takes (binding missing) is not confirmed: 503")
    func unroutable() async throws {
        let vhost = try await TestVhost.create("ingress")
        let topology = try Self.topologyWithout(routingKey: "sku.changed")
        defer { try? FileManager.default.removeItem(atPath: topology) }
        let running = try await Running.start(amqpURL: vhost.amqpURL, topology: topology)
        defer { Task { await running.process.stop(); await vhost.delete() } }
        #expect(await Self.declared(running))
        let response = try await running.post("/api/notification", Self.vtexExample)
        #expect(response.status == 503)
        #expect(Self.error(of: response).contains("no queue took the message"))
    }

    /// The `error` of a JSON answer.
    static func error(of response: HTTPResponse) -> String {
        (TestHTTP.object(response)?["error"] as? String) ?? ""
    }

    /// A copy of topology.json without the bindings of `routingKey`.
    static func topologyWithout(routingKey: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestVhost.topologyPath))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let bindings = try #require(object["bindings"] as? [[String: Any]])
        object["bindings"] = bindings.filter { $0["routing_key"] as? String != routingKey }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("topology-\(UUID().uuidString.prefix(8)).json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }
}
