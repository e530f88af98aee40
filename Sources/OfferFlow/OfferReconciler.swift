public import AMQPLayer
public import HTTPLayer
public import IntegrationRules
public import Logging
import MiraklAPI
import VTEXAPI
public import WorkerRuntime

/// `carrefourctl reconcile` (README "Offers"): every Carrefour offer against what the fleet would
/// send for it now — the simulation on the trade policy (50 SKUs a call, 4 at once, as the
/// offer-batcher) less the pending Carrefour orders (one OR11 read) — and, on demand, an Alert per
/// drifted SKU in the integration log and an `offer.refresh` for it.
///
/// The offers are read with OF21 (`GET /api/offers`, 100 a page): its frequency is "on each offers
/// page view", with no maximum; the OF51 export would be lighter on Mirakl but allows a full
/// export once a day.
public struct OfferReconciler: Sendable {
    /// One drifted offer.
    public struct Drifted: Sendable, Equatable {
        /// The shop SKU (the VTEX SKU id).
        public var sku: String
        /// How it differs, at least one way.
        public var drifts: [OfferDrift]
    }

    /// What a run found.
    public struct Report: Sendable {
        /// Offers read from Carrefour (or the one asked for).
        public var checked: Int
        /// The offers that differ from what the fleet would send now.
        public var drifted: [Drifted]
        /// SKUs that could not be checked, with why.
        public var unchecked: [String: String]
    }

    let batcher: OfferBatcher

    /// A reconciler with the connector's clients; `publisher` carries the Alerts and refreshes.
    public init(connector: ConnectorSettings, http: HTTPClient, publisher: ReliablePublisher, topology: Topology, logger: Logger) {
        let context = OfferContext(
            mirakl: MiraklClient(configuration: connector.mirakl, http: http),
            vtex: VTEXClient(configuration: connector.vtex, http: http), store: connector.store,
            settings: OfferSettings(timeScale: connector.timeScale), log: IntegrationLog(publisher: publisher, topology: topology),
            publisher: publisher, topology: topology, pacer: CallPacer(), worker: "carrefourctl", logger: logger)
        batcher = OfferBatcher(context: context)
    }

    /// A reconciler sharing the offer-batcher's clients and pacer (the scheduled reconcile).
    init(context: OfferContext) {
        batcher = OfferBatcher(context: context)
    }

    /// Compares Carrefour's offers (only `sku`'s when given) with VTEX. A `sku` neither offered on
    /// Carrefour nor known to VTEX is an error naming it.
    public func run(sku: String?) async throws(WorkFailure) -> Report {
        let offers = try await carrefourOffers(sku: sku)
        let skus = offers.map(\.shopSKU)
        var failures: [String: WorkFailure] = [:]
        var ignored: [IntegrationEvent] = []
        let pending = try await batcher.pendingUnits(for: Set(skus))
        let simulated = try await batcher.simulate(skus, failures: &failures, entries: &ignored, operation: { _ in .offer })
        if let sku, offers.isEmpty {
            throw .business("unknown SKU \(sku): Carrefour has no offer for it")
        }
        var report = Report(checked: offers.count, drifted: [], unchecked: [:])
        for offer in offers {
            if let failure = failures[offer.shopSKU] {
                report.unchecked[offer.shopSKU] = "\(failure)"
                continue
            }
            let expected = OfferPricing.decide(
                skuId: offer.shopSKU, simulated: simulated[offer.shopSKU], tradePolicy: batcher.context.store.tradePolicy,
                pendingUnits: pending[offer.shopSKU] ?? 0)
            let drifts = OfferDrift.drifts(
                carrefourPriceCents: OfferBatcher.cents(offer.price), carrefourQuantity: offer.quantity, expected: expected)
            if !drifts.isEmpty { report.drifted.append(Drifted(sku: offer.shopSKU, drifts: drifts)) }
        }
        return report
    }

    /// One Alert per drifted SKU (operation id `reconcile:<runId>:<sku>`).
    public func alert(_ report: Report, runId: String) async throws(WorkFailure) {
        let context = batcher.context
        let events = report.drifted.map { drifted in
            context.logEntry(
                "reconcile:\(runId):\(drifted.sku)", sku: drifted.sku, operation: .offer, status: .alert,
                message: "Carrefour's offer differs from VTEX: " + drifted.drifts.map(\.text).joined(separator: "; "))
        }
        for start in stride(from: 0, to: events.count, by: 500) {
            try await context.log.record(Array(events[start..<min(start + 500, events.count)]))
        }
    }

    /// An `offer.refresh` per SKU (message ids `offer.refresh:reconcile:<runId>:<sku>`), confirmed.
    public func refresh(_ skus: [String], runId: String) async throws(WorkFailure) {
        let context = batcher.context
        let exchange = context.topology.connector.exchanges.events
        for start in stride(from: 0, to: skus.count, by: 500) {
            let messages = try skus[start..<min(start + 500, skus.count)].map { (sku: String) throws(WorkFailure) in
                try OfferRefresh(skuId: sku, reason: "reconcile \(runId)")
                    .message(exchange: exchange, id: "offer.refresh:reconcile:\(runId):\(sku)", appID: "carrefourctl")
            }
            try await context.publish(messages)
        }
    }

    /// Every offer Carrefour holds (or `sku`'s), OF21 page by page.
    private func carrefourOffers(sku: String?) async throws(WorkFailure) -> [OfferList.Offer] {
        let mirakl = batcher.context.mirakl
        do throws(MiraklError) {
            if let sku { return try await mirakl.offer(sku: sku).map { [$0] } ?? [] }
            var offers: [OfferList.Offer] = []
            while true {
                let page = try await mirakl.offers(max: 100, offset: offers.count)
                offers += page.offers
                guard !page.offers.isEmpty, offers.count < page.totalCount else { return offers }
            }
        } catch {
            throw WorkFailure(classifying: error)
        }
    }
}
