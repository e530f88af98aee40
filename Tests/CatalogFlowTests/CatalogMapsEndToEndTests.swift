import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing
import WorkerRuntime

/// The store's maps checked against Carrefour's own lists (reference/mirakl-api.md §2: categories
/// from H11, attributes from PM11), end to end through the broker and the sandbox: codes Carrefour
/// does not list are named in the integration log, a product mapped to an unknown category waits
/// with an error and is not sent, known mappings go out; and the sandbox's P41 refuses a category
/// its hierarchy does not hold.
@Suite("catalog maps against Carrefour's lists end to end", .serialized)
struct CatalogMapsEndToEndTests {
    /// The VTEX products of the sandbox's catalog, by SKU id.
    static func products(_ h: FleetHarness) async throws -> [String: [String: Any]] {
        let views = try await h.sandbox.adminObject(.vtex, "/catalog")["skus"] as? [[String: Any]] ?? []
        var products: [String: [String: Any]] = [:]
        for view in views {
            if let id = (view["sku"] as? [String: Any])?["id"] as? Int, let product = view["product"] as? [String: Any] {
                products[String(id)] = product
            }
        }
        return products
    }

    /// The SKUs of a 12-product sandbox catalog with no seeded defect (CatalogEndToEndTests).
    static let valid = ["2001", "2008", "2009", "2010", "2012"]

    @Test("unknown category and attribute codes are named once in the log; a product mapped to one waits; known mappings go out in P41")
    func unknownCodes() async throws {
        let h = try await FleetHarness.start(products: 12, withIngress: false)
        let products = try await Self.products(h)
        let heldCategory = try #require(products["2001"]?["categoryId"] as? Int)
        let held = Self.valid.filter { products[$0]?["categoryId"] as? Int == heldCategory }
        let sent = Self.valid.filter { !held.contains($0) }
        try #require(!sent.isEmpty, "every valid SKU is in category \(heldCategory)")
        let others = Set(products.values.compactMap { $0["categoryId"] as? Int }).subtracting([heldCategory])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-maps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let categoryMap = directory.appendingPathComponent("categories.csv")
        // CRF-CAT-<id> are in the sandbox's seeded hierarchy; CRF-GONE is not.
        try (["\(heldCategory);CRF-GONE"] + others.sorted().map { "\($0);CRF-CAT-\($0)" }).joined(separator: "\n")
            .write(to: categoryMap, atomically: true, encoding: .utf8)
        let attributeMap = directory.appendingPathComponent("attributes.csv")
        try "Marca;brand-name\nVoltagem;voltage\nCor;cor-desconhecida\n".write(to: attributeMap, atomically: true, encoding: .utf8)

        let worker = try await h.startWorker("catalog", [
            "CARREFOUR_CATEGORY_MAP": categoryMap.path, "CARREFOUR_ATTRIBUTE_MAP": attributeMap.path,
        ])
        for sku in Self.valid { try await h.publish(SKUChanged(skuId: sku), id: "maps-\(sku)") }
        var log: [IntegrationEvent] = []
        var latest: [String: IntegrationEvent] = [:]
        let settled = await eventually(timeout: .seconds(90), every: .seconds(1)) {
            log = (try? await h.log()) ?? []
            latest = [:]
            for event in log where event.entity == .product { latest[event.entityId] = event }
            return sent.allSatisfy { latest[$0]?.status == .success } && held.allSatisfy { latest[$0]?.status == .error }
        }
        #expect(settled, "\(latest.mapValues { "\($0.status) \($0.message)" })")

        let checks = log.filter { $0.entity == .connector && $0.entityId.hasSuffix("_MAP") }
        let categoryErrors = checks.filter { $0.entityId == "CARREFOUR_CATEGORY_MAP" }
        #expect(categoryErrors.count == 1 && categoryErrors.first?.status == .error, "\(checks.map(\.message))")
        let categoryMessage = categoryErrors.first?.message ?? ""
        #expect(categoryMessage.contains(categoryMap.path) && categoryMessage.contains(": CRF-GONE."), "\(categoryMessage)")
        #expect(!categoryMessage.contains("CRF-CAT-"))
        let attributeErrors = checks.filter { $0.entityId == "CARREFOUR_ATTRIBUTE_MAP" }
        #expect(attributeErrors.count == 1 && attributeErrors.first?.status == .error, "\(checks.map(\.message))")
        let attributeMessage = attributeErrors.first?.message ?? ""
        #expect(attributeMessage.contains(attributeMap.path) && attributeMessage.contains(": cor-desconhecida."), "\(attributeMessage)")
        #expect(!attributeMessage.contains("brand-name") && !attributeMessage.contains("voltage"))

        for sku in held {
            #expect(latest[sku]?.message.contains("is mapped to Carrefour category 'CRF-GONE', which is not among Carrefour's leaf categories (H11)") == true,
                    "\(sku): \(latest[sku]?.message ?? "nothing logged")")
        }
        let state = try await h.sandbox.adminObject(.mirakl, "/state")
        let inMirakl = state["products"] as? [[String: Any]] ?? []
        for sku in sent {
            let product = try #require(inMirakl.first { $0["sku"] as? String == sku }, "\(sku) not in Mirakl")
            let categoryId = try #require(products[sku]?["categoryId"] as? Int)
            #expect(product["category"] as? String == "CRF-CAT-\(categoryId)")
            let attributes = product["attributes"] as? [String: String] ?? [:]
            #expect(attributes["brand-name"] == products[sku]?["brandName"] as? String && attributes["voltage"] != nil)
        }
        #expect(!inMirakl.contains { held.contains($0["sku"] as? String ?? "") })
        let parked = try await h.drain("catalog.parked").compactMap { try? SKUChanged.decode(body: $0.body).skuId }
        #expect(Set(parked) == Set(held))

