import AMQPLayer
import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import WorkerRuntime

/// `catalog.work`: what changed in VTEX, what Carrefour refused as not catalogued, and the
/// initial load (seeds/how-the-carrefour-integration-works.md §1).
///
/// - `sku.changed`: the SKU's place in Carrefour's catalog (``CatalogIndex``) decides
///   (``CatalogDecision``): never sent → validated and queued for P41; catalogued → an offer
///   refresh only (no product update: seeds "Product updates"); in an import → its result will
///   tell; deleted in Carrefour → logged, never resent.
/// - `catalog.sync`: one page of the trade policy's SKU ids becomes `sku.changed` messages, and
///   the next page a new `catalog.sync`, in one confirmed publish.
/// - `sku.awaiting-catalog`: the SKU waits `CARREFOUR_CATALOG_CHECK_INTERVAL` in the delay tiers
///   (`catalog.check`).
/// - `catalog.check`: a waiting SKU is due: its offer is asked again while Carrefour has it
///   integrated, until the maximum wait, after which it is logged and parked.
struct CatalogWorkHandler: MessageHandler {
    let context: CatalogContext

    var acceptedTypes: Set<String> {
        [SKUChanged.routingKey, CatalogSync.routingKey, SKUAwaitingCatalog.routingKey, CatalogCheck.routingKey]
    }

    func handle(_ message: InboundMessage) async throws {
        let id = message.delivery.properties.messageID ?? UUID().uuidString.lowercased()
        switch message.type {
        case SKUChanged.routingKey: try await changed(try SKUChanged.decode(message), id: id)
        case CatalogSync.routingKey: try await sync(try CatalogSync.decode(message))
        case SKUAwaitingCatalog.routingKey: try await awaiting(try SKUAwaitingCatalog.decode(message), id: id)
        case CatalogCheck.routingKey: try await check(try CatalogCheck.decode(message), id: id)
        default: throw WorkFailure.badInput("unexpected type \(message.type ?? "none")")
        }
    }

    private func changed(_ change: SKUChanged, id: String) async throws(WorkFailure) {
        let sku = change.skuId
        let state = try await context.index.state(of: sku)
        switch CatalogDecision.decide(state: state, priceOrStockOnly: change.isPriceOrStockOnly) {
        case .send:
            try await ProductPreparation(context: context).prepare(sku, operation: id)
        case .refreshOffer:
            try await context.publish([context.offerRefresh(sku, reason: "catalogued; \(Self.what(change))", id: "refresh:\(id)")])
        case .awaitImport(let importId):
            context.logger.debug("in an import still running", metadata: ["sku": "\(sku)", "import": "\(importId)"])
        case .keepRefused(let importId, _):
            context.logger.debug("refused before and only price or stock changed", metadata: ["sku": "\(sku)", "import": "\(importId)"])
        case .neverResend(let importId, let reason):
            try await context.log.record(context.event(
                sku, operation: "deleted:\(id)", status: .error,
                message: "not sent: deleted in Carrefour's panel, it can never be sent again (\(reason))",
                externalId: String(importId)))
        }
    }

    private func sync(_ request: CatalogSync) async throws(WorkFailure) {
        let page = request.page ?? 1
        let size = context.settings.syncPageSize
        let ids: [Int]
        do {
            ids = try await context.vtex.skuIds(tradePolicy: context.store.tradePolicy, page: page, pageSize: size)
        } catch {
            throw WorkFailure(classifying: error)
        }
        var messages: [AMQPOutgoingMessage] = []
        messages.reserveCapacity(ids.count + 1)
        for sku in ids {
            messages.append(try SKUChanged(skuId: String(sku))
                .message(exchange: context.exchange, id: "sync:\(request.requestId):\(sku)", appID: CatalogContext.worker))
        }
        if ids.count == size {
            let next = CatalogSync(requestId: request.requestId, requestedAt: request.requestedAt, page: page + 1)
            messages.append(try next.message(exchange: context.exchange, id: "sync:\(request.requestId):page:\(page + 1)", appID: CatalogContext.worker))
        }
        try await context.publish(messages)
        context.logger.info("catalog sync page", metadata: [
            "request": "\(request.requestId)", "page": "\(page)", "skus": "\(ids.count)", "last": "\(ids.count < size)",
        ])
    }

    private func awaiting(_ refusal: SKUAwaitingCatalog, id: String) async throws(WorkFailure) {
        let check = CatalogCheck(skuId: refusal.skuId, reason: refusal.reason, waitingSince: refusal.waitingSince ?? Date())
        try await schedule(check, id: "check:\(id)")
    }

    private func check(_ check: CatalogCheck, id: String) async throws(WorkFailure) {
        let sku = check.skuId
        let state = try await context.index.state(of: sku)
        let waited = Date().timeIntervalSince(check.waitingSince)
        let maximum = context.settings.maximumAge
        switch CatalogWaitDecision.decide(
            state: state, waited: waited, maximum: Double(maximum / .milliseconds(1)) / 1000,
            maximumText: SettingsSource.format(maximum)) {
        case .probeOffer:
            try await context.publish([context.offerRefresh(
                sku, reason: "waiting for Carrefour's cataloguing: \(check.reason)", waitingSince: check.waitingSince,
                id: "probe:\(id)")])
        case .giveUp(let reason):
            try await context.log.record(context.event(sku, operation: "gave-up:\(id)", status: .error, message: reason))
            throw .business(reason)
        case .send:
            try await ProductPreparation(context: context).prepare(sku, operation: id)
        case .stop(let reason):
            context.logger.debug("stops waiting", metadata: ["sku": "\(sku)", "reason": "\(reason)"])
        }
    }

    private func schedule(_ check: CatalogCheck, id: String) async throws(WorkFailure) {
        let message = try check.message(exchange: context.exchange, id: id, appID: CatalogContext.worker)
        try await context.delayed.schedule(
            to: context.queues.work, after: context.settings.checkInterval, body: message.body, properties: message.properties)
    }

    /// What VTEX said changed, for the refresh's reason.
    static func what(_ change: SKUChanged) -> String {
        var parts: [String] = []
        if change.priceModified == true { parts.append("price") }
        if change.stockModified == true { parts.append("stock") }
        if change.hasStockKeepingUnitModified == true { parts.append("catalog data") }
        if change.isActive == false { parts.append("inactive") }
        if change.hasStockKeepingUnitRemovedFromAffiliate == true { parts.append("removed from the affiliate") }
        return parts.isEmpty ? "looked at again" : parts.joined(separator: ", ") + " changed"
    }
}
