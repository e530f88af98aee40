import IntegrationRules
import Testing

@Suite("Order rules: SLA choice, New Order Integration draft, VTEX verdicts, status table, invoices")
struct OrderRulesTests {
    static let slas: [SimulationFacts.SLA] = [
        .init(id: "Normal", name: "Normal", courierNames: ["Transportadora Normal"], priceCents: 990, shippingEstimate: "5bd", lockTTL: "10d"),
        .init(id: "Expressa", name: "Expressa", courierNames: ["Transportadora Expressa"], priceCents: 1990, shippingEstimate: "1bd", lockTTL: "10d"),
        .init(id: "Economica", name: "Economica", courierNames: ["Correios PAC"], priceCents: 590, shippingEstimate: "10bd", lockTTL: "10d"),
    ]

    static func settings(mapping: [StoreSettings.ShippingKind: String] = [.normal: "Normal"], rate: Double = 0) -> StoreSettings {
        StoreSettings(tradePolicy: "1", affiliateId: "CRF", slaMapping: mapping, priceDivergenceRate: rate, brandInTitle: false, notificationEmail: nil)
    }

    @Test("Carrefour's delivery types are read from codes or labels, in English or Portuguese")
    func kinds() {
        #expect(ShippingSelection.kind(code: "EXPRESS", label: nil) == .express)
        #expect(ShippingSelection.kind(code: "X1", label: "Econômica") == .economical)
        #expect(ShippingSelection.kind(code: "SCHEDULED", label: "Agendada") == .scheduled)
        #expect(ShippingSelection.kind(code: "PUDO", label: "Retirada") == nil)
    }

