import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing

/// Pickup-in-point orders (new-order-integration.md scenario 9): the Carrefour PickUp DropOff point
/// mapped to a VTEX pickup point by `CARREFOUR_PICKUP_POINTS`.
@Suite("Orders end to end: pickup in point", .serialized)
struct OrderPickupTests {
    @Test("a mapped pickup point → VTEX's pickup-in-point channel at the VTEX point's address; an unmapped one → an Error naming it")
    func pickup() async throws {
        let world = try await OrdersHarness.start(settings: ["CARREFOUR_PICKUP_POINTS": "PUDO-1=PP-CENTRO"])
        do {
            // VTEX: a pickup point and its pickup-in-point SLA, beside the seeded delivery SLAs.
            var slas = try JSONSerialization.jsonObject(with: Data(
                try await OrdersHarness.http.execute(.init(method: .get, url: world.vtexURL + "/_admin/slas")).body)) as? [[String: Any]] ?? []
            slas.append([
                "name": "Retirada Centro", "carrierType": "Normal", "deliveryChannel": "pickup-in-point", "courierId": "9",
                "courierName": "Retirada", "price": 0, "shippingEstimate": "1bd", "lockTTL": "10d", "pickupPointId": "PP-CENTRO",
            ])
            _ = try await world.json(.put, world.vtexURL + "/_admin/slas", body: slas)
            _ = try await world.json(.put, world.vtexURL + "/_admin/pickup-points", body: [[
                "id": "PP-CENTRO", "name": "Loja Centro", "isActive": true,
                "address": [
                    "postalCode": "01001-000", "country": ["acronym": "BRA", "name": "Brasil"], "city": "São Paulo", "state": "SP",
                    "neighborhood": "Sé", "street": "Praça da Sé", "number": "100", "complement": "Loja 1",
                    "location": ["latitude": -23.5503, "longitude": -46.6339],
                ],
            ]])
            try world.startWorker("order-importer")
            let price = Double(try await world.simulatedPrice("2001")) / 100
            func create(_ point: String) async throws -> String {
                let object = try await world.json(.post, world.miraklURL + "/_admin/orders", body: [
                    "lines": [["sku": "2001", "quantity": 1, "price": price, "shippingPrice": 0]], "shippingType": "PICKUP",
                    "pickupPoint": point,
                ], expect: 201)
                return object["orderId"] as? String ?? ""
            }
            let mapped = try await create("PUDO-1")
            let unmapped = try await create("PUDO-9")
            let ready = try await eventually(timeout: .seconds(60)) {
                try await world.vtexOrder("CRF-\(mapped)")?["status"] as? String == "ready-for-handling"
            }
            let diagnostics = ready ? "" : await world.diagnostics()
            let messages = try await world.events(of: mapped).map(\.message)
            #expect(ready, "\(messages)\n\(diagnostics)")
            let order = try #require(try await world.vtexOrder("CRF-\(mapped)"))
            let shipping = order["shippingData"] as? [String: Any] ?? [:]
            let logistics = (shipping["logisticsInfo"] as? [[String: Any]])?.first
            #expect(logistics?["selectedDeliveryChannel"] as? String == "pickup-in-point")
            #expect(logistics?["selectedSla"] as? String == "Retirada Centro")
            let address = (shipping["address"] as? [String: Any]) ?? ((shipping["selectedAddresses"] as? [[String: Any]])?.first ?? [:])
            #expect(address["addressType"] as? String == "pickup")
            #expect(address["postalCode"] as? String == "01001-000")

            let named = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: unmapped).contains {
                    $0.status == .error && $0.message.contains("Carrefour pickup point PUDO-9") && $0.message.contains("CARREFOUR_PICKUP_POINTS")
                }
            }
            #expect(named)
            #expect(try await world.vtexOrder("CRF-\(unmapped)") == nil)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
