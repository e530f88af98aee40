import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import WorkerRuntime

/// Reprocessing a product or an offer: the SKU is put back into its flow — a flagless
/// ``SKUChanged`` ("look at everything again") for the catalog worker, an ``OfferRefresh`` for
/// the offer-batcher (README "Messages between workers"). The flow then logs its own outcome; the
/// attempt succeeds once the broker confirmed the hand-off.
public struct FlowHandOff: ReprocessTarget {
    /// Which flow takes the SKU back.
    public enum Flow: Sendable {
        case catalog, offers
    }

    private let flow: Flow
    private let publisher: ReliablePublisher
    private let exchange: String

    /// A hand-off to `flow`, publishing to `exchange` (the events exchange).
    public init(to flow: Flow, publisher: ReliablePublisher, exchange: String) {
        self.flow = flow
        self.publisher = publisher
        self.exchange = exchange
    }

    public func attempt(id: String) async throws(WorkFailure) -> AttemptSuccess {
        let messageId = "reprocess-\(UUID().uuidString.lowercased())"
        let message = switch flow {
        case .catalog: try SKUChanged(skuId: id).message(exchange: exchange, id: messageId, appID: Reprocessor.name)
        case .offers: try OfferRefresh(skuId: id, reason: "reprocess").message(exchange: exchange, id: messageId, appID: Reprocessor.name)
        }
        do {
            try await publisher.publish([message])
        } catch {
            throw .transient("hand-off of \(id) not confirmed: \(error)")
        }
        return AttemptSuccess(message: "SKU \(id) handed back to its flow (\(message.routingKey)); the flow logs its own outcome")
    }
}
