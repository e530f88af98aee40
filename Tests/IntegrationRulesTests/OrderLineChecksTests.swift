import IntegrationRules
import Testing

@Suite("Order line checks and the acceptance decision")
struct OrderLineChecksTests {
    static let order = MarketplaceOrder(
        id: "CRF-1-A", state: .waitingAcceptance, shippingTypeCode: "NORMAL", shippingTypeLabel: "Normal",
        lines: [
            .init(id: "L1", sku: "2001", quantity: 1, priceCents: 1000, shippingCents: 990),
            .init(id: "L2", sku: "9999", quantity: 2, priceCents: 2000, shippingCents: 990),
            .init(id: "L3", sku: "2010", quantity: 5, priceCents: 5000, shippingCents: 990),
        ],
        customer: .init(firstName: "Ana", lastName: "Silva", email: nil, document: nil), shippingAddress: nil,
        billingAddress: nil)

    @Test("an unknown SKU, a SKU without stock and a SKU off the trade policy each get their message")
    func issues() {
        let simulation = SimulationFacts(items: [0: .init(availability: "available"), 2: .init(availability: "withoutStock")])
        let issues = OrderLineChecks.issues(of: Self.order.lines, simulation: simulation, tradePolicy: "1")
        #expect(issues.map(\.problem) == [.unknownSKU, .withoutStock])
        #expect(issues[0].message == "SKU 9999 does not exist in VTEX")
        #expect(issues[1].message == "SKU 2010 has no stock for 5 unit(s) on trade policy 1")
        let offPolicy = OrderLineChecks.issues(
            of: [Self.order.lines[0]], simulation: SimulationFacts(items: [0: .init(availability: "cannotBeDelivered")]), tradePolicy: "1")
        #expect(offPolicy.map(\.problem) == [.notSellable])
    }

    @Test("every line sellable → accept all; otherwise refuse every line or leave, as the setting says")
    func decision() {
        let good = SimulationFacts(items: [0: .init(availability: "available"), 1: .init(availability: "available"), 2: .init(availability: "available")])
        #expect(OrderAcceptance.decide(order: Self.order, issues: OrderLineChecks.issues(of: Self.order.lines, simulation: good, tradePolicy: "1"), policy: .refuse)
            == .accept(lineIds: ["L1", "L2", "L3"]))
        let bad = OrderLineChecks.issues(of: Self.order.lines, simulation: SimulationFacts(items: [0: .init(availability: "available")]), tradePolicy: "1")
        #expect(OrderAcceptance.decide(order: Self.order, issues: bad, policy: .refuse)
            == .refuse(lineIds: ["L1", "L2", "L3"], reason: "SKU 9999 does not exist in VTEX; SKU 2010 does not exist in VTEX"))
        #expect(OrderAcceptance.decide(order: Self.order, issues: bad, policy: .leave)
            == .leave(reason: "SKU 9999 does not exist in VTEX; SKU 2010 does not exist in VTEX"))
    }
}
