import Foundation
import IntegrationRules
import Testing

@Suite("Order rules: corporate buyers, taxes, incidents; credential errors")
struct OrderShapeRulesTests {
    static func choice() throws -> ShippingSelection.Choice {
        try ShippingSelection.choose(
            code: "NORMAL", label: nil, mapping: [.normal: "Normal"], offered: [OrderRulesTests.slas, OrderRulesTests.slas])
    }

    @Test("a CNPJ buyer gets VTEX's corporate fields (company from the billing address, else the buyer's name); a CPF none")
    func corporate() throws {
        var order = OrderRulesTests.order()
        order.customer.document = "11.222.333/0001-81"
        order.customer.companyName = "Acme Comércio Ltda"
        let draft = try OrderDraftRules.draft(order: order, shipping: try Self.choice(), settings: OrderRulesTests.settings())
        #expect(draft.client.document == "11222333000181")
        #expect(draft.client.corporate == .init(
            document: "11222333000181", name: "Acme Comércio Ltda", tradeName: "Acme Comércio Ltda", phone: "+55 11 91234-5678"))
        order.customer.companyName = nil
        #expect(try OrderDraftRules.draft(order: order, shipping: try Self.choice(), settings: OrderRulesTests.settings())
            .client.corporate?.name == "Ana Silva")
        #expect(try OrderDraftRules.draft(order: OrderRulesTests.order(), shipping: try Self.choice(), settings: OrderRulesTests.settings())
            .client.corporate == nil)
    }

    @Test("TAX_EXCLUDED: the lines' taxes go as taxData per SKU, in the payment and not as interest; TAX_INCLUDED: none")
    func taxes() throws {
        var order = OrderRulesTests.order(itemsCents: 6000, shippingCents: 1980, totalCents: 6000 + 1980 + 1080)
        order.lines[0].taxCents = 360
        order.lines[1].taxCents = 720
        order.taxesExcluded = true
        let draft = try OrderDraftRules.draft(order: order, shipping: try Self.choice(), settings: OrderRulesTests.settings())
        #expect(draft.taxes == [.init(skuId: "2001", valueCents: 360), .init(skuId: "2002", valueCents: 720)])
        #expect(draft.interestCents == 0)
        #expect(draft.paymentCents == 6000 + 1980 + 1080)
        order.taxesExcluded = false
        let included = try OrderDraftRules.draft(order: order, shipping: try Self.choice(), settings: OrderRulesTests.settings())
        #expect(included.taxes.isEmpty)
        #expect(included.interestCents == 1080)  // what the total holds beyond items and shipping
    }

    @Test("an open incident holds an order not yet in VTEX and only warns for an integrated one")
    func incidents() {
        guard case .hold(let hold) = IncidentRules.decide(orderId: "CRF-1-A", vtexOrderId: nil) else {
            Issue.record("not held")
            return
        }
        #expect(hold.contains("has an open incident") && hold.contains("once Carrefour closes the incident"))
        #expect(IncidentRules.decide(orderId: "CRF-1-A", vtexOrderId: "CRF-CRF-1-A")
            == .warn(message: "An incident was opened on Carrefour order CRF-1-A, already integrated in VTEX as CRF-CRF-1-A: follow it in Carrefour's panel"))
    }

    @Test("a refused key names which key to fix and where, from the client's reason")
    func credentials() {
        let shop = CredentialAlert.event(reason: "Mirakl OR11: API key refused (401)", worker: "order-importer", pause: "1m")
        #expect(shop.entity == .connector && shop.entityId == "ShopKey" && shop.status == .error && shop.operation == .authorization)
        #expect(shop.message.contains("CARREFOUR_MIRAKL_API_KEY") && shop.message.contains("Portal Fornecedor"))
        let vtex = CredentialAlert.event(reason: "VTEX get order: AppKey/AppToken refused (403)", worker: "invoice-tracker", pause: "1m")
        #expect(vtex.entityId == "VTEX app key" && vtex.message.contains("CARREFOUR_VTEX_APP_TOKEN"))
    }

    @Test("the message Carrefour gets for an order canceled in VTEX, and the Alert that says it was sent")
    func canceledInVTEX() {
        #expect(CancellationRules.canceledInVTEXMessage(orderId: "CRF-1-A", vtexOrderId: "CRF-CRF-1-A", reason: "sem estoque")
            == "O pedido CRF-1-A foi cancelado pela loja na VTEX (CRF-CRF-1-A): sem estoque. Por favor, cancelem o pedido no Carrefour.")
        #expect(CancellationRules.canceledInVTEXAlert(vtexOrderId: "CRF-CRF-1-A", thread: "t-1").contains("(thread t-1)"))
        #expect(CancellationRules.canceledInVTEXAlert(vtexOrderId: "CRF-CRF-1-A", why: "refused (400)").contains("could not be sent (refused (400))"))
    }
}

