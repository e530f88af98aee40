import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import Logging
import MiraklAPI
import WorkerRuntime

/// Where each SKU stands in Carrefour's catalog, learnt from Mirakl alone (the broker and Mirakl
/// are the only state; nothing is kept on disk).
///
/// Why Mirakl's product-import history: Carrefour does not tell a shop when it catalogues a
/// product (seeds "Inventory") and Mirakl has no seller webhook, so the pull signals of
/// reference/mirakl-api.md §2 "How a shop learns that a product is catalogued" are all there is.
/// CM11 needs Mirakl Catalog Manager, which Carrefour BR may not run; P31 lists products by EAN
/// only; OF21 lists offers, which exist only after cataloguing. The import history is what every
/// shop has, and it answers all three questions the worker asks: sent (an import holds it),
/// integrated (P45 names it, or P44 says "already catalogued") and deleted (P44 says so). So the
/// index lists the imports with P51 (paced to once a minute, read again every
/// `CARREFOUR_IMPORT_HISTORY_REFRESH`, and then only those changed since) and reads P44 and P45
/// once per finished import (they never change). Imports still running list no SKUs in Mirakl:
/// the worker registers those it sent (``recordSent(importId:skus:)``), and after a restart the
/// import's own `product.import.sent` message, polled every minute, registers them again.
///
/// Each SKU's state is the fold, oldest import first, of what each import said about it
/// (``CatalogState/merging(_:)``).
actor CatalogIndex {
    private struct ImportEntry {
        var status: ProductImportStatus
        var reportsRead: Bool
    }

    /// Clock skew allowance on P51's `last_request_date`.
    static let overlap: TimeInterval = 600

    private let mirakl: MiraklClient
    private let callGap: Duration
    private let refreshInterval: Duration
    private let logger: Logger
    private var news: [String: [Int: CatalogState]] = [:]
    private var outcomes: [String: [Int: ProductOutcome]] = [:]
    private var imports: [Int: ImportEntry] = [:]
    private var lastListCall: ContinuousClock.Instant?
    private var refreshed: (at: ContinuousClock.Instant, wall: Date)?
    private var refreshing: Task<Result<Void, WorkFailure>, Never>?

    /// - Parameters:
    ///   - callGap: the least time between two P51 calls (the spec's "once per minute").
    ///   - refreshInterval: how stale the listing may get before it is read again.
    init(mirakl: MiraklClient, callGap: Duration, refreshInterval: Duration, logger: Logger) {
        self.mirakl = mirakl
        self.callGap = callGap
        self.refreshInterval = refreshInterval
        self.logger = logger
    }

    /// Whether Mirakl lists any product import of the shop (or this worker sent one), after
    /// reading the history if it is stale.
    func hasImportHistory() async throws(WorkFailure) -> Bool {
        try await refreshIfStale()
        return !imports.isEmpty
    }

    /// The SKU's state, after reading Mirakl's history if it is stale.
    func state(of sku: String) async throws(WorkFailure) -> CatalogState {
        try await refreshIfStale()
        return folded(sku)
    }

    /// Every SKU Carrefour holds as catalogued (``CatalogState/integrated(importId:)``), after
    /// reading Mirakl's history if it is stale.
    func integratedSKUs() async throws(WorkFailure) -> Set<String> {
        try await refreshIfStale()
        return Set(news.keys.filter { folded($0).isCatalogued })
    }

    /// Records that `skus` were sent in import `importId` (not final yet).
    func recordSent(importId: Int, skus: [String]) {
        if imports[importId] == nil { imports[importId] = ImportEntry(status: .waiting, reportsRead: false) }
        for sku in skus where news[sku]?[importId] == nil {
            news[sku, default: [:]][importId] = .inFlight(importId: importId)
        }
    }

    /// Records what a finished import said about its SKUs.
    func recordOutcomes(importId: Int, status: ProductImportStatus, outcomes: [String: ProductOutcome]) {
        imports[importId] = ImportEntry(status: status, reportsRead: true)
        for (sku, outcome) in outcomes {
            news[sku, default: [:]][importId] = outcome.state
            self.outcomes[sku, default: [:]][importId] = outcome
        }
    }

    /// What import `importId` said about `sku`, when the index read it.
    func outcome(of sku: String, in importId: Int) -> ProductOutcome? {
        outcomes[sku]?[importId]
    }

    private func folded(_ sku: String) -> CatalogState {
        guard let entries = news[sku] else { return .unknown }
        return entries.sorted { $0.key < $1.key }.reduce(CatalogState.unknown) { $0.merging($1.value) }
    }

    private func refreshIfStale() async throws(WorkFailure) {
        if let refreshed, ContinuousClock.now - refreshed.at < refreshInterval { return }
        if refreshed != nil, let last = lastListCall, ContinuousClock.now - last < callGap { return }
        if let running = refreshing {
            try await running.value.get()
            return
        }
        let task = Task { await self.refresh() }
        refreshing = task
        let result = await task.value
        refreshing = nil
        try result.get()
    }

    private func refresh() async -> Result<Void, WorkFailure> {
        let wall = Date()
        let since = refreshed.map { $0.wall.addingTimeInterval(-Self.overlap) }
        do {
            var trackings: [ProductImportTracking] = []
            var offset = 0
            while true {
                let page = try await listPage(changedSince: since, offset: offset)
                trackings += page.trackings
                offset += page.trackings.count
                if page.trackings.isEmpty || offset >= page.totalCount { break }
            }
            for tracking in trackings.sorted(by: { $0.importId < $1.importId }) {
                let known = imports[tracking.importId]
                if known?.reportsRead == true { continue }
                imports[tracking.importId] = ImportEntry(status: tracking.status, reportsRead: false)
                if tracking.status.isFinal { try await readReports(of: tracking) }
            }
        } catch {
            logger.warning("cannot read Mirakl's product-import history", metadata: ["error": "\(error)"])
            return .failure(WorkFailure(classifying: error))
        }
        refreshed = (ContinuousClock.now, wall)
        logger.debug("product-import history read", metadata: ["imports": "\(imports.count)", "skus": "\(news.count)"])
        return .success(())
    }

    /// Reads P44/P45 of a finished import into the index.
    private func readReports(of tracking: ProductImportTracking) async throws(MiraklError) {
        let id = tracking.importId
        let errors = tracking.hasErrorReport ? try await mirakl.productErrorReport(id) : nil
        let added = tracking.hasNewProductReport ? try await mirakl.newProductReport(id) : nil
        let errorReport: ProductImportReport?
        let newProductReport: ProductImportReport?
        do {
            errorReport = try errors.map { bytes throws(ProductImportReport.Failure) in try ProductImportReport.parse(bytes, columns: .errorReport) }
            newProductReport = try added.map { bytes throws(ProductImportReport.Failure) in try ProductImportReport.parse(bytes, columns: .newProductReport) }
        } catch {
            logger.error("unreadable product-import report; its SKUs stay unknown", metadata: ["import": "\(id)", "error": "\(error)"])
            imports[id]?.reportsRead = true
            return
        }
        let inFlight = news.compactMap { sku, entries in entries[id] == .inFlight(importId: id) ? sku : nil }
        var skus = Set(inFlight)
        skus.formUnion(errorReport?.messages.keys.map { $0 } ?? [])
        skus.formUnion(newProductReport?.messages.keys.map { $0 } ?? [])
        let outcomes = ProductOutcome.outcomes(
            importId: id, skus: Array(skus), status: tracking.status.rawValue, reason: tracking.reasonStatus,
            errorReport: errorReport, newProductReport: newProductReport)
        recordOutcomes(importId: id, status: tracking.status, outcomes: outcomes)
    }

    /// One P51 page, paced; a 429 (another process of the fleet called P51 within the minute: the
    /// catalog worker, the scheduled reconcile, `carrefourctl reconcile`) is waited out as its
    /// `Retry-After` says, up to three times.
    private func listPage(changedSince since: Date?, offset: Int) async throws(MiraklError) -> ProductImportList {
        var attempt = 0
        while true {
            await paceListCall()
            do {
                return try await mirakl.productImports(changedSince: since, max: 100, offset: offset)
            } catch .rateLimited(let operation, let retryAfter) {
                attempt += 1
                guard attempt < 3 else { throw .rateLimited(operation: operation, retryAfter: retryAfter) }
                try? await Task.sleep(for: retryAfter ?? callGap)
            }
        }
    }

    private func paceListCall() async {
        if let last = lastListCall {
            let wait = callGap - (ContinuousClock.now - last)
            if wait > .zero { try? await Task.sleep(for: wait) }
        }
        lastListCall = ContinuousClock.now
    }
}

extension WorkFailure {
    /// Classifies whatever a catalog step threw. Generic so that a Mirakl or VTEX failure picks the
    /// more specific ``WorkFailure/init(classifying:)`` for client failures.
    init<Failure: Error>(classifying error: Failure) {
        switch error {
        case let failure as WorkFailure: self = failure
        case let mirakl as MiraklError: self.init(classifying: mirakl)
        default: self = .transient("\(error)")
        }
    }
}
