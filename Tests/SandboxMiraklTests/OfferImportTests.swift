import Foundation
import Hummingbird
import HummingbirdTesting
import SandboxTestSupport
import Testing

@Suite("Offer import (OF01 → OF02 → OF03, OF21)")
struct OfferImportTests {
    /// Imports one product and waits for COMPLETE (it is catalogued `cataloguing` later).
    static func importProduct(_ client: MiraklTestClient, sku: String) async throws {
        let created = try await client.upload(
            "/api/products/imports", file: Files.productHeader + "\n" + Files.product(productId: "p\(sku)", sku: sku))
        let importId = try #require(try client.object(created)["import_id"] as? Int)
        #expect(try await client.productStatuses(importId, until: "COMPLETE").last == "COMPLETE")
    }

    @Test("an offer is refused with the seed's message before cataloguing and accepted after")
    func refusedBeforeCataloguingAcceptedAfter() async throws {
        // Cataloguing takes 240 sandbox seconds = 4 real seconds after COMPLETE: wide enough that
        // the early import is always checked before it, even on a loaded CI machine.
        try await MiraklHarness.run(settings: MiraklHarness.settings(cataloguing: 240)) { client in
            try await Self.importProduct(client, sku: "700")
            let early = try await client.upload(
                "/api/offers/imports", file: Files.offerHeader + "\n" + Files.offer(sku: "700", key: "msg-1"),
                fields: ["import_mode": "NORMAL"])
            #expect(early.status == .created)
            let earlyId = try #require(try client.object(early)["import_id"] as? Int)
            let earlyResult = try await client.offerImportResult(earlyId)
            #expect(earlyResult["status"] as? String == "COMPLETE")
            #expect(earlyResult["lines_in_error"] as? Int == 1)
            #expect(earlyResult["has_error_report"] as? Bool == true)

            let report = String(buffer: try await client.call(.get, "/api/offers/imports/\(earlyId)/error_report").body)
            let lines = report.split(separator: "\n")
            #expect(lines.first?.hasSuffix("\"connector-key\";\"error-line\";\"error-message\"") == true)
            #expect(lines.count == 2)
            #expect(report.contains("\"msg-1\";\"2\";\"Produto ainda não foi catalogado no Carrefour."))

            var state = try await client.state()
            #expect((state["offers"] as? [Any])?.isEmpty == true)

            // Waits for the cataloguing itself (the product LIVE in the sandbox's state).
            let catalogued = try await readings(now: { client.sandbox.clock.now }, until: { $0 }) {
                ((try await client.state()["products"] as? [[String: Any]]) ?? []).contains {
                    $0["sku"] as? String == "700" && $0["state"] as? String == "LIVE"
                }
            }
            #expect(catalogued.last?.value == true, "not catalogued")
            let later = try await client.upload(
                "/api/offers/imports", file: Files.offerHeader + "\n" + Files.offer(sku: "700", quantity: 6, key: "msg-2"),
                fields: ["import_mode": "NORMAL"])
            let laterId = try #require(try client.object(later)["import_id"] as? Int)
            #expect(laterId != earlyId)
            let laterResult = try await client.offerImportResult(laterId)
            #expect(laterResult["lines_in_success"] as? Int == 1)
            #expect(laterResult["offer_inserted"] as? Int == 1)
            #expect(laterResult["has_error_report"] as? Bool == false)
            #expect(try await client.call(.get, "/api/offers/imports/\(laterId)/error_report").status == .notFound)

            state = try await client.state()
            let offer = try #require((state["offers"] as? [[String: Any]])?.first)
            #expect(offer["sku"] as? String == "700")
            #expect(offer["quantity"] as? Int == 6)
            #expect(offer["active"] as? Bool == true)
            #expect(offer["importId"] as? Int == laterId)

            let listed = try client.object(try await client.call(.get, "/api/offers"))
            #expect(listed["total_count"] as? Int == 1)
            let wire = try #require((listed["offers"] as? [[String: Any]])?.first)
            #expect(wire["shop_sku"] as? String == "700")
            #expect(wire["price"] as? Double == 49.9)
        }
    }

    @Test("quantity 0 makes the offer inactive; delete removes it")
    func inactiveAndDelete() async throws {
        try await MiraklHarness.run(settings: MiraklHarness.settings(cataloguing: 0)) { client in
            try await Self.importProduct(client, sku: "800")
            let zero = try await client.upload(
                "/api/offers/imports", file: Files.offerHeader + "\n" + Files.offer(sku: "800", quantity: 0),
                fields: ["import_mode": "NORMAL"])
            _ = try await client.offerImportResult(try #require(try client.object(zero)["import_id"] as? Int))
            let offer = try #require((try await client.state()["offers"] as? [[String: Any]])?.first)
            #expect(offer["active"] as? Bool == false)

            let delete = try await client.upload(
                "/api/offers/imports", file: Files.offerHeader + "\n800;800;SHOP_SKU;49.90;0;11;delete;k",
                fields: ["import_mode": "NORMAL"])
            let result = try await client.offerImportResult(try #require(try client.object(delete)["import_id"] as? Int))
            #expect(result["offer_deleted"] as? Int == 1)
            #expect((try await client.state()["offers"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a repeated identical OF01 returns the existing import id")
    func duplicateReturnsSameId() async throws {
        try await MiraklHarness.run { client in
            let file = Files.offerHeader + "\n" + Files.offer(sku: "900")
            let first = try client.object(try await client.upload("/api/offers/imports", file: file, fields: ["import_mode": "NORMAL"]))
            let again = try client.object(try await client.upload("/api/offers/imports", file: file, fields: ["import_mode": "NORMAL"]))
            let other = try client.object(try await client.upload(
                "/api/offers/imports", file: Files.offerHeader + "\n" + Files.offer(sku: "900", price: "50.00"),
                fields: ["import_mode": "NORMAL"]))
            #expect(first["import_id"] as? Int == again["import_id"] as? Int)
            #expect(first["import_id"] as? Int != other["import_id"] as? Int)
            #expect((try await client.state()["offerImports"] as? [Any])?.count == 2)
        }
    }

    @Test("OF01 without import_mode is a 400 with Mirakl's error body")
    func importModeRequired() async throws {
        try await MiraklHarness.run { client in
            let response = try await client.upload("/api/offers/imports", file: Files.offerHeader)
            #expect(response.status == .badRequest)
            let body = try client.object(response)
            #expect(body["status"] as? Int == 400)
            #expect((body["message"] as? String)?.contains("import_mode") == true)
        }
    }
}
