import AMQPLayer
import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import Logging
import MiraklAPI
import VTEXAPI
import WorkerRuntime

/// What every step of the catalog flow works with: the clients, the index of Carrefour's
/// catalog, the broker's publishers and the integration log.
struct CatalogContext: Sendable {
    /// The worker's name in the integration log.
    static let worker = "catalog"

    let settings: CatalogSettings
    let store: StoreSettings
    let mirakl: MiraklClient
    let vtex: VTEXClient
    let index: CatalogIndex
    /// Carrefour's categories and attributes, the maps' check.
    let lists: CarrefourLists
    let publisher: ReliablePublisher
    let delayed: DelayedDelivery
    let log: IntegrationLog
    let queues: CatalogQueues
    let exchange: String
    let logger: Logger

    /// Publishes fleet messages to the events exchange and waits for the confirms.
    func publish(_ messages: [AMQPOutgoingMessage]) async throws(WorkFailure) {
        do {
            try await publisher.publish(messages)
        } catch {
            throw .transient("not confirmed by the broker: \(error)")
        }
    }

    /// The `offer.refresh` message of `sku`.
    func offerRefresh(_ sku: String, reason: String, waitingSince: Date? = nil, id: String) throws(WorkFailure) -> AMQPOutgoingMessage {
        try OfferRefresh(skuId: sku, reason: reason, waitingSince: waitingSince)
            .message(exchange: exchange, id: id, appID: Self.worker)
    }

    /// An integration-log entry about product `sku`.
    func event(
        _ sku: String, operation: String, status: IntegrationEvent.Status, message: String,
        translated: String? = nil, answer: String? = nil, externalId: String? = nil
    ) -> IntegrationEvent {
        IntegrationEvent(
            operationId: operation, entity: .product, entityId: sku, operation: .catalog, direction: .vtexToCarrefour,
            status: status, message: message, translatedPayload: translated, destinationAnswer: answer,
            worker: Self.worker, externalId: externalId)
    }
}

/// The catalog worker's queues, by role (topology.json `x-connector.workers.catalog`).
struct CatalogQueues: Sendable {
    /// sku.changed, catalog.sync, sku.awaiting-catalog, catalog.check.
    var work: String
    /// product.ready, batched into P41 imports.
    var products: String
    /// product.import.sent, followed with P42/P44/P45.
    var imports: String

    /// The queues topology.json gives the catalog worker; a missing one stops the process at start.
    init(app: WorkerApp) throws(SettingsError) {
        work = try app.queue("work", of: CatalogContext.worker)
        products = try app.queue("products", of: CatalogContext.worker)
        imports = try app.queue("imports", of: CatalogContext.worker)
    }
}
