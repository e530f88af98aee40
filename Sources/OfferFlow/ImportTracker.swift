import AMQPLayer
import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import MiraklAPI
public import WorkerRuntime

/// The offer-batcher's handler of `offers.imports`: reads the outcome of one OF01 import and writes
/// it, per SKU, to the integration log (reference/mirakl-api.md §3 and §7).
///
/// About `CARREFOUR_IMPORT_REPORT_DELAY` after the upload, OF02; while the import is not final,
/// the reminder goes round the delay tiers again (every ``OfferSettings/statusPollInterval``, calls
/// spaced by OF02's maximum frequency). Once final: a FAILED import is an error on each of its SKUs;
/// a COMPLETE one with an error report has its OF03 lines mapped back by the connector's key
/// column: those SKUs get Mirakl's error, a "not catalogued" refusal also goes back to the catalog
/// flow's wait (`sku.awaiting-catalog`), and every other SKU a success.
public struct ImportTracker: MessageHandler {
    let context: OfferContext

    init(context: OfferContext) {
        self.context = context
    }

    public var acceptedTypes: Set<String> { [OfferMessages.importSent] }

    public func handle(_ message: InboundMessage) async throws {
        let sent = try message.decode(OfferMessages.ImportSent.self, decoder: OfferMessages.decoder)
        let status: OfferImportStatus
        do {
            status = try await context.paced("OF02", every: OfferSettings.reportCallInterval) { () async throws(MiraklError) in
                try await context.mirakl.offerImportStatus(sent.importId)
            }
        } catch {
            if case .notFound = error {
                try await record(sent, failedWith: "Carrefour does not know offer import \(sent.importId): \(error)")
            }
            throw WorkFailure(classifying: error)
        }
        guard status.isFinal else {
            try await pollAgain(sent, status: status)
            return
        }
        if status.isFailed {
            try await record(sent, failedWith: "Carrefour refused offer import \(sent.importId): \(status.reasonStatus ?? "FAILED")")
            return
        }
        var refused: [String: OfferErrorReport.LineError] = [:]
        if status.hasErrorReport {
            for line in try await errorReport(sent.importId) { refused[line.skuId] = line }
        }
        try await record(sent, refused: refused)
    }

    /// Sends the reminder round again, or reports the import stuck after the maximum polls.
    private func pollAgain(_ sent: OfferMessages.ImportSent, status: OfferImportStatus) async throws(WorkFailure) {
        var next = sent
        next.polls += 1
        guard next.polls < OfferSettings.maximumPolls else {
            try await record(sent, failedWith: "Offer import \(sent.importId) is still \(status.status) after \(next.polls) status reads")
            return
        }
        guard let imports = context.importsQueue else { throw .transient("the topology has no imports queue for the offer-batcher") }
        guard let message = context.topology.delayedMessage(
            to: imports, after: context.settings.real(OfferSettings.statusPollInterval),
            properties: context.properties(OfferMessages.importSent, id: "offer-import-\(sent.importId)-poll-\(next.polls)"),
            body: try context.encode(next))
        else { throw .transient("the topology has no delay tiers") }
        try await context.publish([message])
    }

    /// OF03's lines, mapped to SKUs.
    private func errorReport(_ importId: Int) async throws(WorkFailure) -> [OfferErrorReport.LineError] {
        let report: [UInt8]
        do {
            report = try await context.paced("OF03", every: OfferSettings.reportCallInterval) { () async throws(MiraklError) in
                try await context.mirakl.offerImportErrorReport(importId)
            }
        } catch {
            throw WorkFailure(classifying: error)
        }
        do {
            return try OfferErrorReport.parse(report)
        } catch {
            throw .business("cannot read the error report of offer import \(importId): \(error)")
        }
    }

    /// Each SKU's outcome in the log, then the not-catalogued ones back to the catalog flow.
    private func record(_ sent: OfferMessages.ImportSent, refused: [String: OfferErrorReport.LineError]) async throws(WorkFailure) {
        var entries: [IntegrationEvent] = []
        var awaiting: [AMQPOutgoingMessage] = []
        for offer in sent.offers {
            let sku = offer.quote.skuId, line = OfferImportFile.line(offer.quote)
            if let error = refused[sku] {
                entries.append(context.logEntry(
                    "OF01:\(sent.importId):\(sku)", sku: sku, operation: offer.operation, status: .error, message: error.message,
                    translated: line, answer: error.message, importId: sent.importId))
                if error.notCatalogued {
                    awaiting.append(try SKUAwaitingCatalog(skuId: sku, reason: error.message, waitingSince: offer.waitingSince)
                        .message(exchange: context.topology.fleet.exchanges.events,
                                 id: "awaiting-catalog-\(sent.importId)-\(sku)", appID: context.worker))
                }
            } else {
                entries.append(context.logEntry(
                    "OF01:\(sent.importId):\(sku)", sku: sku, operation: offer.operation, status: .success,
                    message: "Carrefour accepted the offer: price \(OfferImportFile.price(cents: offer.quote.priceCents)), "
                        + "quantity \(offer.quote.quantity) (offer import \(sent.importId))",
                    translated: line, importId: sent.importId))
            }
        }
        try await context.log.record(entries)
        try await context.publish(awaiting)
        context.logger.info("offer import read", metadata: [
            "import_id": "\(sent.importId)", "offers": "\(sent.offers.count)", "refused": "\(refused.count)",
            "awaiting_catalog": "\(awaiting.count)",
        ])
    }

    /// The same error on every SKU of the import.
    private func record(_ sent: OfferMessages.ImportSent, failedWith reason: String) async throws(WorkFailure) {
        try await context.log.record(sent.offers.map { offer in
            context.logEntry(
                "OF01:\(sent.importId):\(offer.quote.skuId)", sku: offer.quote.skuId, operation: offer.operation, status: .error,
                message: reason, translated: OfferImportFile.line(offer.quote), answer: reason, importId: sent.importId)
        })
    }
}
