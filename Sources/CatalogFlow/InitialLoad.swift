import AMQPLayer
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import ServiceLifecycle
import WorkerRuntime

/// The first start (how-the-carrefour-integration-works.md §1 "Product Submission": "Products are
/// sent automatically … after the integration setup has been successfully completed"): a catalog
/// worker that finds no product import in Mirakl's history (P51) and no initial load done starts
/// the initial load itself, as `carrefourctl catalog sync` would, once.
///
/// "Done" is remembered by the broker: the queue `catalog.initial-load` (`x-max-length: 1`,
/// `x-overflow: reject-publish`) holds one marker. A worker publishes the marker first; the broker
/// refuses a second one, so of several replicas starting together one starts the load. A store whose
/// history already lists imports gets the marker too, without a load. A `catalog.sync` the broker
/// does not confirm takes the marker back, so the next try starts the load. (Only a crash between
/// the marker and the `catalog.sync` leaves the load to `carrefourctl catalog sync`; the integration
/// log then has no `initial-load` entry.) A dry run (`CARREFOUR_DRY_RUN`) loads without keeping the
/// marker, so that the first live start still sends the catalog.
struct InitialLoad: Service {
    /// The marker queue.
    static let markerQueue = "catalog.initial-load"
    /// The request id of the load this worker starts.
    static let requestId = "initial-load"

    let context: CatalogContext
    let amqp: AMQPConfiguration
    let topology: Topology
    let reconnectMaxDelay: Duration
    /// A dry run: the marker is taken back once the load is asked for.
    var dryRun = false

    func run() async throws {
        let reconnecting = Reconnecting(initial: .milliseconds(500), maximum: max(reconnectMaxDelay, .seconds(1)))
        _ = await reconnecting.untilSuccess(stop: { Task.isCancelled || Task.isShuttingDownGracefully }) { error, _ in
            context.logger.warning("initial load: cannot check yet; trying again", metadata: ["error": "\(error)"])
        } attempt: {
            try await check()
        }
        // A service that returns would stop the whole group: stay until shutdown.
        try? await gracefulShutdown()
    }

    /// One look: marker present → nothing; history present → marker only; else marker, then the load.
    private func check() async throws {
        let connection = try await AMQPConnection.connect(amqp)
        do {
            try await run(on: connection)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    private func run(on connection: AMQPConnection) async throws {
        // The work queue must exist before the load is asked for (the consumers declare it too).
        try await connection.declare(topology)
        let marker = try await connection.declareQueue(Self.markerQueue, durable: true, arguments: [
            "x-queue-type": .string("classic"), "x-max-length": .int64(1), "x-overflow": .string("reject-publish"),
        ])
        guard marker.readyMessages == 0 else {
            context.logger.info("initial load: already done")
            return
        }
        let history = try await context.index.hasImportHistory()
        var properties = AMQPProperties()
        properties.persistent = true
        properties.contentType = "application/json"
        let body = #"{"decidedAt":"\#(Date.ISO8601FormatStyle().format(Date()))","load":\#(!history)}"#
        let token = AMQPOutgoingMessage(exchange: "", routingKey: Self.markerQueue, properties: properties, body: Array(body.utf8))
        guard try await connection.publish([token]).first == .confirmed else {
            context.logger.info("initial load: another catalog worker decided it")
            return
        }
        guard !history else {
            context.logger.info("initial load: Mirakl already lists product imports; not started")
            try await releaseInDryRun(connection)
            return
        }
        let sync = try CatalogSync(requestId: Self.requestId).message(exchange: context.exchange, id: Self.requestId, appID: CatalogContext.worker)
        do {
            try await context.publish([sync])
        } catch {
            // Not asked for after all: take the marker back so that the next try asks.
            if let taken = try await connection.get(Self.markerQueue) { try await connection.ack(taken.tag) }
            throw error
        }
        try await context.log.record(IntegrationEvent(
            operationId: "initial-load", entity: .connector, entityId: "integration", operation: .catalog,
            direction: .vtexToCarrefour, status: .pending,
            message: "First start: no product import in Carrefour and no initial load yet, so the catalog's initial load "
                + "started (every SKU of trade policy \(context.store.tradePolicy) is read and sent)",
            worker: CatalogContext.worker))
        context.logger.info("initial load: started")
        try await releaseInDryRun(connection)
    }

    /// In a dry run, takes the marker back: nothing was sent, so the first live start must load.
    private func releaseInDryRun(_ connection: AMQPConnection) async throws {
        guard dryRun, let taken = try await connection.get(Self.markerQueue) else { return }
        try await connection.ack(taken.tag)
    }
}
