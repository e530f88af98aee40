import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Product import (P41 → P42 → P44/P45)")
struct ProductImportTests {
    @Test("an import walks WAITING → RUNNING → SENT → COMPLETE, then P45 lists the good lines and P44 the bad ones")
    func lifecycleWithBothReports() async throws {
        // Three real seconds per stage and 30 before going live, so that polling sees every stage
        // and the product still waiting for cataloguing even while brokers start beside it on a
        // loaded 2-core CI machine (one real second per stage was seen to skip SENT there).
        try await MiraklHarness.run(settings: MiraklHarness.settings(waiting: 180, running: 180, sent: 180, cataloguing: 1800)) { client in
            let file = [
                Files.productHeader,
                Files.product(productId: "10", sku: "100"),
                Files.product(productId: "11", sku: "110", ean: ""),                      // missing EAN
                Files.product(productId: "12", sku: "120", images: ""),                   // missing images
                Files.product(productId: "13", sku: "130"), Files.product(productId: "13", sku: "131"),  // two SKUs
            ].joined(separator: "\n")
            let created = try await client.upload("/api/products/imports", file: file)
            #expect(created.status == .created)
            let importId = try #require(try client.object(created)["import_id"] as? Int)

            let statuses = try await client.productStatuses(importId, until: "COMPLETE", timeout: .seconds(30))
            #expect(statuses == ["WAITING", "RUNNING", "SENT", "COMPLETE"])

            let tracking = try client.object(try await client.call(.get, "/api/products/imports/\(importId)"))
            #expect(tracking["has_error_report"] as? Bool == true)
            #expect(tracking["has_new_product_report"] as? Bool == true)

            let added = String(buffer: try await client.call(.get, "/api/products/imports/\(importId)/new_product_report").body)
            #expect(added.contains("\"100\""))
            #expect(!added.contains("\"110\""))

            let errors = String(buffer: try await client.call(.get, "/api/products/imports/\(importId)/error_report").body)
            #expect(errors.hasPrefix("\"line\";\"shop_sku\";\"product_id\";\"errors\""))
            #expect(errors.contains("\"110\"") && errors.contains("The attribute 'ean' is required"))
            #expect(errors.contains("\"120\"") && errors.contains("The attribute 'image-urls' is required"))
            #expect(errors.contains("\"130\"") && errors.contains("\"131\"") && errors.contains("does not accept products with variations"))
            #expect(!errors.contains("\"100\""))

            let products = try await client.state()["products"] as? [[String: Any]] ?? []
            let states = Dictionary(uniqueKeysWithValues: products.map { ($0["sku"] as? String ?? "", $0["state"] as? String ?? "") })
            #expect(states["100"] == "WAITING_CATALOGUING")
            #expect(states["110"] == "REJECTED")
        }
    }

    @Test("reports are not available before COMPLETE")
    func reportsWaitForCompletion() async throws {
        try await MiraklHarness.run(settings: MiraklHarness.settings(waiting: 600)) { client in
            let created = try await client.upload("/api/products/imports", file: Files.productHeader + "\n" + Files.product(productId: "1", sku: "1"))
            let importId = try #require(try client.object(created)["import_id"] as? Int)
            let report = try await client.call(.get, "/api/products/imports/\(importId)/new_product_report")
            #expect(report.status == .notFound)
            #expect(try client.object(report)["status"] as? Int == 404)
        }
    }

    @Test("a header without a required column fails the whole import")
    func missingColumnFails() async throws {
        try await MiraklHarness.run { client in
            let created = try await client.upload("/api/products/imports", file: "product-id;shop-sku;name\n1;1;x")
            let importId = try #require(try client.object(created)["import_id"] as? Int)
            let statuses = try await client.productStatuses(importId, until: "FAILED")
            #expect(statuses.last == "FAILED")
            let tracking = try client.object(try await client.call(.get, "/api/products/imports/\(importId)"))
            #expect((tracking["reason_status"] as? String)?.contains("ean") == true)
        }
    }

    @Test("a product deleted in Carrefour can never be imported again")
    func deletedProductNeverImportable() async throws {
        try await MiraklHarness.run { client in
            let file = Files.productHeader + "\n" + Files.product(productId: "50", sku: "500")
            let first = try client.object(try await client.upload("/api/products/imports", file: file))["import_id"] as? Int ?? 0
            _ = try await client.productStatuses(first, until: "COMPLETE")
            let deleted = try await client.admin(.delete, "/products/500")
            #expect(deleted.status == .ok)

            let second = try client.object(try await client.upload("/api/products/imports", file: file))["import_id"] as? Int ?? 0
            #expect(second != first)
            #expect(try await client.productStatuses(second, until: "COMPLETE").last == "COMPLETE")
            let errors = String(buffer: try await client.call(.get, "/api/products/imports/\(second)/error_report").body)
            #expect(errors.contains("\"500\"") && errors.contains("deleted in Carrefour"))
            let added = try await client.call(.get, "/api/products/imports/\(second)/new_product_report")
            #expect(added.status == .notFound)
            let products = try await client.state()["products"] as? [[String: Any]] ?? []
            #expect(products.first { $0["sku"] as? String == "500" }?["state"] as? String == "DELETED")
        }
    }

    @Test("P51 lists imports newest first with total_count")
    func listsImports() async throws {
        try await MiraklHarness.run { client in
            for sku in ["1", "2", "3"] {
                _ = try await client.upload("/api/products/imports", file: Files.productHeader + "\n" + Files.product(productId: sku, sku: sku))
            }
            let list = try client.object(try await client.call(.get, "/api/products/imports?max=2"))
            #expect(list["total_count"] as? Int == 3)
            let ids = (list["product_import_trackings"] as? [[String: Any]] ?? []).compactMap { $0["import_id"] as? Int }
            #expect(ids.count == 2 && ids[0] > ids[1])
        }
    }
}