@Suite("Order rules: pickup in point")
struct PickupRulesTests {
    @Test("the Carrefour point maps by its id, else by the shipping type; unmapped names what to map")
    func mapping() throws {
        var order = OrderRulesTests.order()
        order.shippingTypeCode = "PICKUP"
        order.pickupPointId = "PUDO-1"
        #expect(try PickupRules.vtexPoint(of: order, mapping: ["PUDO-1": "PP-A", "PICKUP": "PP-B"]) == "PP-A")
        #expect(try PickupRules.vtexPoint(of: order, mapping: ["PICKUP": "PP-B"]) == "PP-B")
        do {
            _ = try PickupRules.vtexPoint(of: order, mapping: [:])
            Issue.record("an unmapped point was accepted")
        } catch {
            #expect(error.message.hasPrefix("Carrefour pickup point PUDO-1 (shipping type PICKUP) is not mapped to a VTEX pickup point: add PUDO-1=<VTEX pickup point id> to CARREFOUR_PICKUP_POINTS"))
        }
        #expect(PickupRules.parse("PUDO-1=PP-A, PICKUP = PP-B") == .success(["PUDO-1": "PP-A", "PICKUP": "PP-B"]))
        #expect(PickupRules.parse("PUDO-1=PP-A,PUDO-2") == .failure(MapLineError(line: 2)))
    }

    @Test("a pickup draft: pickup-in-point on every line, no SLA, the point as address")
    func draft() throws {
        let choice = try ShippingSelection.choose(
            code: "NORMAL", label: nil, mapping: [.normal: "Normal"], offered: [OrderRulesTests.slas, OrderRulesTests.slas])
        let delivery = try OrderDraftRules.draft(order: OrderRulesTests.order(), shipping: choice, settings: OrderRulesTests.settings())
        let point = VTEXOrderDraft.PickupAddress(
            pointId: "PP-A", address: .init(receiverName: "Ana Silva", postalCode: "01001-000", city: "São Paulo", state: "SP",
                                            countryISO3: "BRA", street: "Praça da Sé", number: "100", neighborhood: "Sé", complement: nil),
            latitude: -23.55, longitude: -46.63)
        let pickup = PickupRules.pickupDraft(delivery, pointId: "PP-A", point: point)
        #expect(pickup.logistics.allSatisfy { $0.deliveryChannel == "pickup-in-point" && $0.sla.isEmpty })
        #expect(pickup.pickup == point)
        #expect(pickup.paymentCents == delivery.paymentCents)
    }
}

@Suite("Notification e-mail: the digest")
struct NotificationDigestTests {
    static func event(_ id: String, _ status: IntegrationEvent.Status, at seconds: TimeInterval) -> IntegrationEvent {
        IntegrationEvent(
            operationId: id, entity: .order, entityId: id, operation: .order, direction: .carrefourToVTEX, status: status,
            message: "message \(id)\nsecond line", at: Date(timeIntervalSince1970: seconds), worker: "order-importer")
    }

    @Test("only Errors and Alerts after the last digest, oldest first; one line each, CRLF, the counts in the subject")
    func digest() {
        let events = [
            Self.event("A", .error, at: 200), Self.event("B", .success, at: 300), Self.event("C", .alert, at: 250),
            Self.event("D", .error, at: 100),
        ]
        let entries = NotificationDigest.entries(events, after: Date(timeIntervalSince1970: 150))
        #expect(entries.map(\.entityId) == ["A", "C"])
        #expect(NotificationDigest.subject(entries) == "Carrefour integration: 1 error, 1 alert")
        let text = String(decoding: NotificationDigest.message(entries, from: "f@x", to: "t@x", at: Date(timeIntervalSince1970: 400)), as: UTF8.self)
        #expect(text.hasPrefix("From: f@x\r\nTo: t@x\r\nSubject: Carrefour integration: 1 error, 1 alert\r\n"))
        #expect(text.contains("Error order A (order, order-importer): message A second line\r\n"))
        #expect(!text.contains("\nsecond"))
        #expect(NotificationDigest.entries(events, after: Date(timeIntervalSince1970: 300)).isEmpty)
        // The marker keeps whole milliseconds: the last entry sent is not sent again.
        let late = Self.event("E", .error, at: 500.0004)
        let marker = Date(timeIntervalSince1970: Double(NotificationDigest.milliseconds(late.at)) / 1000)
        #expect(NotificationDigest.entries([late], after: marker).isEmpty)
    }
}
