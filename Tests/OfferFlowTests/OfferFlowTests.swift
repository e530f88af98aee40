import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import IntegrationRules
import OfferFlow
import Testing
import WorkerRuntime

/// The offer flow end to end: the real broker (a scratch vhost), the sandbox over HTTP on a clock
/// 60 times faster (a marketplace minute is a real second, for the sandbox's rate limits as for the
/// worker's `CARREFOUR_TIME_SCALE`), and the `offer-batcher` executable as a subprocess.
@Suite("Offer flow end to end", .serialized)
struct OfferFlowTests {
    @Test("offers at the simulation price (fixed price, promotion), quantity 0 when not sellable, each refusal in the log, OF01 within its maximum")
    func offersEndToEnd() async throws {
        try await withOfferWorld { sandbox, broker in
            let catalogued = ["2001", "2006", "2008", "2009", "2010", "2011", "2013"]
            try await sandbox.catalogue(catalogued)
            try await sandbox.deleteProduct("2013")  // deleted in the Carrefour panel: refused, never awaited
            let started = ContinuousClock.now
            let batcher = try OfferBatcherProcess.start(sandbox: sandbox, broker: broker)
            try await broker.publish(OfferMessages.refresh, skus: catalogued + ["999999"])
            let waitingSince = Date(timeIntervalSince1970: 1_790_000_000)
            try await broker.publishRefresh(OfferRefresh(skuId: "2012", reason: "catalogued?", waitingSince: waitingSince))
            try await broker.publish(OfferMessages.stock, skus: ["2001", "2009"])

            let expected = ["2001", "2006", "2008", "2009", "2010", "2011", "2012", "2013", "999999"]
            var entries: [IntegrationEvent] = []
            let settled = try await eventually(timeout: .seconds(60), every: .milliseconds(500)) {
                entries = try await broker.logEntries()
                let final = Set(entries.filter { $0.status != .pending }.map(\.entityId))
                return final.isSuperset(of: expected)
            }
            let elapsed = ContinuousClock.now - started
            #expect(settled, "log: \(entries.map { "\($0.entityId) \($0.status.rawValue) \($0.message)" })")
            await batcher.stop()

            func outcome(_ sku: String) -> IntegrationEvent? { entries.last { $0.entityId == sku && $0.status != .pending } }
            for sku in ["2001", "2006", "2008", "2009", "2010", "2011"] {
                #expect(outcome(sku)?.status == .success, "\(sku): \(outcome(sku)?.message ?? "nothing")")
                #expect(entries.contains { $0.entityId == sku && $0.status == .pending }, "\(sku) was logged as sent before its acknowledgement")
            }
            #expect(outcome("2001")?.operation == .inventory, "the latest change of 2001 was a stock change")
            #expect(outcome("2012")?.status == .error)
            #expect(outcome("2012").map { OfferErrorReport.isNotCatalogued($0.message) } == true, "\(outcome("2012")?.message ?? "")")
            #expect(outcome("2013")?.status == .error)
            #expect(outcome("2013")?.message == "The product does not exist")
            #expect(outcome("999999")?.status == .alert)
            let awaiting = try await broker.awaitingCatalog()
            #expect(awaiting.map(\.skuId) == ["2012"])
            #expect(awaiting.first?.waitingSince == waitingSince, "the wait's start goes back to the catalog")

            let state = try await sandbox.miraklState()
            let catalog = try await sandbox.vtexCatalog()
            for sku in ["2001", "2008", "2009", "2011"] {
                let vtex = try #require(catalog.sku(sku)), simulated = try #require(vtex.simulatedPrice)
                let offer = try #require(state.offer(sku), "no offer for \(sku)")
                #expect(offer.price * 100 == Decimal(simulated), "\(sku) offered at \(offer.price), simulated \(simulated) cents")
                let inventory = try #require(vtex.inventory)
                #expect(offer.quantity == inventory.totalQuantity - inventory.reservedQuantity, "\(sku)")
            }
            // 2008 has a fixed price on the trade policy, 2009 is under a 10 % promotion (seeded catalog)
            let fixed = try #require(catalog.sku("2008")), promoted = try #require(catalog.sku("2009"))
            #expect(fixed.sku.traits == ["fixedPrice"] && promoted.sku.traits == ["percentagePromotion"])
            let fixedPrice = try #require(fixed.price?.fixedPrices["1"] ?? nil)
            #expect(state.offer("2008")?.price == Decimal(fixedPrice) / 100 && fixedPrice != fixed.price?.basePrice)
            let base = try #require(promoted.price?.basePrice)
            #expect(state.offer("2009").map { $0.price * 100 < Decimal(base) } == true, "the promotion is in the price")
            #expect(state.offer("2006")?.quantity == 0, "inactive SKU offered with quantity 0")
            #expect(state.offer("2010")?.quantity == 0, "SKU out of stock offered with quantity 0")
            #expect(state.offer("2012") == nil && state.offer("2013") == nil)
            #expect(state.offerImports.allSatisfy { $0.mode == "NORMAL" })

            let calls = try await sandbox.miraklCalls()
            let allowed = Int(elapsed / .seconds(1)) + 1  // once per marketplace minute: one real second
            #expect((calls["OF01"] ?? 0) == state.offerImports.count, "every OF01 was accepted (none refused with 429)")
            #expect((calls["OF01"] ?? 0) <= allowed, "\(calls)")
            #expect((calls["OF02"] ?? 0) <= allowed && (calls["OF03"] ?? 0) <= allowed, "\(calls)")
        }
    }

    @Test("a stock change made in VTEX is uploaded to Mirakl within one window")
    func stockChangeWithinOneWindow() async throws {
        try await withOfferWorld { sandbox, broker in
            try await sandbox.catalogue(["2001"])
            let batcher = try OfferBatcherProcess.start(sandbox: sandbox, broker: broker, window: "2s")
            try await broker.publish(OfferMessages.refresh, skus: ["2001"])
            #expect(try await eventually(timeout: .seconds(30)) { try await sandbox.miraklState().offer("2001") != nil })

            try await sandbox.setStock("2001", 42)
            let before = try await sandbox.miraklState()
            try await broker.publish(OfferMessages.stock, skus: ["2001"])
            #expect(try await eventually(timeout: .seconds(30)) { try await sandbox.miraklState().offer("2001")?.quantity == 42 })
            await batcher.stop()

            let state = try await sandbox.miraklState()
            let upload = try #require(state.offerImports.filter { $0.created > before.now }.map(\.created).min())
            let realDelay = upload.timeIntervalSince(before.now) / sandbox.timeScale
            // one window (2 marketplace minutes, 2 real seconds), plus what a loaded machine adds
            #expect(realDelay <= 2 + 1.5, "uploaded \(realDelay) s after the change")
        }
    }
}

/// Starts a sandbox and a scratch vhost, runs `body`, and cleans both up.
func withOfferWorld(_ body: (SandboxProcess, OfferVhost) async throws -> Void) async throws {
    let sandbox = try await SandboxProcess.startForOffers()
    let broker: OfferVhost
    do {
        broker = try await OfferVhost.create()
    } catch {
        await sandbox.stop()
        throw error
    }
    do {
        try await body(sandbox, broker)
    } catch {
        await sandbox.stop()
        await broker.delete()
        throw error
    }
    await sandbox.stop()
    await broker.delete()
}
