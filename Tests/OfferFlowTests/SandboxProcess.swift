import ConnectorTestSupport
import Foundation
import HTTPLayer

/// The `sandbox` executable (fake Mirakl and VTEX) run as a subprocess on a compressed clock, with
/// the admin calls the offer tests need.
struct SandboxProcess {
    static let shopKey = "offers-test-shop-key"
    static let appKey = "offers-test-app-key"
    static let appToken = "offers-test-app-token"

    let process: RunningProcess
    let miraklURL: String
    let vtexURL: String
    let timeScale: Double

    /// Starts a sandbox whose products are catalogued as soon as a P41 import arrives, and waits
    /// for its start-up line.
    static func start(timeScale: Double = 60) async throws -> SandboxProcess {
        let process = try RunningProcess.product("sandbox", [
            "--time-scale", "\(Int(timeScale))", "--shop-key", shopKey, "--vtex-app-key", appKey, "--vtex-app-token", appToken,
            "--product-import-waiting", "0", "--product-import-running", "0", "--product-import-sent", "0",
            "--cataloguing-delay", "0", "--log-level", "warning",
        ])
        struct StartLine: Decodable { var mirakl: String; var vtex: String }
        var line: StartLine?
        _ = await eventually(timeout: .seconds(20), every: .milliseconds(50)) {
            line = process.standardOutput.split(separator: "\n").first.flatMap { try? JSONDecoder().decode(StartLine.self, from: Data($0.utf8)) }
            return line != nil
        }
        guard let line else {
            await process.stop()
            throw TestFailure("the sandbox did not start: \(process.standardError)")
        }
        return SandboxProcess(process: process, miraklURL: line.mirakl, vtexURL: line.vtex, timeScale: timeScale)
    }

    func stop() async { await process.stop() }

    // MARK: Mirakl

    struct MiraklState: Decodable {
        struct Product: Decodable { var sku: String; var state: String }
        struct Offer: Decodable { var sku: String; var price: Decimal; var quantity: Int; var importId: Int }
        struct OfferImport: Decodable { var importId: Int; var status: String; var mode: String; var created: Date; var linesRead: Int }
        var now: Date
        var products: [Product]
        var offers: [Offer]
        var offerImports: [OfferImport]

        func offer(_ sku: String) -> Offer? { offers.first { $0.sku == sku } }
    }

    func miraklState() async throws -> MiraklState {
        try await Self.get(miraklURL + "/_admin/state", as: MiraklState.self)
    }

    /// Calls per Mirakl operation, refused ones included.
    func miraklCalls() async throws -> [String: Int] {
        struct Calls: Decodable { var calls: [String: Int] }
        return try await Self.get(miraklURL + "/_admin/calls", as: Calls.self).calls
    }

    /// Imports `skus` with one P41 file and waits until Mirakl has catalogued them.
    func catalogue(_ skus: [String]) async throws {
        var csv = "\"product-id\";\"shop-sku\";\"name\";\"sku-name\";\"description\";\"brand\";\"ean\";\"weight\";\"height\";\"width\";\"length\";\"image-urls\";\"category\"\n"
        for sku in skus {
            // Twelve digits, then the GS1 check digit (weights 3 and 1 from the right).
            let body = String(789_000_000_000 + (Int(sku) ?? 0))
            let sum = body.compactMap(\.wholeNumberValue).reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset.isMultiple(of: 2) ? 3 : 1) }
            let ean = body + String((10 - sum % 10) % 10)
            csv += "\"p\(sku)\";\"\(sku)\";\"Product \(sku)\";\"Product \(sku) SKU\";\"About \(sku)\";\"Marca\";\"\(ean)\";\"1\";\"10\";\"10\";\"10\";\"https://img.example/\(sku).jpg\";\"c1\"\n"
        }
        let form = MultipartForm(parts: [MultipartForm.Part(name: "file", filename: "products.csv", contentType: "text/csv", data: Array(csv.utf8))])
        let response = try await Self.send(HTTPRequest(
            method: .post, url: miraklURL + "/api/products/imports", headers: ["Authorization": Self.shopKey], body: .multipart(form)))
        guard response.status == 201 else { throw TestFailure("P41: \(response.status) \(response.text)") }
        let live = try await eventually(timeout: .seconds(20), every: .milliseconds(200)) {
            let products = try await miraklState().products
            return skus.allSatisfy { sku in products.contains { $0.sku == sku && $0.state == "LIVE" } }
        }
        guard live else { throw TestFailure("products not catalogued: \(try await miraklState().products)") }
    }

    /// Deletes a product "in the Carrefour panel".
    func deleteProduct(_ sku: String) async throws {
        _ = try await Self.send(HTTPRequest(method: .delete, url: miraklURL + "/_admin/products/\(sku)"))
    }

    // MARK: VTEX

    struct Catalog: Decodable {
        struct SKU: Decodable {
            struct Identity: Decodable { var id: Int; var isActive: Bool; var traits: [String] }
            struct Inventory: Decodable { var totalQuantity: Int; var reservedQuantity: Int; var unlimited: Bool }
            struct Price: Decodable { var basePrice: Int?; var fixedPrices: [String: Int?] }
            var sku: Identity
            var price: Price?
            var inventory: Inventory?
            var sellableOnAffiliatePolicy: Bool
            var simulatedPrice: Int?
        }
        var skus: [SKU]

        func sku(_ id: String) -> SKU? { skus.first { String($0.sku.id) == id } }
    }

    func vtexCatalog() async throws -> Catalog {
        try await Self.get(vtexURL + "/_admin/catalog", as: Catalog.self)
    }

    func setStock(_ sku: String, _ quantity: Int) async throws {
        let response = try await Self.send(HTTPRequest(
            method: .put, url: vtexURL + "/_admin/skus/\(sku)/stock", body: .text("{\"quantity\":\(quantity)}", contentType: "application/json")))
        guard response.isSuccess else { throw TestFailure("stock of \(sku): \(response.status) \(response.text)") }
    }

    // MARK: HTTP

    static func get<T: Decodable>(_ url: String, as type: T.Type) async throws -> T {
        let response = try await send(HTTPRequest(url: url))
        guard response.isSuccess else { throw TestFailure("GET \(url): \(response.status) \(response.text)") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body))
    }

    static func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let client = HTTPClient()
        let outcome: Result<HTTPResponse, HTTPClientError>
        do {
            outcome = .success(try await client.execute(request))
        } catch {
            outcome = .failure(error)
        }
        await client.shutdown()
        return try outcome.get()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
