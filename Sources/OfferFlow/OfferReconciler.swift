import AMQPLayer
public import Connector
public import FleetContracts
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
    /// Reads which SKUs Carrefour holds as catalogued (the catalog flow's `CatalogHistory`), for
    /// the "catalogued with no offer" drift; passed in by the executable that has it.
    public typealias CataloguedSKUs = @Sendable () async throws(WorkFailure) -> Set<String>

    /// One drifted offer.
    public struct Drifted: Sendable, Equatable {
        /// The shop SKU (the VTEX SKU id).
        public var sku: String
        /// How it differs, at least one way.
        public var drifts: [OfferDrift]
    }

    /// An offer of Carrefour's listing that could not be read.
    public struct Unreadable: Sendable, Equatable {
        /// Its 0-based position in OF21's listing (sorted by shop SKU).
        public var position: Int
        /// Its shop SKU, when that much could be read.
        public var sku: String?
        /// What was wrong with it.
        public var reason: String

        /// One line naming it.
        public var text: String {
            "offer #\(position + 1) of Carrefour's listing" + (sku.map { " (SKU \($0))" } ?? "") + " cannot be read: \(reason)"
        }
    }

    /// What a run found.
    public struct Report: Sendable {
        /// Offers read from Carrefour (or the one asked for).
        public var checked: Int
        /// The offers that differ from what the fleet would send now.
        public var drifted: [Drifted]
        /// SKUs that could not be checked, with why.
        public var unchecked: [String: String]
        /// Offers of Carrefour's listing that could not be read: nothing is fixed on a guess.
        public var unreadable: [Unreadable] = []
        /// SKUs Carrefour catalogued and holds no offer for, checked against VTEX.
        public var withoutOffer = 0
        /// Why catalogued SKUs without an offer were not looked for, when they were not.
        public var catalogueSkipped: String?
    }

    let batcher: OfferBatcher
    let catalogued: CataloguedSKUs?

    /// A reconciler with the connector's clients; `publisher` carries the Alerts and refreshes.
    public init(
        connector: ConnectorSettings, http: HTTPClient, publisher: ReliablePublisher, topology: Topology, logger: Logger,
        catalogued: CataloguedSKUs? = nil
    ) {
        let context = OfferContext(
            mirakl: MiraklClient(configuration: connector.mirakl, http: http),
            vtex: VTEXClient(configuration: connector.vtex, http: http), store: connector.store,
            settings: OfferSettings(timeScale: connector.timeScale), log: IntegrationLog(publisher: publisher, topology: topology),
            publisher: publisher, topology: topology, pacer: CallPacer(), worker: "carrefourctl", logger: logger)
        batcher = OfferBatcher(context: context)
        self.catalogued = catalogued
    }

    /// A reconciler sharing the offer-batcher's clients and pacer (the scheduled reconcile).
    init(context: OfferContext, catalogued: CataloguedSKUs?) {
        batcher = OfferBatcher(context: context)
        self.catalogued = catalogued
    }

    /// Compares Carrefour's offers (only `sku`'s when given) with VTEX, and looks for catalogued
    /// SKUs with no offer. A `sku` neither offered nor catalogued on Carrefour is an error naming it.
    public func run(sku: String?) async throws(WorkFailure) -> Report {
        let listing = try await carrefourOffers(sku: sku)
        var report = Report(checked: 0, drifted: [], unchecked: [:], unreadable: listing.unreadable)
        let missing = await cataloguedWithoutOffer(listing, only: sku, report: &report)
        if let sku, listing.offers.isEmpty, listing.unreadable.isEmpty, missing.isEmpty {
            throw .business("unknown SKU \(sku): Carrefour has no offer for it")
        }
        let skus = listing.offers.map(\.shopSKU) + missing
        report.checked = listing.offers.count
        report.withoutOffer = missing.count
        var failures: [String: WorkFailure] = [:]
        var ignored: [IntegrationEvent] = []
        let pending = try await batcher.pendingUnits(for: Set(skus))
        let simulated = try await batcher.simulate(skus, failures: &failures, entries: &ignored, operation: { _ in .offer })
        let offered = Dictionary(listing.offers.map { ($0.shopSKU, $0) }, uniquingKeysWith: { first, _ in first })
        for sku in skus {
            if let failure = failures[sku] {
                report.unchecked[sku] = "\(failure)"
                continue
            }
            let expected = OfferPricing.decide(
                skuId: sku, simulated: simulated[sku], tradePolicy: batcher.context.store.tradePolicy, pendingUnits: pending[sku] ?? 0)
            let drifts: [OfferDrift] = if let offer = offered[sku] {
                OfferDrift.drifts(carrefourPriceCents: OfferBatcher.cents(offer.price), carrefourQuantity: offer.quantity, expected: expected)
            } else {
                OfferDrift.missingOffer(expected: expected).map { [$0] } ?? []
            }
            if !drifts.isEmpty { report.drifted.append(Drifted(sku: sku, drifts: drifts)) }
        }
        return report
    }

    /// The catalogued SKUs (only `only` when given) Carrefour holds no offer for. Not looked for
    /// when a listed offer could not be read (which SKUs have an offer is then a guess) or the
    /// history cannot be read; the report says why.
    private func cataloguedWithoutOffer(_ listing: Listing, only: String?, report: inout Report) async -> [String] {
        guard let catalogued else { return [] }
        guard listing.unreadable.isEmpty else {
            report.catalogueSkipped = "\(listing.unreadable.count) offer(s) of Carrefour's listing cannot be read, so which SKUs have an offer is not known"
            return []
        }
        do {
            let offered = Set(listing.offers.map(\.shopSKU))
            return try await catalogued().subtracting(offered).filter { only == nil || $0 == only }.sorted()
        } catch {
            report.catalogueSkipped = "Mirakl's product-import history cannot be read: \(error)"
            return []
        }
    }

    /// One Alert per drifted SKU (operation id `reconcile:<runId>:<sku>`) and one Error per
    /// unreadable offer of the listing (`reconcile:<runId>:unreadable:<position>`).
    public func alert(_ report: Report, runId: String) async throws(WorkFailure) {
        let context = batcher.context
        let events = report.drifted.map { drifted in
            context.logEntry(
                "reconcile:\(runId):\(drifted.sku)", sku: drifted.sku, operation: .offer, status: .alert,
                message: "Carrefour's offer differs from VTEX: " + drifted.drifts.map(\.text).joined(separator: "; "))
        } + report.unreadable.map { unreadable in
            context.logEntry(
                "reconcile:\(runId):unreadable:\(unreadable.position)", sku: unreadable.sku ?? "*", operation: .offer,
                status: .error, message: "Reconcile: " + unreadable.text + "; nothing was fixed for it")
        }
        for start in stride(from: 0, to: events.count, by: 500) {
            try await context.log.record(Array(events[start..<min(start + 500, events.count)]))
        }
    }

    /// An `offer.refresh` per SKU (message ids `offer.refresh:reconcile:<runId>:<sku>`), confirmed.
    public func refresh(_ skus: [String], runId: String) async throws(WorkFailure) {
        let context = batcher.context
        let exchange = context.topology.fleet.exchanges.events
        for start in stride(from: 0, to: skus.count, by: 500) {
            let messages = try skus[start..<min(start + 500, skus.count)].map { (sku: String) throws(WorkFailure) in
                try OfferRefresh(skuId: sku, reason: "reconcile \(runId)")
                    .message(exchange: exchange, id: "offer.refresh:reconcile:\(runId):\(sku)", appID: "carrefourctl")
            }
            try await context.publish(messages)
        }
    }

    /// Carrefour's offers as OF21 lists them, read and unreadable.
    struct Listing {
        var offers: [OfferList.Offer] = []
        var unreadable: [Unreadable] = []
    }

    /// Every offer Carrefour holds (or `sku`'s), OF21 page by page.
    private func carrefourOffers(sku: String?) async throws(WorkFailure) -> Listing {
        let mirakl = batcher.context.mirakl
        var listing = Listing()
        var position = 0
        do throws(MiraklError) {
            while true {
                let page = try await mirakl.offers(sku: sku, max: 100, offset: position)
                listing.offers += page.offers.filter { sku == nil || $0.shopSKU == sku }
                listing.unreadable += page.unreadable.map {
                    Unreadable(position: position + $0.position, sku: $0.shopSKU, reason: $0.reason)
                }
                position += page.count
                guard page.count > 0, position < page.totalCount, sku == nil else { return listing }
            }
        } catch {
            throw WorkFailure(classifying: error)
        }
    }
}