    @Test("a mapped type uses its SLA; an unmapped type matches by carrier type; no match is a business error")
    func slaChoice() throws {
        let offered = [Self.slas, Self.slas]
        let mapped = try ShippingSelection.choose(code: "NORMAL", label: "Normal", mapping: [.normal: "normal"], offered: offered)
        #expect(mapped.slaName == "Normal" && !mapped.byContingency && mapped.perLine.count == 2)
        let contingency = try ShippingSelection.choose(code: "EXPRESS", label: "Expressa", mapping: [.normal: "Normal"], offered: offered)
        #expect(contingency.slaName == "Expressa" && contingency.byContingency && contingency.kind == .express)
        let byCourier = try ShippingSelection.choose(code: "ECONOMICAL", label: nil, mapping: [:], offered: [[.init(id: "Lenta", name: "Lenta", courierNames: ["Correios PAC"])]])
        #expect(byCourier.slaName == "Lenta")
        #expect(throws: OrderRuleError.self) {
            try ShippingSelection.choose(code: "SCHEDULED", label: "Agendada", mapping: [.normal: "Normal"], offered: offered)
        }
        do {
            _ = try ShippingSelection.choose(code: "EXPRESS", label: nil, mapping: [.express: "Sedex10"], offered: offered)
            Issue.record("a mapped SLA that is not offered must fail")
        } catch {
            #expect(error.message.contains("The VTEX SLA \"Sedex10\" mapped for Carrefour's Express delivery (CARREFOUR_SLA_EXPRESS) is not offered"))
        }
        // An SLA offered for one line only is not offered for the order.
        #expect(throws: OrderRuleError.self) {
            try ShippingSelection.choose(code: "EXPRESS", label: nil, mapping: [:], offered: [Self.slas, [Self.slas[0]]])
        }
    }

    static let address = MarketplaceOrder.Address(
        firstName: "Ana", lastName: "Silva", street1: "Avenida Paulista, 1578", street2: "Apto 12 - Bela Vista",
        additionalInfo: "Apto 12", postalCode: "01310-100", city: "São Paulo", state: "SP", countryISO3: "BRA",
        phone: "+55 11 91234-5678")

    static func order(itemsCents: Int? = nil, shippingCents: Int? = nil, totalCents: Int? = nil) -> MarketplaceOrder {
        MarketplaceOrder(
            id: "CRF-1-A", state: .shipping, shippingTypeCode: "NORMAL", shippingTypeLabel: "Normal",
            lines: [
                .init(id: "L1", sku: "2001", quantity: 2, priceCents: 2000, shippingCents: 990),
                .init(id: "L2", sku: "2002", quantity: 1, priceCents: 4000, shippingCents: 990),
            ],
            customer: .init(firstName: "Ana", lastName: "Silva", email: "c1@notification.example", document: "123.456.789-09"),
            shippingAddress: address, billingAddress: address, itemsCents: itemsCents, shippingCents: shippingCents,
            totalCents: totalCents)
    }

    @Test("the draft: unit prices after discounts, shipping per line, payment with interest, divergence as a fraction, address and client")
    func draft() throws {
        let choice = try ShippingSelection.choose(code: "NORMAL", label: nil, mapping: [.normal: "Normal"], offered: [Self.slas, Self.slas])
        // An order-level discount of 10.00 (price 50.00 for lines of 60.00), fees of 1.50 in the total.
        let draft = try OrderDraftRules.draft(
            order: Self.order(itemsCents: 5000, shippingCents: 1980, totalCents: 5000 + 1980 + 150), shipping: choice,
            settings: Self.settings(rate: 2.5))
        // 10.00 split 1/3 : 2/3 → lines 16.67 and 33.33; unit prices 8.33 (rounded down) and 33.33, the
        // cent left on the one-unit line: 2 × 8.33 + 33.34 = 50.00, Carrefour's items exactly.
        #expect(draft.items.map(\.unitPriceCents) == [833, 3334])
        #expect(draft.items.reduce(0) { $0 + $1.unitPriceCents * $1.quantity } + draft.logistics.reduce(0) { $0 + $1.priceCents }
            + draft.interestCents == draft.paymentCents)
        #expect(draft.items.map(\.quantity) == [2, 1])
        #expect(draft.logistics.map(\.priceCents) == [990, 990])
        #expect(draft.logistics.map(\.sla) == ["Normal", "Normal"])
        #expect(draft.logistics.first?.shippingEstimate == "5bd")
        #expect(draft.interestCents == 150)
        #expect(draft.paymentCents == 5000 + 1980 + 150)
        #expect(draft.priceDivergenceAllowanceRate == 0.025)
        #expect(draft.status == "approved")
        #expect(draft.address.street == "Avenida Paulista" && draft.address.number == "1578")
        #expect(draft.address.complement == "Apto 12" && draft.address.neighborhood == "Bela Vista")
        #expect(draft.address.countryISO3 == "BRA" && draft.address.receiverName == "Ana Silva")
        #expect(draft.client.document == "12345678909" && draft.client.phone == "+55 11 91234-5678")
    }

    @Test("the cent: with no one-unit line, the cents the rounded unit prices leave go as interest")
    func cent() throws {
        let choice = try ShippingSelection.choose(code: "NORMAL", label: nil, mapping: [.normal: "Normal"], offered: [Self.slas, Self.slas])
        var order = Self.order(itemsCents: 9_996, shippingCents: 1980, totalCents: 9_996 + 1980)
        order.lines[1].quantity = 3
        order.lines[1].priceCents = 9_000
        let draft = try OrderDraftRules.draft(order: order, shipping: choice, settings: Self.settings())
        // Lines 2 × 10.00 and 3 × 30.00 (110.00) for 99.96: 18.17 and 81.79 → units 9.08 and 27.26 leave
        // 0.02, sent as interest: items 99.94 + shipping 19.80 + interest 0.02 = Carrefour's 119.76.
        #expect(draft.items.map(\.unitPriceCents) == [908, 2726])
        #expect(draft.items.map(\.quantity) == [2, 3])
        #expect(draft.logistics.map(\.priceCents) == [990, 990])
        #expect(draft.interestCents == 2)
        let sent = draft.items.reduce(0) { $0 + $1.unitPriceCents * $1.quantity }
        #expect(sent + draft.logistics.reduce(0) { $0 + $1.priceCents } + draft.interestCents == draft.paymentCents)
        #expect(draft.paymentCents == 9_996 + 1980)
    }

    @Test("an order without address (before SHIPPING), e-mail or document is not drafted")
    func draftNeedsAddressAndClient() throws {
        let choice = try ShippingSelection.choose(code: "NORMAL", label: nil, mapping: [.normal: "Normal"], offered: [Self.slas, Self.slas])
        var order = Self.order()
        order.shippingAddress = nil
        #expect(throws: OrderRuleError.self) { try OrderDraftRules.draft(order: order, shipping: choice, settings: Self.settings()) }
        order = Self.order()
        order.customer.document = nil
        #expect(throws: OrderRuleError.self) { try OrderDraftRules.draft(order: order, shipping: choice, settings: Self.settings()) }
    }

    @Test("proportional split of an order-level discount keeps the total")
    func distribute() {
        #expect(OrderDraftRules.distribute(total: 4000, over: [1000, 4000]) == [800, 3200])
        #expect(OrderDraftRules.distribute(total: 100, over: [1, 1, 1]).reduce(0, +) == 3)  // no discount: parts kept
        #expect(OrderDraftRules.distribute(total: 2, over: [1, 1, 1]).reduce(0, +) == 2)
        #expect(OrderDraftRules.distribute(total: nil, over: [5, 5]) == [5, 5])
    }

    @Test("street and number are split at the last comma when a number follows")
    func streets() {
        #expect(OrderDraftRules.splitStreet("Rua XV de Novembro, 12") == ("Rua XV de Novembro", "12"))
        #expect(OrderDraftRules.splitStreet("Rua Sem Número") == ("Rua Sem Número", nil))
        #expect(OrderDraftRules.splitStreet("Rua A, s/n") == ("Rua A", "s/n"))
    }

    @Test("SOI/EOI codes: SOI001 success, EOI007 a success, EOI006/EOI010 retried, EOI011 waits for the seller, others errors with VTEX's message")
    func verdicts() {
        #expect(OrderIntegrationVerdict.classify(code: "SOI001", success: true, message: nil, vtexOrderId: "CRF-1") == .integrated(vtexOrderId: "CRF-1"))
        #expect(OrderIntegrationVerdict.classify(code: "SOI002", success: true, message: nil, vtexOrderId: "CRF-1") == .approved(vtexOrderId: "CRF-1"))
        #expect(OrderIntegrationVerdict.classify(code: "EOI007", success: false, message: "exists", vtexOrderId: nil) == .alreadyIntegrated(vtexOrderId: nil))
        for code in ["EOI006", "EOI010"] {
            guard case .retry = OrderIntegrationVerdict.classify(code: code, success: false, message: "x", vtexOrderId: nil) else {
                Issue.record("\(code) must be retried")
                continue
            }
        }
        guard case .awaitingPriceAuthorization = OrderIntegrationVerdict.classify(code: "EOI011", success: false, message: "x", vtexOrderId: nil) else {
            Issue.record("EOI011 waits for the seller")
            return
        }
        let failed = OrderIntegrationVerdict.classify(
            code: "EOI004", success: false, message: "Invalid cart", vtexOrderId: nil,
            details: [.init(source: "Checkout", code: "FMT004", description: "Item 9 not found")])
        #expect(failed == .failed(code: "EOI004", message: "EOI004 Invalid cart; Checkout FMT004: Item 9 not found"))
    }

    @Test("the seeds' status table, both ways")
    func statusTable() {
        #expect(OrderStatusMapping.vtexStatus(forCarrefour: .staging) == "Waiting authorization to ship")
        #expect(OrderStatusMapping.vtexStatus(forCarrefour: .shipped) == "Invoiced")
        #expect(OrderStatusMapping.vtexStatus(forCarrefour: .waitingAcceptance) == nil)
        #expect(OrderStatusMapping.carrefourStatus(forVTEX: .readyForHandling) == "SHIPPING")
        #expect(OrderStatusMapping.carrefourStatus(forVTEX: .waitingForMktAuthorization) == "STAGING")
        #expect(OrderStatusMapping.carrefourStatus(forVTEX: .invoiced, delivered: true) == "delivered (no Carrefour status)")
        #expect(OrderStatusMapping.carrefourStatus(forVTEX: .canceled) == "CANCELED")
        #expect(OrderStatusMapping.carrefourStatus(forVTEX: .paymentPending) == nil)
        #expect(OrderStatusMapping.describe(carrefour: .canceled) == "Carrefour CANCELED ↔ VTEX Canceled")
        #expect(OrderStatusMapping.describe(carrefour: MiraklOrderState("WAITING_REFUND")) == "Carrefour WAITING_REFUND")
        #expect(OrderStatusMapping.describe(vtex: VTEXOrderStatus("replaced")) == "VTEX replaced")
    }

    @Test("an invoice needs the six fields of the seeds; the Alert names the missing ones")
    func invoices() {
        let complete = InvoiceRules.Invoice(
            invoiceKey: "k", invoiceNumber: "1", trackingUrl: "https://t", trackingNumber: "T1", courier: "C", issuanceDate: "2026-11-23")
        #expect(InvoiceRules.missingFields(of: complete).isEmpty)
        #expect(InvoiceRules.tracking(for: complete) == .init(carrierName: "C", carrierURL: "https://t", trackingNumber: "T1"))
        let partial = InvoiceRules.Invoice(invoiceKey: " ", invoiceNumber: "7", trackingUrl: nil, trackingNumber: "T", courier: nil, issuanceDate: "d")
        #expect(InvoiceRules.missingFields(of: partial) == ["invoiceKey", "trackingUrl", "courier"])
        #expect(InvoiceRules.tracking(for: partial) == nil)
        #expect(InvoiceRules.incompleteMessage(missing: ["trackingUrl", "courier"], invoiceNumber: "7")
            == "Invoice 7 cannot mark the order shipped on Carrefour: missing trackingUrl, courier. Fill them in VTEX; the order is tried again when it next changes.")
    }

    @Test("the connector's own cancellations are told from the seller's")
    func cancellations() {
        let reason = CancellationRules.reason(orderId: "CRF-1-A", why: "Canceled by the customer")
        #expect(CancellationRules.isConnectorCancellation(reason: reason))
        #expect(!CancellationRules.isConnectorCancellation(reason: "Canceled in VTEX by the seller"))
        #expect(!CancellationRules.isConnectorCancellation(reason: nil))
    }
}