        // Read once at start; the products prepared afterwards used that reading (an hour's limit).
        let calls = try await h.sandbox.adminObject(.mirakl, "/calls")
        #expect((calls["calls"] as? [String: Int])?["H11"] == 1 && (calls["calls"] as? [String: Int])?["PM11"] == 1, "\(calls)")
        #expect((calls["rateLimited"] as? [String: Int] ?? [:]).keys.allSatisfy { $0 != "H11" && $0 != "PM11" })
        await worker.stop()
        await h.stop()
    }

    @Test("H11 refused with 429 at start: the product waits without an error, H11 is read again, then the product goes out")
    func refusedReadDoesNotBlock() async throws {
        let h = try await FleetHarness.start(products: 12, withIngress: false)
        let products = try await Self.products(h)
        let categories = Set(products.values.compactMap { $0["categoryId"] as? Int })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-maps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let categoryMap = directory.appendingPathComponent("categories.csv")
        try categories.sorted().map { "\($0);CRF-CAT-\($0)" }.joined(separator: "\n").write(to: categoryMap, atomically: true, encoding: .utf8)
        // The worker's first Mirakl call, its start-up H11, gets a 429 asking for 8 seconds: the
        // product published once it is refused arrives inside that wait.
        let (status, _) = try await h.sandbox.admin(.put, .mirakl, "/faults", json: #"{"tooManyRequestsBurst":1,"retryAfterSeconds":8}"#)
        #expect(status == 200)

        let worker = try await h.startWorker("catalog", ["CARREFOUR_CATEGORY_MAP": categoryMap.path])
        let refused = await eventually(timeout: .seconds(20), every: .milliseconds(200)) {
            let calls = try? await h.sandbox.adminObject(.mirakl, "/calls")
            return (calls?["faultsInjected"] as? [String: Int])?["tooManyRequests"] == 1
        }
        #expect(refused)
        let sku = "2008"
        try await h.publish(SKUChanged(skuId: sku), id: "refused-\(sku)")
        var log: [IntegrationEvent] = []
        let settled = await eventually(timeout: .seconds(90), every: .seconds(1)) {
            log = (try? await h.log()) ?? []
            return log.last { $0.entity == .product && $0.entityId == sku }?.status == .success
        }
        #expect(settled, "\(log.filter { $0.entityId == sku }.map { "\($0.status) \($0.message)" })")
        #expect(!log.contains { $0.entityId == sku && $0.status == .error })
        // The product's delivery failed transiently on the list, and came back (not the start check's own retry).
        let waited = worker.standardError.split(separator: "\n").contains {
            $0.contains("handling failed") && $0.contains("categories (H11) could not be read yet")
        }
        #expect(waited, "the product did not wait for H11: \(worker.standardError.suffix(2000))")
        #expect(!log.contains { $0.entity == .connector && $0.entityId == "CARREFOUR_CATEGORY_MAP" }, "every mapped code is known")
        let calls = try await h.sandbox.adminObject(.mirakl, "/calls")
        // The refused call never reached the route; one read answered, and no call past the hour's limit.
        #expect((calls["calls"] as? [String: Int])?["H11"] == 1, "\(calls)")
        #expect((calls["rateLimited"] as? [String: Int])?["H11"] == nil, "\(calls)")
        await worker.stop()
        await h.stop()
    }

    @Test("carrefourctl catalog check-maps prints the unknown codes and exits 1; a second check within the hour cannot be made (exit 2)")
    func checkMapsCommand() async throws {
        let h = try await FleetHarness.start(products: 2, withIngress: false)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-maps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let categoryMap = directory.appendingPathComponent("categories.csv")
        try "10;CRF-CAT-10\n20;CRF-GONE\n30;CRF-CAT\n".write(to: categoryMap, atomically: true, encoding: .utf8)
        let attributeMap = directory.appendingPathComponent("attributes.csv")
        try "Voltagem;voltage\nCor;cor-desconhecida\n".write(to: attributeMap, atomically: true, encoding: .utf8)
        var environment = h.sandbox.connectorEnvironment.merging(FleetHarness.workerSettings) { $1 }
        environment["CARREFOUR_CATEGORY_MAP"] = categoryMap.path
        environment["CARREFOUR_ATTRIBUTE_MAP"] = attributeMap.path

        let first = try await Subprocess.run(Subprocess.builtProduct("carrefourctl"), ["catalog", "check-maps"], environment: environment)
        #expect(first.status == 1, "\(first.standardOutput) \(first.standardError)")
        let lines = Set(first.standardOutput.split(separator: "\n").map(String.init))
        // CRF-CAT is in the hierarchy but not a leaf: no product can go there.
        #expect(lines.isSuperset(of: ["CARREFOUR_CATEGORY_MAP\tCRF-CAT", "CARREFOUR_CATEGORY_MAP\tCRF-GONE", "CARREFOUR_ATTRIBUTE_MAP\tcor-desconhecida"]),
                "\(first.standardOutput)")
        #expect(!first.standardOutput.contains("CRF-CAT-10") && !first.standardOutput.contains("\tvoltage"))

        let second = try await Subprocess.run(Subprocess.builtProduct("carrefourctl"), ["catalog", "check-maps"], environment: environment)
        #expect(second.status == 2 && second.standardError.contains("429"), "\(second.standardOutput) \(second.standardError)")
        await h.stop()
    }

    @Test("no map: the VTEX category name goes out; one the sandbox's hierarchy lacks is refused in P44 and logged, the others integrated")
    func sandboxRefusesUnknownCategory() async throws {
        let h = try await FleetHarness.start(products: 12, withIngress: false)
        let products = try await Self.products(h)
        let refusedName = try #require(products["2001"]?["categoryName"] as? String)
        let refused = Self.valid.filter { products[$0]?["categoryName"] as? String == refusedName }
        let integrated = Self.valid.filter { !refused.contains($0) }
        try #require(!integrated.isEmpty, "every valid SKU is in category \(refusedName)")
        // Carrefour's hierarchy without that category.
        let names = Set(products.values.compactMap { $0["categoryName"] as? String }).subtracting([refusedName])
        let tree = [#"{"code":"DEPARTAMENTOS"}"#] + names.sorted().map { #"{"code":"\#($0)","parentCode":"DEPARTAMENTOS"}"# }
        let (status, _) = try await h.sandbox.admin(.put, .mirakl, "/hierarchies", json: #"{"hierarchies":[\#(tree.joined(separator: ","))]}"#)
        #expect(status == 200)

        let worker = try await h.startWorker()
        for sku in Self.valid { try await h.publish(SKUChanged(skuId: sku), id: "tree-\(sku)") }
        var latest: [String: IntegrationEvent] = [:]
        let settled = await eventually(timeout: .seconds(90), every: .seconds(1)) {
            latest = (try? await h.latestProductEvents()) ?? [:]
            return integrated.allSatisfy { latest[$0]?.status == .success } && refused.allSatisfy { latest[$0]?.status == .error }
        }
        #expect(settled, "\(latest.mapValues { "\($0.status) \($0.message)" })")
        for sku in refused {
            #expect(latest[sku]?.message.contains("Carrefour refused the product in import") == true
                && latest[sku]?.message.contains("[1001] Category \(refusedName) is unknown") == true,
                    "\(sku): \(latest[sku]?.message ?? "nothing logged")")
        }
        // No map, nothing to check: Carrefour's lists are not read.
        #expect(try await h.sandbox.miraklCalls()["H11"] == nil)
        await worker.stop()
        await h.stop()
    }
}
