import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import WorkerRuntime

/// The periodic full resync (reference/vtex-apis.md §7: VTEX's guides recommend "a periodic full
/// resync besides notifications"): a tick on the catalog's `resync.tick` queue (single active consumer: one
/// replica at a time, as the order poll) every `CARREFOUR_CATALOG_RESYNC_INTERVAL` asks for a
/// `catalog.sync`, the same load `carrefourctl catalog sync` asks for. A SKU whose only
/// notification was lost (the ingress down, the broker away while VTEX tried) is sent at the next
/// resync; a catalogued one only gets its offer refreshed, a running import is left alone.
struct CatalogResyncJob: TickJob {
    struct State: Codable, Sendable, Equatable {}

    /// The tick queue (`catalog.resync.tick` in topology.json).
    let queue: String
    let interval: Duration
    var minimumSpacing: Duration { .zero }
    let context: CatalogContext

    func tick(_ state: State?) async throws(WorkFailure) -> TickStep<State> {
        let requestId = "resync-\(Int64(Date().timeIntervalSince1970 * 1000))"
        let sync = try CatalogSync(requestId: requestId).message(exchange: context.exchange, id: requestId, appID: CatalogContext.worker)
        try await context.publish([sync])
        try await context.log.record(IntegrationEvent(
            operationId: "resync:\(requestId)", entity: .connector, entityId: "catalog", operation: .catalog,
            direction: .vtexToCarrefour, status: .success,
            message: "Periodic catalog resync \(requestId) asked for: every SKU of trade policy \(context.store.tradePolicy) is read "
                + "again (a lost notification's SKU is sent; catalogued ones get their offer refreshed)",
            worker: CatalogContext.worker))
        return TickStep(next: State(), after: interval)
    }
}
