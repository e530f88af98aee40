import Foundation
import Hummingbird
import HummingbirdTesting
import SandboxTestSupport
import Testing

@Suite("Contract: every Mirakl route's responses validate against the published seller OpenAPI")
struct ContractTests {
    @Test("A01, SH12, H11, PM11, P41, P42, P44, P45, P51, OF01, OF02, OF03, OF21, OR11, OR21, OR23, OR24, OR29, OR43; every order shape")
    func everyRouteMatchesTheSpec() async throws {
        let recorder = ContractRecorder(specPath: try PackagePaths.miraklSellerSpec())
        try await MiraklHarness.run(settings: MiraklHarness.settings(cataloguing: 0), recorder: recorder) { client in
            try await client.call(.get, "/api/account")
            try await client.call(.get, "/api/shipping/types")
            try await client.call(.get, "/api/hierarchies")
            try await client.call(.get, "/api/hierarchies?hierarchy=Casa&max_level=1")
            try await client.call(.get, "/api/products/attributes")
            try await client.call(.get, "/api/products/attributes?hierarchy=CRF-CAT&max_level=1&with_roles=false")

            let products = [Files.productHeader, Files.product(productId: "1", sku: "1"),
                            Files.product(productId: "2", sku: "2", ean: "12")].joined(separator: "\n")
            let productImport = try client.object(try await client.upload("/api/products/imports", file: products))["import_id"] as? Int ?? 0
            try await client.call(.get, "/api/products/imports/\(productImport)")  // WAITING
            _ = try await client.productStatuses(productImport, until: "COMPLETE")
            try await client.call(.get, "/api/products/imports/\(productImport)/error_report")
            try await client.call(.get, "/api/products/imports/\(productImport)/new_product_report")
            try await client.call(.get, "/api/products/imports")

            let offers = [Files.offerHeader, Files.offer(sku: "1"), Files.offer(sku: "2")].joined(separator: "\n")
            let offerImport = try client.object(try await client.upload(
                "/api/offers/imports", file: offers, fields: ["import_mode": "NORMAL"]))["import_id"] as? Int ?? 0
            try await client.call(.get, "/api/offers/imports/\(offerImport)")  // WAITING
            _ = try await client.offerImportResult(offerImport)
            try await client.call(.get, "/api/offers/imports/\(offerImport)/error_report")
            try await client.call(.get, "/api/offers")

            // Orders in every state the connector reads: with and without addresses.
            let ids = try await (0..<3).asyncMap { _ in try await OrderLifecycleTests.createOrder(client, type: "SCHEDULED", skus: ["1"]) }
            try await client.call(.get, "/api/orders")
            for id in ids.prefix(2) {
                let line = (try await OrderLifecycleTests.order(client, id)["order_lines"] as? [[String: Any]])?.first?["order_line_id"] as? String ?? ""
                try await client.json(.put, "/api/orders/\(id)/accept", ["order_lines": [["id": line, "accepted": true]]])
            }
            _ = try await client.admin(.post, "/orders/\(ids[0])/state", ["action": "confirm_payment"])
            try await client.json(.put, "/api/orders/\(ids[0])/tracking", ["carrier_code": "CORREIOS", "tracking_number": "BR1"])
            try await client.call(.get, "/api/orders?order_state_codes=SHIPPING")
            try await client.call(.put, "/api/orders/\(ids[0])/ship")
            try await client.call(.put, "/api/orders/\(ids[2])/cancel")
            // OR43: a thread to the operator on an order.
            let boundary = "sandbox-test-boundary-or43"
            let thread = "--\(boundary)\r\nContent-Disposition: form-data; name=\"thread_input\"\r\nContent-Type: application/json\r\n\r\n"
                + #"{"body":"Pedido cancelado pela loja","to":["OPERATOR"],"topic":{"type":"FREE_TEXT","value":"Cancelamento"}}"#
                + "\r\n--\(boundary)--\r\n"
            let created = try await client.call(
                .post, "/api/orders/\(ids[0])/threads", contentType: "multipart/form-data; boundary=\(boundary)", body: Array(thread.utf8))
            #expect(created.status == .created)
            // The other shapes, paid (addresses, the company, taxes, an open incident), and a whole-line promotion.
            let shaped = try client.object(try await client.admin(.post, "/orders", [
                "lines": [["sku": "1", "quantity": 3, "price": 10, "linePrice": 29.99]], "corporate": true, "taxRate": 18,
                "incident": true,
            ]))["orderId"] as? String ?? ""
            let shapedLine = (try await OrderLifecycleTests.order(client, shaped)["order_lines"] as? [[String: Any]])?.first?["order_line_id"] as? String ?? ""
            try await client.json(.put, "/api/orders/\(shaped)/accept", ["order_lines": [["id": shapedLine, "accepted": true]]])
            _ = try await client.admin(.post, "/orders/\(shaped)/state", ["action": "confirm_payment"])
            let order = try await OrderLifecycleTests.order(client, shaped)
            #expect(order["has_incident"] as? Bool == true && order["order_tax_mode"] as? String == "TAX_EXCLUDED")
            let line = (order["order_lines"] as? [[String: Any]])?.first
            #expect(line?["order_line_state"] as? String == "INCIDENT_OPEN")
            #expect((line?["taxes"] as? [[String: Any]])?.first?["amount"] as? Double == 5.4)
            #expect(line?["price"] as? Double == 29.99)
            #expect(abs((order["total_price"] as? Double ?? 0) - 45.39) < 0.001)  // 29.99 + shipping 10.00 + tax 5.40
            let billing = (order["customer"] as? [String: Any])?["billing_address"] as? [String: Any]
            #expect((billing?["company"] as? String)?.isEmpty == false)
            try await client.call(.get, "/api/orders?max=100")
        }
        #expect(recorder.count >= 22)
        let report = try await recorder.validate()
        #expect(report.passed, "\(report)")
        #expect(report.failures.isEmpty)
        let covered = Set(report.passes.compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) })
        #expect(covered.count >= 12, "\(covered)")
    }

    @Test("the validator rejects a body that breaks the schema (the contract check can fail)")
    func validatorCatchesViolations() async throws {
        let recorder = ContractRecorder(specPath: try PackagePaths.miraklSellerSpec())
        try recorder.record(method: "POST", path: "/api/offers/imports", status: 201, body: Array(#"{"import_id":"x"}"#.utf8), isJSON: true)
        try recorder.record(method: "GET", path: "/api/orders", status: 200, body: Array(#"{"orders":[{}],"total_count":1}"#.utf8), isJSON: true)
        try recorder.record(method: "PUT", path: "/api/orders/X/ship", status: 418, body: nil, isJSON: false)
        let report = try await recorder.validate()
        #expect(!report.passed)
        #expect(report.failures.count == 3, "\(report)")
    }
}

extension Sequence where Element: Sendable {
    /// Maps sequentially with an async transform.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
