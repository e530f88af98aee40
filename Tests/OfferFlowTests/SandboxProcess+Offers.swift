import ConnectorTestSupport
import FlowTestSupport
import Foundation
import HTTPLayer

/// What the offer tests read and do on the shared ``SandboxProcess``: Mirakl's state typed, a P41
/// that catalogues SKUs, a product deleted in the panel, VTEX's catalog typed and its stock.
extension SandboxProcess {
    /// A sandbox on the offer tests' clock (60) whose products are catalogued as soon as a P41
    /// import arrives.
    static func startForOffers(timeScale: Double = 60) async throws -> SandboxProcess {
        try await start(timeScale: timeScale, [
            "--product-import-waiting", "0", "--product-import-running", "0", "--product-import-sent", "0",
            "--cataloguing-delay", "0",
        ])
    }

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
        try await adminValue(.mirakl, "/state", as: MiraklState.self)
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
        let response = try await send(HTTPRequest(
            method: .post, url: miraklURL + "/api/products/imports", headers: ["Authorization": Self.shopKey], body: .multipart(form)))
        guard response.status == 201 else { throw TestVhost.Failure("P41: \(response.status) \(response.text)") }
        let live = try await eventually(timeout: .seconds(20), every: .milliseconds(200)) {
            let products = try await miraklState().products
            return skus.allSatisfy { sku in products.contains { $0.sku == sku && $0.state == "LIVE" } }
        }
        guard live else { throw TestVhost.Failure("products not catalogued: \(try await miraklState().products)") }
    }

    /// Deletes a product "in the Carrefour panel".
    func deleteProduct(_ sku: String) async throws {
        try await admin(.delete, .mirakl, "/products/\(sku)")
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
        try await adminValue(.vtex, "/catalog", as: Catalog.self)
    }

    func setStock(_ sku: String, _ quantity: Int) async throws {
        let (status, body) = try await admin(.put, .vtex, "/skus/\(sku)/stock", json: "{\"quantity\":\(quantity)}")
        guard (200..<300).contains(status) else { throw TestVhost.Failure("stock of \(sku): \(status) \(body ?? "")") }
    }
}
