import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing

/// Issue 4 "Must show", both halves together: the ingress, the catalog worker and the
/// offer-batcher against the sandbox (60× clock): a seeded catalog of 200 products ends with every
/// valid SKU catalogued and offered at the simulation price, and a stock change made in VTEX
/// reaches Mirakl within one offer window.
@Suite("catalog and offers end to end", .serialized)
struct CatalogAndOffersEndToEndTests {
    @Test("200 products: every valid SKU catalogued, then offered at the simulation price; a stock change in VTEX reaches Mirakl within one window")
    func catalogThenOffers() async throws {
        let products = 200
        let window = 2.0
        let h = try await FleetHarness.start(products: products, withIngress: true)
        let catalog = try await h.startWorker("catalog")
        let offers = try await h.startWorker("offer-batcher", ["CARREFOUR_OFFER_WINDOW": "\(window)s"])
        let skus = try await h.skus()
        // The seeded defects; 2011 ("deleted in Carrefour's panel") is not deleted here, so it is valid.
        let invalid = Set(CatalogEndToEndTests.expectedErrors(products: products).keys).subtracting(["2011"])
        let valid = Set(skus.map(\.id)).subtracting(invalid)
        _ = try await h.sync()

        // Every valid SKU ends with an active offer in Mirakl at VTEX's simulation price.
        var mirakl: [String: [String: Any]] = [:]
        var simulated: [String: Int] = [:]
        let offered = await eventually(timeout: .seconds(240), every: .seconds(2)) {
            guard let state = try? await h.sandbox.adminObject(.mirakl, "/state"),
                  let vtex = try? await h.sandbox.adminObject(.vtex, "/catalog") else { return false }
            mirakl = Dictionary((state["offers"] as? [[String: Any]] ?? []).compactMap { offer in
                (offer["sku"] as? String).map { ($0, offer) }
            }, uniquingKeysWith: { _, last in last })
            simulated = Dictionary((vtex["skus"] as? [[String: Any]] ?? []).compactMap { item -> (String, Int)? in
                guard let id = (item["sku"] as? [String: Any])?["id"] as? Int, let price = item["simulatedPrice"] as? Int else { return nil }
                return (String(id), price)
            }, uniquingKeysWith: { first, _ in first })
            return valid.allSatisfy { mirakl[$0] != nil }
        }
        #expect(offered, "no offer for \(valid.filter { mirakl[$0] == nil }.sorted().prefix(20))")
        for sku in valid.sorted() {
            guard let offer = mirakl[sku], let cents = simulated[sku] else { continue }
            let price = (offer["price"] as? NSNumber)?.doubleValue ?? -1
            #expect(Int((price * 100).rounded()) == cents, "SKU \(sku): Mirakl \(price), simulation \(cents) cents")
        }
        #expect(invalid.allSatisfy { mirakl[$0] == nil }, "invalid SKUs with an offer: \(invalid.filter { mirakl[$0] != nil }.sorted())")

        // A stock change in VTEX: notification → ingress → catalog → offer.refresh → one window → OF01.
        let sku = try #require(valid.sorted().first { (mirakl[$0]?["quantity"] as? Int ?? 0) != 3 })
        let changed = ContinuousClock.now
        _ = try await h.sandbox.admin(.put, .vtex, "/skus/\(sku)/stock", json: #"{"quantity": 3}"#)
        let arrived = await eventually(timeout: .seconds(60), every: .milliseconds(250)) {
            let state = try? await h.sandbox.adminObject(.mirakl, "/state")
            let offer = (state?["offers"] as? [[String: Any]] ?? []).first { $0["sku"] as? String == sku }
            return offer?["quantity"] as? Int == 3
        }
        let took = ContinuousClock.now - changed
        #expect(arrived, "the stock change never reached Mirakl")
        // One window, plus the catalog's hand-off and OF01's import time in the sandbox (90 sandbox
        // seconds = 1.5 s) and room for a loaded machine.
        #expect(took < .seconds(window * 2 + 6), "stock change took \(took)")

        // Mirakl's maximum frequencies: the sandbox would have answered 429; none was needed.
        let calls = try await h.sandbox.adminObject(.mirakl, "/calls")
        #expect((calls["rateLimited"] as? [String: Int] ?? [:]).isEmpty, "429s: \(calls["rateLimited"] ?? "")")

        await offers.stop()
        await catalog.stop()
        await h.stop()
    }
}
