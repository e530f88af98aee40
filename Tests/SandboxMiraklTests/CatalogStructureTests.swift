import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// H11 and PM11 (the seller spec's operations of those ids; mirakl-api.md §2) and P41's category
/// rule: a product's category must be a leaf of the H11 hierarchy.
@Suite("Catalog structure (H11, PM11) and P41's category check")
struct CatalogStructureTests {
    static func codes(_ body: [String: Any], _ key: String) -> [String] {
        (body[key] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("H11 lists the seeded tree with levels and parents; hierarchy and max_level narrow it; an unknown one is 404")
    func hierarchies() async throws {
        try await MiraklHarness.run { client in
            let all = try client.object(try await client.call(.get, "/api/hierarchies"))
            let items = all["hierarchies"] as? [[String: Any]] ?? []
            let casa = try #require(items.first { $0["code"] as? String == "Casa" })
            #expect(casa["level"] as? Int == 2 && casa["parent_code"] as? String == "DEPARTAMENTOS")
            let root = try #require(items.first { $0["code"] as? String == "DEPARTAMENTOS" })
            #expect(root["level"] as? Int == 1 && root["parent_code"] as? String == "")
            for code in ["Eletronicos", "Esporte", "Ferramentas", "Roupas", "c1", "CRF-CAT-10", "CRF-CAT-40"] {
                #expect(Self.codes(all, "hierarchies").contains(code), "\(code) is not seeded")
            }
            let firstLevel = Self.codes(try client.object(try await client.call(.get, "/api/hierarchies?max_level=1")), "hierarchies")
            #expect(Set(firstLevel) == ["DEPARTAMENTOS", "CRF-CAT"])
            let branch = Self.codes(try client.object(try await client.call(.get, "/api/hierarchies?hierarchy=CRF-CAT-20")), "hierarchies")
            #expect(Set(branch) == ["CRF-CAT", "CRF-CAT-20"])
            let unknown = try await client.call(.get, "/api/hierarchies?hierarchy=NOPE")
            let body = try client.object(unknown)
            #expect(unknown.status == .notFound && body["status"] as? Int == 404)
        }
    }

    @Test("PM11 lists the shared attributes and a category's own; the admin API replaces the lists and refuses a broken tree")
    func attributesAndAdmin() async throws {
        try await MiraklHarness.run { client in
            let seeded = Self.codes(try client.object(try await client.call(.get, "/api/products/attributes")), "attributes")
            #expect(Set(["category", "brand-name", "voltage"]).isSubset(of: Set(seeded)))

            let tree: [String: Any] = ["hierarchies": [
                ["code": "ROOT", "label": "Raiz"], ["code": "LEAF-A", "parentCode": "ROOT"], ["code": "LEAF-B", "parentCode": "ROOT"],
            ]]
            #expect(try await client.admin(.put, "/hierarchies", tree).status == .ok)
            let attributes: [String: Any] = ["attributes": [
                ["code": "shared"], ["code": "only-a", "hierarchyCode": "LEAF-A", "roles": ["TITLE"]], ["code": "only-b", "hierarchyCode": "LEAF-B"],
            ]]
            #expect(try await client.admin(.put, "/attributes", attributes).status == .ok)
            let all = Self.codes(try client.object(try await client.call(.get, "/api/hierarchies")), "hierarchies")
            #expect(all == ["ROOT", "LEAF-A", "LEAF-B"])
            let ofA = Self.codes(try client.object(try await client.call(.get, "/api/products/attributes?hierarchy=LEAF-A")), "attributes")
            #expect(ofA == ["shared", "only-a"])
            let withRoles = Self.codes(try client.object(try await client.call(.get, "/api/products/attributes?with_roles=true")), "attributes")
            #expect(withRoles == ["only-a"])

            let orphan: [String: Any] = ["hierarchies": [["code": "X", "parentCode": "MISSING"]]]
            #expect(try await client.admin(.put, "/hierarchies", orphan).status == .badRequest)
            let cycle: [String: Any] = ["hierarchies": [["code": "X", "parentCode": "Y"], ["code": "Y", "parentCode": "X"]]]
            #expect(try await client.admin(.put, "/hierarchies", cycle).status == .badRequest)
            #expect(Self.codes(try client.object(try await client.call(.get, "/api/hierarchies")), "hierarchies") == all)
        }
    }

    @Test("P41: a category H11 does not list, one that is not a leaf, or none is refused in P44; a leaf is integrated")
    func productCategories() async throws {
        try await MiraklHarness.run { client in
            let header = Files.productHeader
            let good = Files.product(productId: "1", sku: "1")  // Roupas, a seeded leaf
            let lines = [
                good,
                Files.product(productId: "2", sku: "2").replacingOccurrences(of: ";Roupas", with: ";Brinquedos"),
                Files.product(productId: "3", sku: "3").replacingOccurrences(of: ";Roupas", with: ";DEPARTAMENTOS"),
                Files.product(productId: "4", sku: "4").replacingOccurrences(of: ";Roupas", with: ";"),
            ]
            let created = try await client.upload("/api/products/imports", file: ([header] + lines).joined(separator: "\n"))
            let importId = try #require(try client.object(created)["import_id"] as? Int)
            #expect(try await client.productStatuses(importId, until: "COMPLETE").last == "COMPLETE")
            let report = String(buffer: try await client.call(.get, "/api/products/imports/\(importId)/error_report").body)
            let rows = report.split(separator: "\n").map(String.init)
            #expect(rows.contains { $0.contains("\"2\"") && $0.contains("1001|Category Brinquedos is unknown") }, "\(report)")
            #expect(rows.contains { $0.contains("\"3\"") && $0.contains("1001|Category DEPARTAMENTOS is not a leaf category") }, "\(report)")
            #expect(rows.contains { $0.contains("\"4\"") && $0.contains("1000|The attribute 'category' is required") }, "\(report)")
            #expect(!rows.contains { $0.contains("\"1\";\"1\"") })
            let added = String(buffer: try await client.call(.get, "/api/products/imports/\(importId)/new_product_report").body)
            // Rows are "line";"shop_sku";"product_id";…: SKU 1 is there, SKUs 2 to 4 are not.
            #expect(added.contains("\"1\";\"1\"") && !added.contains("\"2\";\"2\"") && !added.contains("\"3\";\"3\""))
        }
    }

    @Test("H11 and PM11 are limited to once an hour: the second call is 429 with Retry-After")
    func hourly() async throws {
        try await MiraklHarness.run(settings: MiraklHarness.settings(rateLimits: true), timeScale: 60) { client in
            for path in ["/api/hierarchies", "/api/products/attributes"] {
                #expect(try await client.call(.get, path).status == .ok)
                let limited = try await client.call(.get, path)
                #expect(limited.status == .tooManyRequests)
                // An hour at scale 60 is 60 real seconds, less the time since the first call.
                #expect((50...60).contains(Int(limited.headers[.retryAfter] ?? "") ?? 0))
            }
        }
    }
}
