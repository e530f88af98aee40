import FlowTestSupport
import Foundation
import HTTPLayer
import MiraklAPI
import Testing

/// One sandbox for one test, with clients for its Mirakl and plain HTTP for its admin API.
struct MiraklSandbox {
    let sandbox: SandboxProcess
    let http: HTTPClient

    /// Starts a sandbox (a sandbox minute per real second), runs `test`, stops it whatever happens.
    static func run(_ test: (MiraklSandbox) async throws -> Void) async throws {
        try await SandboxProcess.withSandbox(timeScale: 60) { sandbox, http in try await test(MiraklSandbox(sandbox: sandbox, http: http)) }
    }

    /// A client of the sandbox's Mirakl with `key` (the shop key it expects unless told).
    func client(key: String = SandboxProcess.shopKey) -> MiraklClient {
        MiraklClient(configuration: MiraklConfiguration(baseURL: sandbox.miraklURL, apiKey: key), http: http)
    }

    /// Sets the Mirakl side's fault plan (`FaultPlan`'s fields; missing ones mean no fault).
    func setFaults(_ plan: [String: Any]) async throws {
        let (status, _) = try await sandbox.admin(.put, .mirakl, "/faults", json: try Self.text(plan))
        guard status == 200 else { throw TestVhost.Failure("PUT /_admin/faults: \(status)") }
    }

    /// Creates an order past STAGING, in WAITING_ACCEPTANCE, through the admin API; returns its id.
    func createOrder(_ lines: [(sku: String, quantity: Int, price: Double, shipping: Double)]) async throws -> String {
        let body: [String: Any] = [
            "lines": lines.map { ["sku": $0.sku, "quantity": $0.quantity, "price": $0.price, "shippingPrice": $0.shipping] },
            "shippingType": "NORMAL",
        ]
        let (status, answer) = try await sandbox.admin(.post, .mirakl, "/orders", json: try Self.text(body))
        guard status == 201, let id = (answer as? [String: Any])?["orderId"] as? String else {
            throw TestVhost.Failure("POST /_admin/orders: \(status)")
        }
        return id
    }

    /// The order as OR11 answers it, read as plain JSON without the client.
    func rawOrder(_ id: String) async throws -> [String: Any] {
        let response = try await http.execute(HTTPRequest(
            method: .get, url: sandbox.miraklURL + "/api/orders?order_ids=\(id)",
            headers: ["Authorization": SandboxProcess.shopKey, "Accept": "application/json"]))
        guard response.status == 200,
              let page = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let order = (page["orders"] as? [[String: Any]])?.first
        else { throw TestVhost.Failure("GET /api/orders?order_ids=\(id): \(response.status)") }
        return order
    }

    private static func text(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
