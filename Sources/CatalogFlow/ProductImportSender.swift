import AMQPLayer
import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import MiraklAPI
import WorkerRuntime

/// Sends one window's `product.ready` SKUs to Carrefour as one P41 file (reference/mirakl-api.md
/// P41: recommended hourly, at most every 15 minutes; the window is `CARREFOUR_PRODUCT_IMPORT_INTERVAL`).
///
/// Right before the upload each SKU is looked up again in Carrefour's catalog, so nothing
/// catalogued is ever sent again (seeds "Product updates": an update "would undo the ones that
/// have already been registered"): a catalogued SKU gets an offer refresh instead, a deleted one
/// a log entry, one in a running import waits for it. After the upload the import is followed
/// on `catalog.imports` (published with a confirm before the window's deliveries are
/// acknowledged). A crash between the upload and that confirm redelivers the window, which is
/// uploaded again in the next one: an outcome is never lost, at worst an import is repeated.
struct ProductImportSender: Sendable {
    let context: CatalogContext

    /// Sends the batch; returns the SKUs that failed on their own (bad messages).
    func send(_ batch: [String: InboundMessage]) async throws(WorkFailure) -> [String: WorkFailure] {
        var failures: [String: WorkFailure] = [:]
        var lines: [ProductFile.Line] = []
        var refreshes: [AMQPOutgoingMessage] = []
        var events: [IntegrationEvent] = []
        for (sku, message) in batch.sorted(by: { $0.key < $1.key }) {
            let ready: ProductReady
            do {
                ready = try ProductReady.decode(message)
            } catch {
                failures[sku] = error
                continue
            }
            let id = message.delivery.properties.messageID ?? UUID().uuidString.lowercased()
            switch try await context.index.state(of: sku) {
            case .unknown, .refused:
                lines.append(ready.line)
            case .integrated(let importId):
                // Queued while its import ran, or redelivered after a crash that came between the
                // P41 and the import's follow-up: the outcome is logged here (same operation id as
                // the follow-up's), so it is never lost, and the product is not sent again.
                let outcome = await context.index.outcome(of: sku, in: importId)
                events.append(context.event(
                    sku, operation: "P42:\(importId):\(sku)", status: .success,
                    message: outcome?.message ?? "Carrefour has the product catalogued (import \(importId)); it is not sent again",
                    externalId: String(importId)))
                refreshes.append(try context.offerRefresh(
                    sku, reason: "catalogued in import \(importId)", waitingSince: Date(), id: "refresh:\(id)"))
            case .inFlight(let importId):
                context.logger.debug("already in a running import", metadata: ["sku": "\(sku)", "import": "\(importId)"])
            case .deleted(let importId, let reason):
                events.append(context.event(
                    sku, operation: "deleted:\(id)", status: .error,
                    message: "not sent: deleted in Carrefour's panel, it can never be sent again (\(reason))",
                    externalId: String(importId)))
            }
        }
        if !lines.isEmpty { events += try await upload(lines) }
        try await context.log.record(events)
        try await context.publish(refreshes)
        return failures
    }

    /// P41, then the import's follow-up message; returns the "sent" log entries.
    private func upload(_ lines: [ProductFile.Line]) async throws(WorkFailure) -> [IntegrationEvent] {
        let now = Date()
        let fileName = "carrefour-connector-P41-\(Int64(now.timeIntervalSince1970 * 1000)).csv"
        let importId: Int
        do {
            importId = try await context.mirakl.importProducts(file: ProductFile.file(lines), fileName: fileName)
        } catch .withheld {
            // Dry run: the file is in the log as "would send"; there is no import to follow.
            context.logger.info("product import withheld (dry run)", metadata: ["skus": "\(lines.count)", "file": "\(fileName)"])
            return []
        } catch {
            let failure = WorkFailure(classifying: error)
            if case .business(let reason) = failure {
                // The whole file was refused: every SKU of it is logged, then the window is parked.
                try await context.log.record(lines.map {
                    context.event($0.shopSKU, operation: "P41:refused:\(fileName):\($0.shopSKU)", status: .error,
                                  message: "Carrefour refused the product file: \(reason)")
                })
            }
            throw failure
        }
        let skus = lines.map(\.shopSKU)
        await context.index.recordSent(importId: importId, skus: skus)
        let follow = try ProductImportSent(importId: importId, skus: skus, sentAt: now)
            .message(exchange: context.exchange, id: "import:\(importId)", appID: CatalogContext.worker)
        try await context.delayed.schedule(
            to: context.queues.imports, after: context.settings.importReportDelay, body: follow.body, properties: follow.properties)
        context.logger.info("product import sent", metadata: ["import": "\(importId)", "skus": "\(skus.count)", "file": "\(fileName)"])
        return lines.map { line in
            context.event(
                line.shopSKU, operation: "P41:\(importId):\(line.shopSKU)", status: .pending,
                message: "sent to Carrefour in import \(importId); its result is read in \(SettingsSource.format(context.settings.importReportDelay))",
                translated: String(decoding: ProductFile.file([line]), as: UTF8.self), externalId: String(importId))
        }
    }
}
