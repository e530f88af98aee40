#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import WorkerRuntime

/// The scheduled reconcile (README "Offers"): a tick on the offer-batcher's `reconcile.tick` queue (single active
/// consumer: one replica at a time, as the order poll) every `CARREFOUR_RECONCILE_INTERVAL`
/// compares every Carrefour offer with VTEX (``OfferReconciler``), logs an Alert per drift and
/// publishes an `offer.refresh` for it, then one summary entry (offers checked, drifted, fixed).
/// An offer of Carrefour's listing that cannot be read is an Error entry and is not fixed.
struct ReconcileJob: TickJob {
    struct State: Codable, Sendable, Equatable {}

    /// The tick queue (`offers.reconcile.tick` in topology.json).
    let queue: String
    let interval: Duration
    /// OR11's maximum frequency (the pending orders' read), on the fleet's clock.
    let minimumSpacing: Duration
    let reconciler: OfferReconciler

    func tick(_ state: State?) async throws(WorkFailure) -> TickStep<State> {
        let runId = "scheduled-\(Int64(Date().timeIntervalSince1970 * 1000))"
        let report = try await reconciler.run(sku: nil)
        try await reconciler.alert(report, runId: runId)
        try await reconciler.refresh(report.drifted.map(\.sku), runId: runId)
        let context = reconciler.batcher.context
        let withoutOffer = report.withoutOffer > 0 ? ", \(report.withoutOffer) catalogued SKU(s) without an offer checked" : ""
        var message = "Reconcile: \(report.checked) offer(s) checked\(withoutOffer), \(report.drifted.count) drifted, \(report.drifted.count) fixed (offer.refresh sent)"
        if !report.unchecked.isEmpty { message += ", \(report.unchecked.count) could not be checked" }
        if !report.unreadable.isEmpty { message += ", \(report.unreadable.count) unreadable in Carrefour's listing (not fixed)" }
        if let skipped = report.catalogueSkipped { message += "; catalogued SKUs without an offer not looked for: \(skipped)" }
        let clean = report.drifted.isEmpty && report.unchecked.isEmpty && report.unreadable.isEmpty && report.catalogueSkipped == nil
        try await context.log.record(context.logEntry(
            "reconcile:\(runId):summary", sku: "*", operation: .offer, status: clean ? .success : .alert, message: message))
        return TickStep(next: State(), after: interval)
    }
}
