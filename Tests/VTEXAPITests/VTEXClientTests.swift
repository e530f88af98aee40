import FlowTestSupport
import Foundation
import HTTPLayer
import Testing
import VTEXAPI

/// ``VTEXClient`` against the sandbox's VTEX over HTTP (the `sandbox` executable the flows meet):
/// the SKU context and the order simulation decoded against what the sandbox holds, and each kind
/// of failure classified as the flows rely on (reference/vtex-apis.md "Conventions": AppKey and
/// AppToken on every call; 429 with `Retry-After`; `{"error":{"code","message"}}` error bodies).
@Suite("VTEXClient against the sandbox: SKU context and simulation decoded, failures classified", .serialized)
struct VTEXClientTests {
    @Test("the SKU context decodes the SKU and product the sandbox holds")
    func decodesSKUContext() async throws {
        try await VTEXSandbox.run { world in
            let (policy, skus) = try await world.catalog()
            for entry in skus.prefix(5) {
                let sku = try #require(entry["sku"] as? [String: Any])
                let product = try #require(entry["product"] as? [String: Any])
                let id = try #require(sku["id"] as? Int)
                let context = try await world.client().skuContext(String(id), tradePolicy: String(policy))
                #expect(context.Id == id)
                #expect(context.ProductId == product["id"] as? Int)
                #expect(context.SkuName == sku["name"] as? String)
                #expect(context.ProductName == product["name"] as? String)
                #expect(context.BrandName == product["brandName"] as? String)
                #expect(context.IsActive == sku["isActive"] as? Bool)
                #expect(context.AlternateIds?.Ean == sku["ean"] as? String)
                #expect(context.SalesChannels == product["salesChannels"] as? [Int])
            }
        }
    }

    @Test("the order simulation decodes the selling price and availability of a sellable SKU in stock")
    func decodesSimulation() async throws {
        try await VTEXSandbox.run { world in
            let (policy, skus) = try await world.catalog()
            let sellable = skus.first { entry in
                guard entry["sellableOnAffiliatePolicy"] as? Bool == true, entry["simulatedPrice"] is Int,
                      let inventory = entry["inventory"] as? [String: Any] else { return false }
                let total = inventory["totalQuantity"] as? Int ?? 0, reserved = inventory["reservedQuantity"] as? Int ?? 0
                return inventory["unlimited"] as? Bool == true || total - reserved > 0
            }
            let entry = try #require(sellable, "the seeded catalog has a sellable SKU in stock")
            let id = try #require((entry["sku"] as? [String: Any])?["id"] as? Int)
            let answer = try await world.client().simulateOrder(
                OrderSimulationRequest(items: [.init(id: String(id), quantity: 1), .init(id: "999999999", quantity: 1)]),
                tradePolicy: String(policy), affiliateId: "CRF")
            let items = try #require(answer.items)
            #expect(items.count == 1, "an unknown SKU is left out of the items")
            #expect(items.first?.id == String(id))
            #expect(items.first?.requestIndex == 0)
            #expect(items.first?.availability == "available")
            #expect(items.first?.sellingPrice == entry["simulatedPrice"] as? Int)
            #expect(answer.messages?.contains { $0.code == "itemNotFound" } == true)
            #expect(answer.logisticsInfo?.first?.slas?.isEmpty == false)
        }
    }

    @Test("a wrong AppToken is .unauthorized (401), not transient, and no error carries it")
    func unauthorized() async throws {
        try await VTEXSandbox.run { world in
            let (policy, skus) = try await world.catalog()
            let id = try #require((skus.first?["sku"] as? [String: Any])?["id"] as? Int)
            let token = "not-the-app-token-\(UInt32.random(in: 0...UInt32.max))"
            let error = await #expect(throws: VTEXError.self) {
                _ = try await world.client(token: token).skuContext(String(id), tradePolicy: String(policy))
            }
            #expect(error == .unauthorized(operation: "sku context", status: 401))
            #expect(error?.isTransient == false)
            #expect(!String(describing: error).contains(token))
        }
    }

    @Test("a 429 is .rateLimited with the answer's Retry-After and transient; the next call passes")
    func rateLimited() async throws {
        try await VTEXSandbox.run { world in
            let (policy, skus) = try await world.catalog()
            let id = try #require((skus.first?["sku"] as? [String: Any])?["id"] as? Int)
            let seconds = Int.random(in: 2...9)
            try await world.setFaults(["tooManyRequestsBurst": 1, "retryAfterSeconds": seconds])
            let error = await #expect(throws: VTEXError.self) {
                _ = try await world.client().skuContext(String(id), tradePolicy: String(policy))
            }
            #expect(error == .rateLimited(operation: "sku context", retryAfter: .seconds(seconds)))
            #expect(error?.isTransient == true)
            #expect(try await world.client().skuContext(String(id), tradePolicy: String(policy)).Id == id, "the burst was one call")
        }
    }

    @Test("a 500 is .server and transient; an unknown order is .notFound and not transient")
    func serverErrorAndNotFound() async throws {
        try await VTEXSandbox.run { world in
            try await world.setFaults(["serverErrorRate": 1])
            let error = await #expect(throws: VTEXError.self) { _ = try await world.client().order("CRF-1-A") }
            guard case .server(_, let status, _) = error else {
                Issue.record("expected .server, got \(String(describing: error))")
                return
            }
            #expect(status == 500)
            #expect(error?.isTransient == true)
            try await world.setFaults([:])

            let missing = await #expect(throws: VTEXError.self) {
                _ = try await world.client().order("CRF-\(Int.random(in: 900_000...999_999))-A")
            }
            guard case .notFound = missing else {
                Issue.record("expected .notFound, got \(String(describing: missing))")
                return
            }
            #expect(missing?.isTransient == false)
        }
    }

    @Test("no answer at all (the sandbox gone) is .transport and transient")
    func transport() async throws {
        let sandbox = try await SandboxProcess.start(timeScale: 60)
        let url = sandbox.vtexURL
        await sandbox.stop()
        let http = HTTPClient()
        let client = VTEXClient(
            configuration: VTEXConfiguration(baseURL: url, appKey: SandboxProcess.appKey, appToken: SandboxProcess.appToken),
            http: http)
        let error = await #expect(throws: VTEXError.self) { _ = try await client.order("CRF-1-A") }
        await http.shutdown()
        guard case .transport(_, _, let transient) = error else {
            Issue.record("expected .transport, got \(String(describing: error))")
            return
        }
        #expect(transient)
    }
}
