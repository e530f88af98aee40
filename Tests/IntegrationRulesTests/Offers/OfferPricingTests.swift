import IntegrationRules
import Testing

@Suite("Offer price and quantity from the fulfillment simulation")
struct OfferPricingTests {
    @Test("the simulation's final price is sent as is: a fixed price of 15.00 over a base of 10.00 gives 15.00")
    func fixedPrice() {
        let decision = OfferPricing.decide(skuId: "7", simulated: SimulatedSKU(priceCents: 1500, stockBalance: 4, availability: "available"), tradePolicy: "1")
        #expect(decision == .offer(OfferQuote(skuId: "7", priceCents: 1500, quantity: 4)))
    }

    @Test("a promotion computed by the simulation is in the price, with no benefit tag")
    func promotion() {
        let decision = OfferPricing.decide(skuId: "8", simulated: SimulatedSKU(priceCents: 8991, stockBalance: 12), tradePolicy: "1")
        #expect(decision == .offer(OfferQuote(skuId: "8", priceCents: 8991, quantity: 12)))
    }

    @Test("a SKU the simulation cannot sell (inactive, out of the trade policy, no stock) is offered with quantity 0",
          arguments: ["cannotBeDelivered", "withoutStock"])
    func notSellable(availability: String) {
        let decision = OfferPricing.decide(skuId: "9", simulated: SimulatedSKU(priceCents: 2000, stockBalance: 30, availability: availability), tradePolicy: "1")
        #expect(decision == .offer(OfferQuote(skuId: "9", priceCents: 2000, quantity: 0)))
    }

    @Test("a SKU left out of the simulation (removed or unknown) is withdrawn")
    func removed() {
        #expect(OfferPricing.decide(skuId: "10", simulated: nil, tradePolicy: "3")
            == .withdraw(reason: "SKU 10 is not sellable on trade policy 3 (inactive, removed or unknown)"))
    }

    @Test("a SKU without a price is withdrawn: Mirakl needs a positive price", arguments: [nil, 0] as [Int?])
    func noPrice(price: Int?) {
        #expect(OfferPricing.decide(skuId: "11", simulated: SimulatedSKU(priceCents: price, stockBalance: 5), tradePolicy: "1")
            == .withdraw(reason: "SKU 11 has no price on trade policy 1"))
    }

    @Test("no stock balance, or a negative one, is quantity 0")
    func missingStock() {
        #expect(OfferPricing.decide(skuId: "1", simulated: SimulatedSKU(priceCents: 100, stockBalance: nil), tradePolicy: "1")
            == .offer(OfferQuote(skuId: "1", priceCents: 100, quantity: 0)))
        #expect(OfferPricing.decide(skuId: "1", simulated: SimulatedSKU(priceCents: 100, stockBalance: -3), tradePolicy: "1")
            == .offer(OfferQuote(skuId: "1", priceCents: 100, quantity: 0)))
    }
}
