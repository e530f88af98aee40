import Foundation
import SandboxVTEX
import Synchronization
import Testing

/// Seeded catalog, SKU context and fulfillment simulation (vtex-apis.md §1, §4).
@Suite struct CatalogAndSimulationTests {
    @Test func seedIsDeterministicAndCarriesEveryDefect() async throws {
        var configuration = VTEXHarness.fastConfiguration()
        configuration.seed = 7
        configuration.productCount = 12
        let first = try await Self.catalogNames(configuration)
        let again = try await Self.catalogNames(configuration)
        configuration.seed = 8
        let other = try await Self.catalogNames(configuration)
        #expect(first == again)
        #expect(first != other)
        #expect(first.count == 13) // 12 products, one of them with two SKUs
        try await VTEXHarness.run(configuration: configuration) { h in
            for trait in ["missingEAN", "missingDimensions", "missingImages", "inactiveSKU", "notInTradePolicy",
                          "fixedPrice", "percentagePromotion", "outOfStock", "valid"] {
                let count = try await h.skus(withTrait: trait).count
                #expect(count >= 1, "\(trait)")
            }
            let twoSKUs = try await h.skus(withTrait: "twoSKUs")
            #expect(twoSKUs.count == 2)
        }
    }

    static func catalogNames(_ configuration: VTEXSandboxConfiguration) async throws -> [String] {
        let names = Mutex<[String]>([])
        try await VTEXHarness.run(configuration: configuration) { h in
            let catalog = try await h.object(.get, "/_admin/catalog")
            let found = (catalog["skus"] as? [[String: Any]] ?? []).compactMap { entry -> String? in
                guard let sku = entry["sku"] as? [String: Any] else { return nil }
                return "\(sku["id"] ?? "")|\(sku["name"] ?? "")|\(sku["ean"] ?? "-")|\((entry["price"] as? [String: Any])?["basePrice"] ?? "")"
            }
            names.withLock { $0 = found }
        }
        return names.withLock { $0 }
    }

