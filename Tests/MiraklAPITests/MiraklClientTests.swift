import FlowTestSupport
import Foundation
import HTTPLayer
import MiraklAPI
import Testing

/// ``MiraklClient`` against the sandbox's Mirakl over HTTP (the `sandbox` executable the flows meet):
/// an OR11 answer decoded field by field against the same answer read as plain JSON, and each kind
/// of failure classified as the flows rely on (reference/mirakl-api.md §1: 401 for a refused key,
/// 429 with `Retry-After`, `{"message","status"}` error bodies).
@Suite("MiraklClient against the sandbox: OR11 decoded, failures classified", .serialized)
struct MiraklClientTests {
    @Test("OR11 by id decodes the order the sandbox holds: id, state, shipping type, lines, prices")
    func decodesOrders() async throws {
        try await MiraklSandbox.run { world in
            let lines: [(sku: String, quantity: Int, price: Double, shipping: Double)] = [("2001", 2, 49.9, 9.9), ("2002", 1, 120, 0)]
            let id = try await world.createOrder(lines)
            let orders = try await world.client().orders(ids: [id, "CRF-no-such-order"])
            #expect(orders.count == 1, "an id Mirakl does not know is simply absent")
            let order = try #require(orders.first)
            let raw = try await world.rawOrder(id)

            #expect(order.orderId == id)
            #expect(order.state == raw["order_state"] as? String)
            #expect(order.commercialId == raw["commercial_id"] as? String)
            #expect(order.shippingTypeCode == raw["shipping_type_code"] as? String)
            #expect(order.customerNotificationEmail == raw["customer_notification_email"] as? String)
            #expect(order.customer?.lastName == (raw["customer"] as? [String: Any])?["lastname"] as? String)
            #expect(order.lines.map(\.offerSKU) == lines.map(\.sku))
            #expect(order.lines.map(\.quantity) == lines.map(\.quantity))
            #expect(order.lines.compactMap(\.unitPrice) == lines.map(\.price))
            #expect(order.lines.compactMap(\.shippingPrice) == lines.map(\.shipping))
            let rawLines = try #require(raw["order_lines"] as? [[String: Any]])
            #expect(order.lines.map(\.id) == rawLines.compactMap { $0["order_line_id"] as? String })
            #expect(order.lines.map(\.price) == rawLines.compactMap { ($0["price"] as? NSNumber)?.doubleValue })
            let updated = try #require(raw["last_updated_date"] as? String)
            #expect(order.lastUpdatedDate == MiraklDate.parse(updated))
        }
    }

    @Test("a wrong key and a revoked key are .unauthorized (401), not transient, and no error carries the key")
    func unauthorized() async throws {
        try await MiraklSandbox.run { world in
            let wrongKey = "not-the-shop-key-\(UInt32.random(in: 0...UInt32.max))"
            let wrong = await #expect(throws: MiraklError.self) { _ = try await world.client(key: wrongKey).orders(ids: ["CRF-1-A"]) }
            #expect(wrong == .unauthorized(operation: "OR11", status: 401))
            #expect(wrong?.isTransient == false)
            #expect(!String(describing: wrong).contains(wrongKey))

            try await world.setFaults(["revokedKeys": [SandboxProcess.shopKey]])
            let revoked = await #expect(throws: MiraklError.self) { _ = try await world.client().orders(ids: ["CRF-1-A"]) }
            #expect(revoked == .unauthorized(operation: "OR11", status: 401))
            #expect(!String(describing: revoked).contains(SandboxProcess.shopKey))
            try await world.setFaults([:])
            #expect(try await world.client().orders(ids: ["CRF-1-A"]).isEmpty)
        }
    }

    @Test("a 429 is .rateLimited with the answer's Retry-After and transient; the next call passes")
    func rateLimited() async throws {
        try await MiraklSandbox.run { world in
            let seconds = Int.random(in: 2...9)
            try await world.setFaults(["tooManyRequestsBurst": 1, "retryAfterSeconds": seconds])
            let error = await #expect(throws: MiraklError.self) { _ = try await world.client().orders(ids: ["CRF-1-A"]) }
            #expect(error == .rateLimited(operation: "OR11", retryAfter: .seconds(seconds)))
            #expect(error?.isTransient == true)
            #expect(try await world.client().orders(ids: ["CRF-1-A"]).isEmpty, "the burst was one call")
        }
    }

    @Test("a 500 is .server with Mirakl's message and transient; a 404 is .notFound and not transient")
    func serverErrorAndNotFound() async throws {
        try await MiraklSandbox.run { world in
            try await world.setFaults(["serverErrorRate": 1])
            let error = await #expect(throws: MiraklError.self) { _ = try await world.client().orders(ids: ["CRF-1-A"]) }
            guard case .server(let operation, let status, let message) = error else {
                Issue.record("expected .server, got \(String(describing: error))")
                return
            }
            #expect(operation == "OR11" && status == 500 && !message.isEmpty)
            #expect(error?.isTransient == true)
            try await world.setFaults([:])

            let unknownImport = Int.random(in: 900_000...999_999)
            let missing = await #expect(throws: MiraklError.self) { _ = try await world.client().offerImportStatus(unknownImport) }
            guard case .notFound(let missingOperation, _) = missing else {
                Issue.record("expected .notFound, got \(String(describing: missing))")
                return
            }
            #expect(missingOperation == "OF02")
            #expect(missing?.isTransient == false)
        }
    }

    @Test("no answer at all (the sandbox gone) is .transport and transient")
    func transport() async throws {
        let sandbox = try await SandboxProcess.start(timeScale: 60)
        let url = sandbox.miraklURL
        await sandbox.stop()
        let http = HTTPClient()
        let client = MiraklClient(configuration: MiraklConfiguration(baseURL: url, apiKey: SandboxProcess.shopKey), http: http)
        let error = await #expect(throws: MiraklError.self) { _ = try await client.orders(ids: ["CRF-1-A"]) }
        await http.shutdown()
        guard case .transport(let operation, _, let transient) = error else {
            Issue.record("expected .transport, got \(String(describing: error))")
            return
        }
        #expect(operation == "OR11" && transient)
    }
}
