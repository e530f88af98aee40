import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import HTTPLayer
import MiraklAPI
import WorkerRuntime

/// The offer side of an orders world: products catalogued in the sandbox's Mirakl by a P41 the
/// test sends itself (no catalog worker), offers asked with `offer.refresh`, and both sides' views
/// of every SKU's sellable quantity and price.
extension OrdersHarness {
    /// One SKU's offer in Carrefour and what VTEX can sell of it.
    struct Standing: Equatable, CustomStringConvertible {
        var miraklQuantity: Int?
        var miraklPriceCents: Int?
        var vtexAvailable: Int
        var vtexPriceCents: Int?

        var converged: Bool { miraklQuantity == vtexAvailable && miraklPriceCents == vtexPriceCents }
        var description: String {
            "Carrefour \(miraklQuantity.map(String.init) ?? "-") at \(miraklPriceCents.map(String.init) ?? "-"), "
                + "VTEX \(vtexAvailable) at \(vtexPriceCents.map(String.init) ?? "-")"
        }
    }

    /// The SKUs of the seeded catalog that are valid and sellable on the affiliate's policy.
    func sellableSKUs() async throws -> [String] {
        let catalog = try await json(.get, vtexURL + "/_admin/catalog")
        return (catalog["skus"] as? [[String: Any]] ?? []).compactMap { item in
            guard let sku = item["sku"] as? [String: Any], let id = sku["id"] as? Int,
                  (sku["traits"] as? [String]) == ["valid"], item["sellableOnAffiliatePolicy"] as? Bool == true,
                  item["simulatedPrice"] is Int else { return nil }
            return String(id)
        }
    }

    /// Catalogues `skus` in the sandbox's Mirakl with one P41 and waits for the import to finish
    /// (the sandbox's cataloguing delay must be 0).
    func catalogue(_ skus: [String]) async throws {
        let header = "product-id;shop-sku;name;sku-name;description;brand;ean;weight;height;width;length;image-urls;category"
        let rows = skus.enumerated().map { index, sku in
            "p\(sku);\(sku);\"Produto \(sku)\";\"SKU \(sku)\";\"Descrição\";Marca;\(Self.ean(index));300;2;30;40;https://img.example/\(sku).jpg;Casa"
        }
        let http = HTTPClient()
        defer { Task { await http.shutdown() } }
        let mirakl = MiraklClient(configuration: MiraklConfiguration(baseURL: miraklURL, apiKey: Self.shopKey), http: http)
        let importId = try await mirakl.importProducts(file: Array(([header] + rows).joined(separator: "\n").utf8), fileName: "p41.csv")
        let done = try await eventually(timeout: .seconds(30), every: .milliseconds(100)) {
            let state = try await json(.get, miraklURL + "/_admin/state")
            let job = (state["productImports"] as? [[String: Any]] ?? []).first { $0["importId"] as? Int == importId }
            return job?["status"] as? String == "COMPLETE"
        }
        guard done else { throw HarnessFailure("product import \(importId) did not complete") }
    }

    /// A valid EAN-13 for the `index`th product.
    static func ean(_ index: Int) -> String {
        let body = String(format: "789%09d", index + 1)
        let digits = body.compactMap(\.wholeNumberValue)
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return body + String((10 - sum % 10) % 10)
    }

    /// Asks the offer-batcher for the offers of `skus` (what the catalog does after a VTEX notification).
    func refreshOffers(_ skus: [String], reason: String) async throws {
        try await publish(skus.map { sku in
            try OfferRefresh(skuId: sku, reason: reason).message(exchange: "carrefour.events", id: "test-\(reason)-\(sku)-\(UUID().uuidString)")
        })
    }

    /// Every SKU's standing, for `skus`.
    func standings(_ skus: [String]) async throws -> [String: Standing] {
        let state = try await json(.get, miraklURL + "/_admin/state")
        let catalog = try await json(.get, vtexURL + "/_admin/catalog")
        var offers: [String: [String: Any]] = [:]
        for offer in state["offers"] as? [[String: Any]] ?? [] {
            if let sku = offer["sku"] as? String { offers[sku] = offer }
        }
        var vtex: [String: [String: Any]] = [:]
        for item in catalog["skus"] as? [[String: Any]] ?? [] {
            if let id = (item["sku"] as? [String: Any])?["id"] as? Int { vtex[String(id)] = item }
        }
        var result: [String: Standing] = [:]
        for sku in skus {
            let offer = offers[sku]
            let level = vtex[sku]?["inventory"] as? [String: Any]
            let available = max(0, (level?["totalQuantity"] as? Int ?? 0) - (level?["reservedQuantity"] as? Int ?? 0))
            let price = (offer?["price"] as? NSNumber).map { Int(($0.doubleValue * 100).rounded()) }
            result[sku] = Standing(
                miraklQuantity: offer?["quantity"] as? Int, miraklPriceCents: price, vtexAvailable: available,
                vtexPriceCents: vtex[sku]?["simulatedPrice"] as? Int)
        }
        return result
    }

    /// Sets a SKU's base price in VTEX (cents).
    func setPrice(_ sku: String, cents: Int) async throws {
        _ = try await json(.put, vtexURL + "/_admin/skus/\(sku)/price", body: ["basePrice": cents])
    }
}