    @Test func skuContextShowsListingDataAndDefects() async throws {
        try await VTEXHarness.run { h in
            let valid = try await h.skuId(withTrait: "valid")
            let context = try await h.object(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/\(valid)?sc=1")
            #expect(context["Id"] as? Int == valid)
            #expect(((context["AlternateIds"] as? [String: Any])?["Ean"] as? String)?.count == 13)
            #expect((context["Images"] as? [Any])?.isEmpty == false)
            #expect((context["Dimension"] as? [String: Any])?["height"] as? Double ?? 0 > 0)
            #expect((context["SalesChannels"] as? [Int])?.contains(1) == true)

            let noEan = try await h.skuId(withTrait: "missingEAN")
            let withoutEan = try await h.object(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/\(noEan)")
            #expect((withoutEan["AlternateIds"] as? [String: Any])?["Ean"] == nil)
            let noDims = try await h.skuId(withTrait: "missingDimensions")
            let withoutDims = try await h.object(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/\(noDims)")
            #expect((withoutDims["Dimension"] as? [String: Any])?["weight"] as? Double == 0)
            let noImages = try await h.skuId(withTrait: "missingImages")
            #expect((try await h.object(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/\(noImages)")["Images"] as? [Any])?.isEmpty == true)

            let missing = try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/424242")
            #expect(missing.status == 404)
            let ids = try await h.array(.get, "/api/catalog_system/pvt/sku/stockkeepingunitidsbysaleschannel?sc=1") as? [Int] ?? []
            let outside = try await h.skuId(withTrait: "notInTradePolicy")
            #expect(ids.contains(valid))
            #expect(!ids.contains(outside))
            let paged = try await h.array(.get, "/api/catalog_system/pvt/sku/stockkeepingunitidsbysaleschannel?sc=1&page=2&pageSize=3") as? [Int] ?? []
            #expect(paged == Array(ids.dropFirst(3).prefix(3)))
        }
    }

    @Test func credentialsAreEnforcedOnPrivateRoutes() async throws {
        try await VTEXHarness.run { h in
            let anonymous = try await h.send(.get, "/api/catalog_system/pvt/sku/stockkeepingunitbyid/2001", headers: [:])
            #expect(anonymous.status == 401)
            let wrong = try await h.send(.get, "/api/oms/pvt/orders/CRF-1",
                                         headers: ["X-VTEX-API-AppKey": h.configuration.appKey, "X-VTEX-API-AppToken": "nope"])
            #expect(wrong.status == 401)
            #expect(!wrong.text.contains(h.configuration.appKey))
            let publicSimulation = try await h.send(.post, "/api/checkout/pub/orderForms/simulation",
                                                    json: ["items": [["id": "2001", "quantity": 1, "seller": "1"]]], headers: [:])
            #expect(publicSimulation.status == 200)
        }
    }

    @Test func simulationAppliesFixedPricesPromotionsStockAndSLAs() async throws {
        try await VTEXHarness.run { h in
            let fixed = try await h.skus(withTrait: "fixedPrice").first
            let promo = try await h.skus(withTrait: "percentagePromotion").first
            let fixedId = try #require((fixed?["sku"] as? [String: Any])?["id"] as? Int)
            let promoId = try #require((promo?["sku"] as? [String: Any])?["id"] as? Int)
            let fixedPrice = try #require(((fixed?["price"] as? [String: Any])?["fixedPrices"] as? [String: Any])?["1"] as? Int)
            let promoBase = try #require((promo?["price"] as? [String: Any])?["basePrice"] as? Int)
            let outOfStock = try await h.skuId(withTrait: "outOfStock")
            let inactive = try await h.skuId(withTrait: "inactiveSKU")
            let result = try await h.object(.post, "/api/fulfillment/pvt/orderForms/simulation?sc=1&affiliateId=CRF", json: [
                "items": [["id": String(fixedId), "quantity": 1, "seller": "1"],
                          ["id": String(promoId), "quantity": 2, "seller": "1"],
                          ["id": String(outOfStock), "quantity": 1, "seller": "1"],
                          ["id": String(inactive), "quantity": 1, "seller": "1"],
                          ["id": "31337", "quantity": 1, "seller": "1"]],
                "postalCode": NSNull(), "country": NSNull(),
            ])
            let items = result["items"] as? [[String: Any]] ?? []
            #expect(items.count == 4) // the unknown SKU is dropped …
            let messages = result["messages"] as? [[String: Any]] ?? []
            #expect(messages.contains { $0["code"] as? String == "itemNotFound" }) // … with a message
            #expect(items[0]["sellingPrice"] as? Int == fixedPrice)
            #expect(items[0]["availability"] as? String == "available")
            let discounted = promoBase - (promoBase * 10 + 50) / 100
            #expect(items[1]["sellingPrice"] as? Int == discounted)
            // Fulfillment protocol: `price` is the final price and priceTags are bare names.
            #expect(items[1]["price"] as? Int == discounted)
            #expect(items[1]["priceTags"] as? [String] == ["DISCOUNT@MARKETPLACE"])
            // Checkout: `price` before the promotion, the discount in a detailed price tag.
            let checkout = try await h.object(.post, "/api/checkout/pub/orderForms/simulation?sc=1",
                                              json: ["items": [["id": String(promoId), "quantity": 2, "seller": "1"]]])
            let promoItem = (checkout["items"] as? [[String: Any]])?.first
            #expect(promoItem?["price"] as? Int == promoBase)
            #expect(promoItem?["sellingPrice"] as? Int == discounted)
            #expect((promoItem?["priceTags"] as? [[String: Any]])?.first?["value"] as? Int == -(promoBase - discounted) * 2)
            #expect((checkout["ratesAndBenefitsData"] as? [String: Any])?["rateAndBenefitsIdentifiers"] as? [String] == ["PROMO-10"])
            #expect(items[2]["availability"] as? String == "withoutStock")
            #expect(items[3]["availability"] as? String == "cannotBeDelivered")

            let logistics = result["logisticsInfo"] as? [[String: Any]] ?? []
            let slas = logistics.first?["slas"] as? [[String: Any]] ?? []
            #expect(slas.map { $0["name"] as? String } == ["Normal", "Expressa", "Economica"])
            #expect(slas.first?["deliveryChannel"] as? String == "delivery")
            #expect((slas.first?["deliveryIds"] as? [[String: Any]])?.first?["courierName"] as? String == "Transportadora Normal")
            #expect((logistics.first?["stockBalance"] as? Int ?? 0) > 0)
            #expect(logistics[2]["stockBalance"] as? Int == 0)
            #expect((logistics[2]["slas"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func adminChangesShowInTheSimulation() async throws {
        try await VTEXHarness.run { h in
            let sku = try await h.skuId(withTrait: "valid")
            _ = try await h.object(.put, "/_admin/skus/\(sku)/price", json: ["basePrice": 12345, "fixedPrices": ["1": 11111]])
            _ = try await h.object(.put, "/_admin/skus/\(sku)/stock", json: ["quantity": 0])
            _ = try await h.object(.put, "/_admin/slas", json: [[
                "name": "Agendada", "carrierType": "Scheduled", "deliveryChannel": "delivery", "courierId": "9",
                "courierName": "Agendadora", "price": 2500, "shippingEstimate": "2d", "lockTTL": "5d",
            ]])
            var result = try await h.object(.post, "/api/checkout/pub/orderForms/simulation?sc=1",
                                            json: ["items": [["id": String(sku), "quantity": 1, "seller": "1"]]])
            #expect((result["items"] as? [[String: Any]])?.first?["sellingPrice"] as? Int == 11111)
            #expect((result["items"] as? [[String: Any]])?.first?["availability"] as? String == "withoutStock")
            _ = try await h.object(.put, "/_admin/skus/\(sku)/stock", json: ["quantity": 3])
            result = try await h.object(.post, "/api/checkout/pub/orderForms/simulation?sc=2",
                                        json: ["items": [["id": String(sku), "quantity": 1, "seller": "1"]]])
            #expect((result["items"] as? [[String: Any]])?.first?["sellingPrice"] as? Int == 12345) // other policy: base price
            let sla = ((result["logisticsInfo"] as? [[String: Any]])?.first?["slas"] as? [[String: Any]])?.first
            #expect(sla?["name"] as? String == "Agendada")
            let calls = try await h.object(.get, "/_admin/calls")
            #expect(calls["CartSimulation"] as? Int == 2)
        }
    }
}

