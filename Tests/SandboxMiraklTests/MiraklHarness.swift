import Foundation
import Hummingbird
import HummingbirdTesting
import SandboxMirakl
import SandboxSupport
import SandboxTestSupport
import Testing

/// Runs a `MiraklSandbox` on a live loopback server (port 0) for one test and hands the test a
/// client that speaks the Mirakl API and the admin API. Every 2xx API response can be recorded
/// for the contract validation.
enum MiraklHarness {
    static let shopKey = "test-shop-key"

    /// Fast settings: scale 60 (one real second is a sandbox minute), rate limits off.
    static func settings(
        waiting: Double = 18, running: Double = 18, sent: Double = 18, cataloguing: Double = 30,
        offerWaiting: Double = 3, offerRunning: Double = 3, rateLimits: Bool = false, payment: Double? = nil
    ) -> MiraklSettings {
        MiraklSettings(
            shopKey: shopKey, productImportWaiting: .seconds(waiting), productImportRunning: .seconds(running),
            productImportSent: .seconds(sent), cataloguingDelay: .seconds(cataloguing),
            offerImportWaiting: .seconds(offerWaiting), offerImportRunning: .seconds(offerRunning),
            stagingDelay: .seconds(0), paymentDelay: payment.map { .seconds($0) }, rateLimitsEnabled: rateLimits,
            seed: 7)
    }

    static func run(
        settings: MiraklSettings = settings(), timeScale: Double = 60, recorder: ContractRecorder? = nil,
        _ test: @Sendable (MiraklTestClient) async throws -> Void
    ) async throws {
        let sandbox = MiraklSandbox(settings: settings, clock: SandboxClock(timeScale: timeScale))
        let app = Application(
            responder: ConnectionDroppingResponder(sandbox.makeRouter().buildResponder()),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await test(MiraklTestClient(client: client, sandbox: sandbox, recorder: recorder))
        }
    }
}

/// A thin client over the live test server.
struct MiraklTestClient: Sendable {
    let client: any TestClientProtocol
    let sandbox: MiraklSandbox
    let recorder: ContractRecorder?

    /// A Mirakl API call with the shop key (or `key`), recorded for the contract when 2xx.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, key: String? = MiraklHarness.shopKey,
        contentType: String? = nil, body: [UInt8]? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[.authorization] = key }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        if let recorder, (200..<300).contains(response.status.code) {
            let isJSON = response.headers[.contentType]?.hasPrefix("application/json") ?? false
            try recorder.record(
                method: method.rawValue, path: path, status: response.status.code,
                body: Array(response.body.readableBytesView), isJSON: isJSON)
        }
        return response
    }

    /// A JSON API call.
    @discardableResult
    func json(_ method: HTTPRequest.Method, _ path: String, _ object: Any) async throws -> TestResponse {
        let data = try JSONSerialization.data(withJSONObject: object)
        return try await call(method, path, contentType: "application/json", body: Array(data))
    }

    /// A multipart upload (P41, OF01): a `file` part plus text parts.
    func upload(_ path: String, file: String, fields: [String: String] = [:]) async throws -> TestResponse {
        let boundary = "sandbox-test-boundary-7d1f"
        var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n\(file)\r\n"
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await call(.post, path, contentType: "multipart/form-data; boundary=\(boundary)", body: Array(body.utf8))
    }

    /// An admin call (no key, never recorded).
    @discardableResult
    func admin(_ method: HTTPRequest.Method, _ path: String, _ object: Any? = nil) async throws -> TestResponse {
        let body = try object.map { try JSONSerialization.data(withJSONObject: $0) }.map { ByteBuffer(bytes: $0) }
        return try await client.execute(
            uri: "/_admin" + path, method: method, headers: [.contentType: "application/json"], body: body)
    }

    /// Decodes a JSON body as a dictionary.
    func object(_ response: TestResponse) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
        return try #require(value as? [String: Any], "not a JSON object: \(String(buffer: response.body))")
    }

    /// The admin state.
    func state() async throws -> [String: Any] {
        try object(try await admin(.get, "/state"))
    }

    /// Polls P42 until `until` holds or `timeout` passes; returns every status seen, in order.
    func productStatuses(_ importId: Int, until: String, timeout: Duration = .seconds(10)) async throws -> [String] {
        var seen: [String] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let status = try object(try await call(.get, "/api/products/imports/\(importId)"))["import_status"] as? String ?? "?"
            if seen.last != status { seen.append(status) }
            if status == until { return seen }
            try await Task.sleep(for: .milliseconds(15))
        }
        return seen
    }

    /// Polls OF02 until the import is COMPLETE or FAILED.
    func offerImportResult(_ importId: Int, timeout: Duration = .seconds(10)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let body = try object(try await call(.get, "/api/offers/imports/\(importId)"))
            if let status = body["status"] as? String, status == "COMPLETE" || status == "FAILED" { return body }
            try await Task.sleep(for: .milliseconds(15))
        }
        Issue.record("offer import \(importId) did not finish")
        return [:]
    }
}

/// Files the connector would send.
enum Files {
    static let productHeader = "product-id;shop-sku;name;sku-name;description;brand;ean;weight;height;width;length;image-urls;category"

    static func product(
        productId: String, sku: String, name: String = "Camiseta Azul", ean: String = "7891234567895",
        weight: String = "300", images: String = "https://img.example/1.jpg|https://img.example/2.jpg"
    ) -> String {
        "\(productId);\(sku);\"\(name)\";\"\(name) M\";\"Algodão; gola redonda\";Marca;\(ean);\(weight);2;30;40;\(images);Roupas"
    }

    static let offerHeader = "sku;product-id;product-id-type;price;quantity;state;update-delete;connector-key"

    static func offer(sku: String, price: String = "49.90", quantity: Int = 5, key: String = "k") -> String {
        "\(sku);\(sku);SHOP_SKU;\(price);\(quantity);11;update;\(key)"
    }
}
