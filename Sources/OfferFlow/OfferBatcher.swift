import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import MiraklAPI
import VTEXAPI
public import WorkerRuntime

/// The offer-batcher's handler of `offers.work` (`offer.refresh`, `sku.price`, `sku.stock`),
/// coalesced per SKU by a ``BatchConsumer`` over the offer window.
///
/// At each flush: every SKU's final price and sellable quantity come from the fulfillment
/// simulation on the store's trade policy (a few SKUs per call, a few calls at a time); the offers
/// go to Mirakl in one OF01 file in NORMAL mode; once Mirakl answered with an import id, each SKU's
/// "sent" entry is in the integration log and the import's report is scheduled, and only then are
/// the window's deliveries acknowledged (the consumer does that when this returns). A crash before
/// that redelivers them, and the next file carries the latest state of every SKU.
public struct OfferBatcher: BatchHandler {
    public typealias Key = String

    /// SKUs per simulation call.
    static let simulationChunk = 50
    /// Simulation (and OF21) calls at once.
    static let callConcurrency = 4

    let context: OfferContext

    init(context: OfferContext) {
        self.context = context
    }

    public let acceptedTypes: Set<String> = [OfferMessages.refresh, OfferMessages.price, OfferMessages.stock]

    public func key(for message: InboundMessage) throws(WorkFailure) -> String {
        try Self.skuId(of: message)
    }

    /// The `waitingSince` of an `offer.refresh` (the catalog's probe of a SKU waiting for cataloguing).
    static func waitingSince(of message: InboundMessage?) -> Date? {
        guard let message, message.type == OfferRefresh.routingKey else { return nil }
        return (try? OfferRefresh.decode(message))?.waitingSince
    }

    /// The SKU a change message is about (its coalescing key); an undecodable body is bad input.
    /// The bodies the fleet publishes (`{"skuId":"123"}`, MESSAGES.md) are read without a JSON
    /// decoder, which took a third of the coalescing time; anything else goes through one.
    public static func skuId(of message: InboundMessage) throws(WorkFailure) -> String {
        if let skuId = OfferMessages.Change.skuIdFast(message.delivery.body) { return skuId }
        let change = try message.decode(OfferMessages.Change.self)
        guard !change.skuId.isEmpty else { throw .badInput("skuId is empty") }
        return change.skuId
    }

    public func flush(_ batch: [String: InboundMessage]) async throws(WorkFailure) -> [String: WorkFailure] {
        let skuIds = batch.keys.sorted()
        var failures: [String: WorkFailure] = [:]
        var entries: [IntegrationEvent] = []
        let operation = { (sku: String) in OfferMessages.operation(of: batch[sku]?.type) }

        // The pending orders are read before the simulation: an order VTEX integrates in between is
        // then subtracted twice (offered short, never over), and its integration's own
        // `offer.refresh` corrects it in the next window.
        let pending = try await pendingUnits(for: Set(skuIds))
        let simulated = try await simulate(skuIds, failures: &failures, entries: &entries, operation: operation)
        var quotes: [OfferQuote] = []
        var withdrawals: [(sku: String, reason: String)] = []
        for sku in skuIds where failures[sku] == nil {
            switch OfferPricing.decide(
                skuId: sku, simulated: simulated[sku], tradePolicy: context.store.tradePolicy, pendingUnits: pending[sku] ?? 0
            ) {
            case .offer(let quote): quotes.append(quote)
            case .withdraw(let reason): withdrawals.append((sku, reason))
            }
        }
        quotes += try await withdraw(withdrawals, failures: &failures, entries: &entries, operation: operation)
        guard !quotes.isEmpty else {
            try await context.log.record(entries)
            return failures
        }
        quotes.sort { $0.skuId < $1.skuId }
        let sent = quotes.map { quote in
            OfferMessages.SentOffer(quote: quote, operation: operation(quote.skuId), waitingSince: Self.waitingSince(of: batch[quote.skuId]))
        }
        guard let importId = try await upload(sent, entries: entries) else {
            // Dry run: the file is in the log as "would send"; there is no import to follow.
            try await context.log.record(entries)
            context.logger.info("offers withheld (dry run)", metadata: ["offers": "\(sent.count)"])
            return failures
        }
        for offer in sent {
            entries.append(context.logEntry(
                "OF01:\(importId):\(offer.quote.skuId):sent", sku: offer.quote.skuId, operation: offer.operation, status: .pending,
                message: "Sent to Carrefour in offer import \(importId): price \(OfferImportFile.price(cents: offer.quote.priceCents)), "
                    + "quantity \(offer.quote.quantity); the import report follows",
                translated: OfferImportFile.line(offer.quote), importId: importId))
        }
        try await context.log.record(entries)
        try await scheduleReport(OfferMessages.ImportSent(importId: importId, sentAt: Date(), polls: 0, offers: sent))
        context.logger.info("offers sent", metadata: [
            "import_id": "\(importId)", "offers": "\(sent.count)", "failed_skus": "\(failures.count)",
        ])
        return failures
    }

    // MARK: Upload

    /// OF01 with the file of `sent`; the import id (nil when a dry run withheld the file), or the
    /// failure that keeps (or parks) the batch.
    private func upload(_ sent: [OfferMessages.SentOffer], entries: [IntegrationEvent]) async throws(WorkFailure) -> Int? {
        let file = OfferImportFile.csv(sent.map(\.quote))
        let name = "carrefour-connector-offers-\(Int(Date().timeIntervalSince1970)).csv"
        do {
            return try await context.paced("OF01", every: OfferSettings.offerImportInterval) { () async throws(MiraklError) in
                try await context.mirakl.importOffers(file: file, fileName: name)
            }.importId
        } catch .withheld {
            return nil
        } catch {
            let failure = WorkFailure(classifying: error)
            guard case .business(let reason) = failure else { throw failure }
            // The whole file was refused: every SKU gets the error before the batch is parked.
            var refused = entries
            for offer in sent {
                refused.append(context.logEntry(
                    "OF01:refused:\(offer.quote.skuId):\(Int(Date().timeIntervalSince1970))", sku: offer.quote.skuId,
                    operation: offer.operation, status: .error, message: "Carrefour refused the offer file: \(reason)",
                    translated: OfferImportFile.line(offer.quote), answer: reason))
            }
            try await context.log.record(refused)
            throw failure
        }
    }

    /// Schedules the import's first OF02, the report delay from now.
    private func scheduleReport(_ sent: OfferMessages.ImportSent) async throws(WorkFailure) {
        let id = "offer-import-\(sent.importId)-poll-\(sent.polls)"
        guard let imports = context.importsQueue else { throw .transient("the topology has no imports queue for the offer-batcher") }
        guard let message = context.topology.delayedMessage(
            to: imports, after: context.settings.reportDelay,
            properties: context.properties(OfferMessages.importSent, id: id), body: try context.encode(sent))
        else { throw .transient("the topology has no delay tiers") }
        try await context.publish([message])
    }
}
