import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing
import WorkerRuntime

/// The seeds' product fields end to end (how-the-carrefour-integration-works.md §1 "The fields that
/// are sent"): the SKU name and the specifications reach Carrefour, the category goes out as the
/// store's Carrefour category code, an unmapped category and an EAN with a wrong check digit keep
/// the product back with an error naming them.
@Suite("catalog fields end to end", .serialized)
struct CatalogFieldsEndToEndTests {
    @Test("SKU name, mapped category and attributes reach Carrefour; unmapped category and wrong EAN check digit are errors")
    func fieldsAndMappings() async throws {
        let h = try await FleetHarness.start(products: 12, withIngress: false)
        let catalog = try await h.sandbox.adminObject(.vtex, "/catalog")
        let views = catalog["skus"] as? [[String: Any]] ?? []
        func product(_ sku: String) -> [String: Any]? {
            views.first { (($0["sku"] as? [String: Any])?["id"] as? Int).map(String.init) == sku }?["product"] as? [String: Any]
        }
        // The category of SKU 2001 stays unmapped; every other one gets a Carrefour code.
        let unmapped = try #require(product("2001")?["categoryId"] as? Int)
        let unmappedName = try #require(product("2001")?["categoryName"] as? String)
        let categories = Set(views.compactMap { ($0["product"] as? [String: Any])?["categoryId"] as? Int }).subtracting([unmapped])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-maps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let categoryMap = directory.appendingPathComponent("categories.csv")
        try ("# VTEX category id;Carrefour category code\n" + categories.sorted().map { "\($0);CRF-CAT-\($0)" }.joined(separator: "\n"))
            .write(to: categoryMap, atomically: true, encoding: .utf8)
        let attributeMap = directory.appendingPathComponent("attributes.csv")
        try "Marca;brand-name\nVoltagem;voltage\n".write(to: attributeMap, atomically: true, encoding: .utf8)
        // 2011's EAN with its last digit changed.
        let ean = try #require(((views.first { (($0["sku"] as? [String: Any])?["id"] as? Int) == 2011 })?["sku"] as? [String: Any])?["ean"] as? String)
        let wrongEAN = String(ean.dropLast()) + String(((ean.last?.wholeNumberValue ?? 0) + 1) % 10)
        try await h.sandbox.admin(.patch, .vtex, "/skus/2011", json: #"{"ean": "\#(wrongEAN)"}"#)

        let worker = try await h.startWorker("catalog", [
            "CARREFOUR_CATEGORY_MAP": categoryMap.path, "CARREFOUR_ATTRIBUTE_MAP": attributeMap.path,
        ])
        let expectedValid = ["2008", "2009", "2010", "2012"].filter { product($0)?["categoryId"] as? Int != unmapped }
        #expect(!expectedValid.isEmpty)
        for sku in expectedValid + ["2001", "2011"] {
            try await h.publish(SKUChanged(skuId: sku), id: "fields-\(sku)")
        }
        var latest: [String: IntegrationEvent] = [:]
        let settled = await eventually(timeout: .seconds(90), every: .seconds(1)) {
            latest = (try? await h.latestProductEvents()) ?? [:]
            return expectedValid.allSatisfy { latest[$0]?.status == .success }
                && latest["2001"]?.status == .error && latest["2011"]?.status == .error
        }
        #expect(settled, "\(latest.mapValues { "\($0.status) \($0.message)" })")
        #expect(latest["2001"]?.message.contains("VTEX category '\(unmappedName)' (id \(unmapped)) has no Carrefour category") == true)
        #expect(latest["2011"]?.message.contains("EAN '\(wrongEAN)' is invalid: its check digit (the last digit) should be \(ean.last.map(String.init) ?? "?")") == true)

        let state = try await h.sandbox.adminObject(.mirakl, "/state")
        let products = state["products"] as? [[String: Any]] ?? []
        for sku in expectedValid {
            let sent = try #require(products.first { $0["sku"] as? String == sku }, "\(sku) not in Mirakl")
            let categoryId = try #require(product(sku)?["categoryId"] as? Int)
            #expect(sent["category"] as? String == "CRF-CAT-\(categoryId)")
            #expect((sent["skuName"] as? String)?.isEmpty == false)
            let attributes = sent["attributes"] as? [String: String] ?? [:]
            #expect(attributes["brand-name"] == product(sku)?["brandName"] as? String)
            #expect(attributes["voltage"] == ((Int(sku) ?? 0).isMultiple(of: 2) ? "220V" : "110V"))
        }
        #expect(!products.contains { $0["sku"] as? String == "2001" || $0["sku"] as? String == "2011" })
        await worker.stop()
        await h.stop()
    }
}
