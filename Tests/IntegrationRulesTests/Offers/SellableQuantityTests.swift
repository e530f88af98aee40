import IntegrationRules
import Testing

@Suite("Sellable quantity: VTEX's availability less Carrefour's pending orders")
struct SellableQuantityTests {
    typealias Order = SellableQuantity.Order

    @Test("orders before the integration state count; SHIPPING counts until VTEX holds the order; later states never")
    func pendingByState() {
        let orders = [
            Order(orderId: "A", state: "WAITING_ACCEPTANCE", lines: [.init(sku: "1", quantity: 2), .init(sku: "2", quantity: 1)]),
            Order(orderId: "B", state: "WAITING_DEBIT_PAYMENT", lines: [.init(sku: "1", quantity: 3)]),
            Order(orderId: "C", state: "SHIPPING", lines: [.init(sku: "1", quantity: 4)]),
            Order(orderId: "D", state: "SHIPPING", lines: [.init(sku: "1", quantity: 5)]),
            Order(orderId: "E", state: "SHIPPED", lines: [.init(sku: "1", quantity: 6)]),
            Order(orderId: "F", state: "CANCELED", lines: [.init(sku: "1", quantity: 7)]),
            Order(orderId: "G", state: "STAGING", lines: [.init(sku: "3", quantity: 8)]),
        ]
        let units = SellableQuantity.pendingUnits(of: orders, skus: ["1", "2"], heldByVTEX: ["D"])
        #expect(units == ["1": 2 + 3 + 4, "2": 1])
        #expect(orders.filter(SellableQuantity.needsVTEXCheck).map(\.orderId) == ["C", "D"])
    }

    @Test("refused or canceled lines count nothing; SKUs outside the batch are left out")
    func releasedLines() {
        let order = Order(orderId: "A", state: "WAITING_DEBIT", lines: [
            .init(sku: "1", quantity: 2, state: "REFUSED"), .init(sku: "1", quantity: 3, state: "WAITING_DEBIT"),
            .init(sku: "9", quantity: 4),
        ])
        #expect(SellableQuantity.pendingUnits(of: [order], skus: ["1"], heldByVTEX: []) == ["1": 3])
    }

    @Test("the quantity sent is availability less pending units, never negative; the offer decision applies it")
    func quantity() {
        #expect(SellableQuantity.quantity(available: 10, pendingUnits: 3) == 7)
        #expect(SellableQuantity.quantity(available: 2, pendingUnits: 3) == 0)
        #expect(SellableQuantity.quantity(available: 5, pendingUnits: 0) == 5)
        let simulated = SimulatedSKU(priceCents: 4990, stockBalance: 10, availability: "available")
        #expect(OfferPricing.decide(skuId: "1", simulated: simulated, tradePolicy: "1", pendingUnits: 4)
            == .offer(OfferQuote(skuId: "1", priceCents: 4990, quantity: 6)))
        let withoutStock = SimulatedSKU(priceCents: 4990, stockBalance: 0, availability: "withoutStock")
        #expect(OfferPricing.decide(skuId: "1", simulated: withoutStock, tradePolicy: "1", pendingUnits: 4)
            == .offer(OfferQuote(skuId: "1", priceCents: 4990, quantity: 0)))
    }
}

@Suite("Offer drift (reconcile)")
struct OfferDriftTests {
    @Test("quantity and price compared with the expected offer; a withdrawn SKU drifts only while Carrefour sells it")
    func drifts() {
        let expected = OfferDecision.offer(OfferQuote(skuId: "1", priceCents: 4990, quantity: 6))
        #expect(OfferDrift.drifts(carrefourPriceCents: 4990, carrefourQuantity: 6, expected: expected).isEmpty)
        #expect(OfferDrift.drifts(carrefourPriceCents: 5000, carrefourQuantity: 9, expected: expected)
            == [.quantity(carrefour: 9, vtex: 6), .price(carrefourCents: 5000, vtexCents: 4990)])
        let withdrawn = OfferDecision.withdraw(reason: "SKU 1 has no price on trade policy 1")
        #expect(OfferDrift.drifts(carrefourPriceCents: 4990, carrefourQuantity: 0, expected: withdrawn).isEmpty)
        let active = OfferDrift.drifts(carrefourPriceCents: 4990, carrefourQuantity: 2, expected: withdrawn)
        #expect(active == [.activeButNotSellable(reason: "SKU 1 has no price on trade policy 1")])
        #expect(OfferDrift.quantity(carrefour: 9, vtex: 6).text == "quantity 9 on Carrefour, 6 in VTEX")
        #expect(OfferDrift.price(carrefourCents: 5000, vtexCents: 4990).text == "price 50.00 on Carrefour, 49.90 in VTEX")
    }
}
