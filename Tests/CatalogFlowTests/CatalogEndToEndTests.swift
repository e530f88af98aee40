import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing
import WorkerRuntime

/// The catalog worker end to end (issue 4 "Must show"): a real broker, the sandbox over HTTP on a
/// compressed clock, the executables as subprocesses.
@Suite("catalog worker end to end", .serialized)
struct CatalogEndToEndTests {
    /// What the seeded defects must say in the integration log (SandboxVTEX "Seeded data").
    static func expectedErrors(products: Int) -> [String: String] {
        [
            "2002": "EAN is missing", "2003": "weight is 0", "2004": "no image", "2005": "has 2 SKUs",
            String(2000 + products + 1): "has 2 SKUs", "2006": "the SKU is inactive",
            "2007": "not on trade policy 1", "2011": "deleted in Carrefour's panel",
        ]
    }

    @Test("200 products: every valid SKU catalogued and handed to offers, every invalid one with its precise error; nothing resent; Mirakl's frequencies kept")
    func seededCatalog() async throws {
        let products = 200
        let h = try await FleetHarness.start(products: products, withIngress: true)
        let worker = try await h.startWorker()
        // Deleted in Carrefour's panel before it was ever sent (seeds "Product updates", NOTE).
        try await h.sandbox.admin(.delete, .mirakl, "/products/2011")
        let skus = try await h.skus()
        #expect(skus.count == products + 1)
        let errors = Self.expectedErrors(products: products)
        let valid = Set(skus.map(\.id)).subtracting(errors.keys)

        _ = try await h.sync()
        // 2007 is on another trade policy, so the sync never lists it; VTEX's notification would.
        try await h.publish(SKUChanged(skuId: "2007", hasStockKeepingUnitModified: true), id: "test-2007")

        var latest: [String: IntegrationEvent] = [:]
        let settled = await eventually(timeout: .seconds(180), every: .seconds(2)) {
            latest = (try? await h.latestProductEvents()) ?? [:]
            return skus.allSatisfy { sku in latest[sku.id].map { $0.status != .pending } ?? false }
        }
        #expect(settled, "not settled: \(skus.filter { latest[$0.id]?.status != .success && latest[$0.id]?.status != .error }.map(\.id))")
        for sku in valid.sorted() {
            #expect(latest[sku]?.status == .success, "\(sku): \(latest[sku]?.message ?? "nothing logged")")
            #expect(latest[sku]?.message.contains("Carrefour integrated the product in import") == true)
        }
        for (sku, text) in errors.sorted(by: { $0.key < $1.key }) {
            #expect(latest[sku]?.status == .error, "\(sku): \(latest[sku]?.message ?? "nothing logged")")
            #expect(latest[sku]?.message.contains(text) == true, "\(sku): \(latest[sku]?.message ?? "") lacks \(text)")
        }
        // Invalid SKUs wait in the parked queue for a reprocess, with the reason.
        let parked = try await h.drain("catalog.parked")
        let parkedReasons = Dictionary(parked.compactMap { delivery -> (String, String)? in
            guard let change = try? SKUChanged.decode(body: delivery.body),
                  let reason = delivery.properties.headers["carrefour-parked-reason"]?.stringValue else { return nil }
            return (change.skuId, reason)
        }, uniquingKeysWith: { first, _ in first })
        for sku in ["2002", "2003", "2004", "2005", "2006", "2007"] {
            #expect(parkedReasons[sku]?.contains(errors[sku] ?? "?") == true, "\(sku) parked: \(parkedReasons[sku] ?? "no")")
        }
        // Every catalogued SKU was handed to the offer flow.
        var refreshed = try await Self.refreshes(h)
        #expect(Set(refreshed.map(\.skuId)) == valid)
        #expect(refreshed.allSatisfy { $0.waitingSince != nil })

        // After cataloguing: a catalog-data change and a stock change (VTEX → ingress → catalog),
        // then a second full sync. Only offers move; no product is sent again.
        let importsBefore = try await h.productImports()
        let p41Before = try await h.sandbox.miraklCalls()["P41"] ?? 0
        try await h.sandbox.admin(.patch, .vtex, "/skus/2012", json: #"{"name": "Renamed Kettle 12"}"#)
        try await h.sandbox.admin(.put, .vtex, "/skus/2013/stock", json: #"{"quantity": 7}"#)
        _ = try await h.sync()
        refreshed = []
        let refreshedAgain = await eventually(timeout: .seconds(60), every: .seconds(1)) {
            refreshed += (try? await Self.refreshes(h)) ?? []
            return Set(refreshed.map(\.skuId)) == valid && refreshed.count >= valid.count + 2
        }
        #expect(refreshedAgain, "refreshed \(refreshed.count) of \(valid.count + 2)")
        #expect(refreshed.contains { $0.skuId == "2012" && $0.reason.contains("catalog data changed") })
        #expect(refreshed.contains { $0.skuId == "2013" && $0.reason.contains("stock changed") })
        // One P41 window, a report delay and two P42 polls later on the sandbox's clock (the
        // workers' settings, in seconds), still no new import.
        var window = 0.0
        for (name, times) in [("CARREFOUR_PRODUCT_IMPORT_INTERVAL", 1.0), ("CARREFOUR_IMPORT_REPORT_DELAY", 1), ("CARREFOUR_IMPORT_POLL_INTERVAL", 2)] {
            window += times * (try #require(FleetHarness.workerSettings[name].flatMap { Double($0.dropLast()) }, "\(name)"))
        }
        let refreshedAt = try await h.sandbox.now()
        #expect(try await h.sandbox.waitOnClock(.seconds(window), after: refreshedAt))
        let calls = try await h.sandbox.adminObject(.mirakl, "/calls")
        #expect((calls["calls"] as? [String: Int])?["P41"] == p41Before)
        let imports = try await h.productImports()
        #expect(imports.map(\.id) == importsBefore.map(\.id))
        // No SKU appears in an import after the one that integrated it.
        for sku in valid {
            let holding = imports.filter { $0.skus.contains(sku) }
            #expect(holding.count == 1, "\(sku) sent in imports \(holding.map(\.id))")
        }
        // Mirakl's maximum call frequencies: the sandbox enforces them with 429; none was needed.
        #expect((calls["rateLimited"] as? [String: Int] ?? [:]).isEmpty, "429s: \(calls["rateLimited"] ?? "")")
        #expect(p41Before <= 2)

        await worker.stop()
        await h.stop()
    }

    @Test("SIGKILL between P41 and P42 loses no product outcome; a SKU waiting for cataloguing is checked again, then parked after the maximum wait")
    func crashAndWait() async throws {
        let products = 30
        let h = try await FleetHarness.start(products: products, withIngress: false)
        var worker = try await h.startWorker()
        let skus = try await h.skus()
        let errors = Self.expectedErrors(products: products).filter { $0.key != "2007" && $0.key != "2011" }
        let valid = Set(skus.map(\.id)).subtracting(errors.keys).subtracting(["2007"])
        _ = try await h.sync()

        let uploaded = await eventually(timeout: .seconds(90), every: .milliseconds(20)) {
            ((try? await h.sandbox.miraklCalls())?["P41"] ?? 0) >= 1
        }
        #expect(uploaded)
        await worker.crash()
        #expect((try await h.sandbox.miraklCalls())["P42"] ?? 0 == 0)
        worker = try await h.startWorker()

        var latest: [String: IntegrationEvent] = [:]
        let settled = await eventually(timeout: .seconds(120), every: .seconds(2)) {
            latest = (try? await h.latestProductEvents()) ?? [:]
            return valid.allSatisfy { latest[$0]?.status == .success } && errors.keys.allSatisfy { latest[$0]?.status == .error }
        }
        #expect(settled, "missing outcomes: \(valid.filter { latest[$0]?.status != .success }.sorted()); worker: \(worker.standardError.suffix(3000))")
        #expect(Set(try await Self.refreshes(h).map(\.skuId)) == valid)
        let p41 = try await h.sandbox.miraklCalls()["P41"] ?? 0
        #expect(p41 >= 1 && p41 <= 2, "P41 \(p41) times")

        // Carrefour refuses the offer of a catalogued SKU as not catalogued (what the offer-batcher
        // reports): the catalog asks for it again one check interval later…
        let now = Date()
        try await h.publish(SKUAwaitingCatalog(skuId: "2001", reason: "Produto ainda não foi catalogado", waitingSince: now), id: "t1")
        // …and parks a SKU that has waited longer than the maximum, with the reason, logged.
        let old = now.addingTimeInterval(-7200)
        try await h.publish(SKUAwaitingCatalog(skuId: "2008", reason: "Produto ainda não foi catalogado", waitingSince: old), id: "t2")
        let published = ContinuousClock.now
        // Waits for the probe itself; a poll sees a probe at most one poll period after it came,
        // so one seen later than half the check interval plus a poll period came after half the
        // interval: not checked early.
        let poll = Duration.milliseconds(500)
        var probes: [OfferRefresh] = []
        var firstSeen: ContinuousClock.Instant?
        let probed = await eventually(timeout: .seconds(30), every: poll) {
            probes += (try? await Self.refreshes(h)) ?? []
            if !probes.isEmpty, firstSeen == nil { firstSeen = ContinuousClock.now }
            return !probes.isEmpty
        }
        #expect(probed)
        let checkInterval = try #require(FleetHarness.workerSettings["CARREFOUR_CATALOG_CHECK_INTERVAL"].flatMap { Double($0.dropLast()) })
        let seenAfter = (firstSeen ?? published) - published
        #expect(seenAfter >= .seconds(checkInterval / 2) + poll, "checked before the interval: after \(seenAfter)")
        #expect(probes.map(\.skuId) == ["2001"])
        #expect(probes.first.map { abs(($0.waitingSince ?? .distantPast).timeIntervalSince(now)) < 1 } == true)
        var parked: [AMQPDelivery] = []
        _ = await eventually(timeout: .seconds(10), every: .milliseconds(500)) {
            parked += (try? await h.drain("catalog.parked")) ?? []
            return !parked.isEmpty
        }
        let check = parked.first { $0.properties.type == "catalog.check" }
        #expect(check?.properties.headers["carrefour-parked-reason"]?.stringValue?.contains("has not catalogued the product within 1h") == true)
        var gaveUp: IntegrationEvent?
        let logged = await eventually(timeout: .seconds(10), every: .milliseconds(500)) {
            gaveUp = try? await h.latestProductEvents()["2008"]
            return gaveUp?.message.contains("contact Carrefour") == true
        }
        #expect(logged, "2008's latest entry: \(gaveUp?.message ?? "none")")

        await worker.stop()
        await h.stop()
    }

    /// The `offer.refresh` messages waiting in `offers.work` (taken off the queue).
    static func refreshes(_ h: FleetHarness) async throws -> [OfferRefresh] {
        try await h.drain("offers.work").compactMap { try? OfferRefresh.decode(body: $0.body) }
    }
}
