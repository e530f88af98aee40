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

/// `catalog.imports`: follows one P41 import (ARCHITECTURE.md "import results", about 3 minutes after a
/// batch; reference/mirakl-api.md: P42 at most once a minute): polls P42 until it is final, reads
/// P44 and P45, writes each SKU's outcome to the integration log, hands catalogued SKUs to the
/// offer flow.
///
/// The `product.import.sent` message arrives `CARREFOUR_IMPORT_REPORT_DELAY` after the P41; while
/// P42 is not final it goes back through the delay tiers for `CARREFOUR_IMPORT_POLL_INTERVAL`.
/// Once final, every SKU's outcome is logged and the catalogued ones get an `offer.refresh`, all
/// confirmed before the message is acknowledged: a crash at any point polls again, never loses an
/// outcome (an outcome may be logged twice, under the same operation id).
struct ImportTrackingHandler: MessageHandler {
    let context: CatalogContext

    var acceptedTypes: Set<String> { [ProductImportSent.routingKey] }

    func handle(_ message: InboundMessage) async throws {
        let sent = try ProductImportSent.decode(message)
        await context.index.recordSent(importId: sent.importId, skus: sent.skus)
        let tracking: ProductImportTracking
        do {
            tracking = try await context.mirakl.productImport(sent.importId)
        } catch .notFound(_, let text) {
            try await finish(sent, outcomes: Self.all(sent, .importFailed(importId: sent.importId, status: "UNKNOWN", reason: "Mirakl does not know the import (\(text))")), status: .failed)
            return
        } catch {
            throw WorkFailure(classifying: error)
        }
        guard tracking.status.isFinal else {
            try await waitLonger(sent, message: message, status: tracking.status)
            return
        }
        let outcomes = try await read(tracking, sent: sent)
        try await finish(sent, outcomes: outcomes, status: tracking.status)
    }

    /// Polls again after the poll interval, or gives up after the maximum age.
    private func waitLonger(_ sent: ProductImportSent, message: InboundMessage, status: ProductImportStatus) async throws(WorkFailure) {
        let maximum = context.settings.maximumAge
        if Date().timeIntervalSince(sent.sentAt) * 1000 > Double(maximum / .milliseconds(1)) {
            let reason = "still \(status) after \(SettingsSource.format(maximum))"
            try await finish(sent, outcomes: Self.all(sent, .importFailed(importId: sent.importId, status: status.rawValue, reason: reason)), status: status)
            return
        }
        context.logger.debug("import not final yet", metadata: ["import": "\(sent.importId)", "status": "\(status)"])
        try await context.delayed.schedule(
            to: context.queues.imports, after: context.settings.importPollInterval, body: message.delivery.body,
            properties: message.delivery.properties)
    }

    /// The outcome of each SKU of a finished import, from P44 and P45.
    private func read(_ tracking: ProductImportTracking, sent: ProductImportSent) async throws(WorkFailure) -> [String: ProductOutcome] {
        let id = tracking.importId
        do {
            let errors = tracking.hasErrorReport ? try await context.mirakl.productErrorReport(id) : nil
            let added = tracking.hasNewProductReport ? try await context.mirakl.newProductReport(id) : nil
            return ProductOutcome.outcomes(
                importId: id, skus: sent.skus, status: tracking.status.rawValue, reason: tracking.reasonStatus,
                errorReport: try errors.map { bytes throws(ProductImportReport.Failure) in try ProductImportReport.parse(bytes, columns: .errorReport) },
                newProductReport: try added.map { bytes throws(ProductImportReport.Failure) in try ProductImportReport.parse(bytes, columns: .newProductReport) })
        } catch let failure as ProductImportReport.Failure {
            let reason = "Carrefour's report of import \(id) cannot be read: \(failure)"
            try await context.log.record(sent.skus.map { context.event($0, operation: "P42:\(id):\($0)", status: .error, message: reason) })
            throw .business(reason)
        } catch {
            throw WorkFailure(classifying: error)
        }
    }

    /// Logs every outcome, hands the catalogued SKUs to the offer flow, all confirmed.
    private func finish(_ sent: ProductImportSent, outcomes: [String: ProductOutcome], status: ProductImportStatus) async throws(WorkFailure) {
        let id = sent.importId
        let events = sent.skus.compactMap { sku in
            outcomes[sku].map { context.event(sku, operation: "P42:\(id):\(sku)", status: $0.status, message: $0.message, externalId: String(id)) }
        }
        try await context.log.record(events)
        await context.index.recordOutcomes(importId: id, status: status, outcomes: outcomes)
        let now = Date()
        var refreshes: [AMQPOutgoingMessage] = []
        for sku in sent.skus where outcomes[sku]?.refreshesOffer == true {
            refreshes.append(try context.offerRefresh(
                sku, reason: "integrated by Carrefour in import \(id)", waitingSince: now, id: "import:\(id):\(sku)"))
        }
        try await context.publish(refreshes)
        let integrated = outcomes.values.filter(\.refreshesOffer).count
        context.logger.info("product import finished", metadata: [
            "import": "\(id)", "status": "\(status)", "skus": "\(sent.skus.count)", "catalogued": "\(integrated)",
        ])
    }

    private static func all(_ sent: ProductImportSent, _ outcome: ProductOutcome) -> [String: ProductOutcome] {
        Dictionary(uniqueKeysWithValues: sent.skus.map { ($0, outcome) })
    }
}
