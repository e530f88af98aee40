import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
public import Logging
import VTEXAPI
public import WorkerRuntime

/// Consumes `orders.results`: VTEX's processing results (`order.integration.result`, posted to the
/// connector endpoint and published by the ingress as received), each recorded in the integration
/// log (seeds/new-order-integration.md "Response Codes"):
/// SOI001 → integrated, with the VTEX order id; SOI002 → approved; EOI007 → already there, a success;
/// EOI011 → an Alert (waiting for the seller's manual price authorization); EOI006/EOI010 (and
/// EOI008 on approve) → tried again after a retry delay: the order is sent again; any other EOI →
/// an Error with VTEX's message, for a reprocess once fixed.
public struct OrderResultHandler: MessageHandler {
    /// The AMQP type of a result.
    public static let type = FleetRoutingKeys.orderIntegrationResult

    let processor: OrderProcessor
    let logger: Logger

    /// A handler recording results (and sending orders again) through `processor`.
    public init(processor: OrderProcessor, logger: Logger) {
        self.processor = processor
        self.logger = logger
    }

    public var acceptedTypes: Set<String> { [Self.type, OrderIntegrationCheck.type] }

    public func handle(_ message: InboundMessage) async throws {
        if message.type == OrderIntegrationCheck.type {
            try await check(try message.decode(OrderIntegrationCheck.self).orderId)
            return
        }
        let result = try message.decode(OrderIntegrationResult.self)
        guard let orderId = result.marketplaceOrderId, !orderId.isEmpty else {
            throw WorkFailure.badInput("processing result without marketplaceOrderId (code \(result.code ?? "none"))")
        }
        let events = processor.events
        let answer = jsonText(result, encoder: VTEXClient.encoder)
        let step = "result:\(result.flow ?? "unknown"):\(result.code ?? "none"):\(result.operationId ?? "-")"
        switch result.verdict {
        case .integrated(let id):
            let vtexId = id ?? processor.vtexOrderId(orderId)
            try await events.record(
                orderId, step: "integrated", status: .success, message: "Integrated in VTEX as \(vtexId) (SOI001)", answer: answer,
                externalId: vtexId)
            try await refreshOffers(orderId, vtexOrderId: vtexId)
        case .approved(let id):
            try await events.record(
                orderId, step: "approved", status: .success,
                message: "Approved in VTEX (SOI002): \(OrderStatusMapping.describe(carrefour: .shipping))", answer: answer,
                externalId: id ?? processor.vtexOrderId(orderId))
        case .enqueued:
            return
        case .alreadyIntegrated(let id):
            try await events.record(
                orderId, step: "integrated", status: .success, message: "Already in VTEX: no second order (EOI007)", answer: answer,
                externalId: id ?? processor.vtexOrderId(orderId))
        case .awaitingPriceAuthorization(let text):
            try await events.record(
                orderId, step: step, status: .alert,
                message: "Integrated with a price divergence; approval waits for the seller's manual authorization in VTEX: \(text)",
                answer: answer, externalId: processor.vtexOrderId(orderId))
        case .failed(_, let text):
            try await events.record(orderId, step: step, status: .error, message: "Refused by VTEX: \(text)", answer: answer)
        case .retry(let code, let text):
            guard message.history.attempt > 0 else {
                try await events.record(
                    orderId, step: step, status: .pending, message: "VTEX asks to try again later: \(text)", answer: answer)
                throw WorkFailure.transient("\(code) for order \(orderId)")
            }
            if result.flow == "ApproveOrder" {
                try await processor.approve(orderId: orderId)
            } else {
                _ = try await processor.process(orderId: orderId)
            }
        }
    }
}

extension OrderResultHandler {
    /// The look-up of an order some time after it was sent to VTEX: found, it is recorded as
    /// integrated (or approved) under the same operation ids as VTEX's own results, so a result that
    /// did arrive is not doubled; not found, nothing is recorded (VTEX's error, or the Pending entry,
    /// stays the order's latest state, for a reprocess).
    func check(_ orderId: String) async throws(WorkFailure) {
        let vtexId = processor.vtexOrderId(orderId)
        let order: VTEXOrder
        do throws(VTEXError) {
            order = try await processor.vtex.order(vtexId)
        } catch {
            if case .notFound = error { return }
            throw WorkFailure(classifying: error)
        }
        let status = VTEXOrderStatus(order.status)
        if status.isCanceledOrCanceling { return }
        let step = status.isWaitingForAuthorization ? "integrated" : "approved"
        try await processor.events.record(
            orderId, step: step, status: .success,
            message: "In VTEX as \(vtexId): \(OrderStatusMapping.describe(vtex: status))", externalId: vtexId)
        try await processor.stockRefresh?.refresh(skus: (order.items ?? []).map(\.id), orderId: orderId, event: "integrated")
    }

    /// VTEX reserved the order's units: its SKUs get an `offer.refresh` (README "Offers"), read from
    /// the VTEX order (the processing result names no items).
    func refreshOffers(_ orderId: String, vtexOrderId: String) async throws(WorkFailure) {
        guard let stockRefresh = processor.stockRefresh else { return }
        let order: VTEXOrder
        do throws(VTEXError) {
            order = try await processor.vtex.order(vtexOrderId)
        } catch {
            if case .notFound = error { return }
            throw WorkFailure(classifying: error)
        }
        try await stockRefresh.refresh(skus: (order.items ?? []).map(\.id), orderId: orderId, event: "integrated")
    }
}

/// The importer's own look-up of an order sent to VTEX (``OrderResultHandler/check(_:)``), sent
/// through the delay tiers to the importer's `results` queue.
struct OrderIntegrationCheck: Codable, Sendable {
    static let type = "order.integration.check"
    var orderId: String
}

/// Where an order sent to VTEX is checked again if VTEX's result never arrives: through the delay
/// tiers to the order-importer's `results` queue (its name from topology.json).
public struct OrderResultCheck: Sendable {
    let delivery: DelayedDelivery
    let queue: String

    public init(delivery: DelayedDelivery, queue: String) {
        self.delivery = delivery
        self.queue = queue
    }
}

extension OrderProcessor {
    /// Asks VTEX again to approve a Carrefour order (after an EOI006/EOI008 on approve).
    func approve(orderId: String) async throws(WorkFailure) {
        do throws(VTEXError) {
            _ = try await vtex.approveOrder(OrderStatusUpdate(
                marketplaceOrderId: orderId, connectorName: settings.connectorName, connectorEndpoint: settings.connectorEndpoint))
        } catch {
            // Dry run: the approve is in the log as "would send".
            if case .withheld = error { return }
            throw WorkFailure(classifying: error)
        }
    }
}
