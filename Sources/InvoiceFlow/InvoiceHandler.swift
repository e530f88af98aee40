public import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
public import Logging
public import MiraklAPI
public import VTEXAPI
public import WorkerRuntime

/// Consumes `invoices.work`: for each VTEX order change of a Carrefour order
/// (seeds/how-the-carrefour-integration-works.md §5.3, §5.4; reference/vtex-apis.md §8):
/// - invoiced with an Output invoice carrying the six fields → OR23 (tracking) then OR24 (ship), the
///   Carrefour order becomes SHIPPED; with fields missing → an Alert naming them (tried again when
///   the order next changes);
/// - the invoice's courier status finished → delivered, recorded (Mirakl has no seller call for it);
/// - canceled in VTEX by the seller → an Alert: Carrefour cannot be canceled through the integration.
/// An order invoiced in Carrefour only is never reflected in VTEX (nothing here reads Carrefour's
/// own changes).
public struct InvoiceHandler: MessageHandler {
    let mirakl: MiraklClient
    let vtex: VTEXClient
    let affiliateId: String
    let log: IntegrationLog
    let worker: String
    let stockRefresh: OrderStockRefresh?
    let logger: Logger
    /// Two copies of one order's change (a feed event published again) are handled one after the
    /// other: the second reads SHIPPED and ships nothing twice.
    private let perOrder = KeyedSerializer()

    /// - Parameters:
    ///   - affiliateId: Carrefour's affiliate in VTEX: only its orders (`CRF-…`) are followed.
    ///   - worker: the name recorded in the integration log.
    ///   - stockRefresh: when given, the SKUs of an order invoiced or canceled in VTEX get an
    ///     `offer.refresh` (README "Offers": the sellable quantity).
    public init(
        mirakl: MiraklClient, vtex: VTEXClient, affiliateId: String, log: IntegrationLog, worker: String,
        stockRefresh: OrderStockRefresh? = nil, logger: Logger
    ) {
        self.mirakl = mirakl
        self.vtex = vtex
        self.affiliateId = affiliateId
        self.log = log
        self.worker = worker
        self.stockRefresh = stockRefresh
        self.logger = logger
    }

    public var acceptedTypes: Set<String> { [VTEXOrderStatusChanged.routingKey] }

    public func handle(_ message: InboundMessage) async throws {
        let change = try VTEXOrderStatusChanged.decode(message)
        guard MarketplaceOrderId(vtexOrderId: change.orderId, affiliateId: affiliateId) != nil else { return }
        try await perOrder.run(change.orderId) { try await self.handle(change) }
    }

    private func handle(_ change: VTEXOrderStatusChanged) async throws {
        let order: VTEXOrder
        do throws(VTEXError) {
            order = try await vtex.order(change.orderId)
        } catch {
            if case .notFound = error { return }
            throw WorkFailure(classifying: error)
        }
        guard order.affiliateId == nil || order.affiliateId == affiliateId,
              let orderId = order.marketplaceOrderId, !orderId.isEmpty else { return }
        switch VTEXOrderStatus(order.status) {
        case .canceled:
            let reason = order.cancelReason ?? order.cancellationData?.reason
            if !CancellationRules.isConnectorCancellation(reason: reason) {
                try await canceledInVTEX(order, orderId: orderId, reason: reason)
            }
        case .invoiced:
            try await invoiced(order, orderId: orderId)
        default:
            return
        }
        // A cancellation released the reservation; an invoice took the units out of the inventory.
        try await stockRefresh?.refresh(skus: (order.items ?? []).map(\.id), orderId: orderId, event: "vtex-\(order.status)")
    }

    /// An order the seller canceled in VTEX: a message on the Carrefour order (OR43), then the Alert.
    private func canceledInVTEX(_ order: VTEXOrder, orderId: String, reason: String?) async throws(WorkFailure) {
        var thread: String?
        var why: String?
        do throws(MiraklError) {
            thread = try await mirakl.createOrderThread(
                orderId: orderId, topic: CancellationRules.canceledInVTEXTopic,
                body: CancellationRules.canceledInVTEXMessage(orderId: orderId, vtexOrderId: order.orderId, reason: reason))
        } catch {
            // Dry run: the message is in the log as "would send", and the Alert saying it was sent is not due.
            if case .withheld = error { return }
            let failure = WorkFailure(classifying: error)
            guard case .business(let text) = failure else { throw failure }
            why = text
        }
        try await record(
            orderId, step: "vtex-canceled", operation: .cancellation, direction: .vtexToCarrefour, status: .alert,
            message: CancellationRules.canceledInVTEXAlert(vtexOrderId: order.orderId, thread: thread, why: why),
            externalId: order.orderId)
    }

    /// An invoiced order: ship on Carrefour once the invoice is complete, record the delivery.
    private func invoiced(_ order: VTEXOrder, orderId: String) async throws(WorkFailure) {
        guard let package = order.packages.last(where: { ($0.type ?? "Output") == "Output" }) else { return }
        let invoice = InvoiceRules.Invoice(
            invoiceKey: package.invoiceKey, invoiceNumber: package.invoiceNumber, trackingUrl: package.trackingUrl,
            trackingNumber: package.trackingNumber, courier: package.courier, issuanceDate: package.issuanceDate,
            delivered: package.courierStatus?.finished == true)
        let number = package.invoiceNumber ?? "-"
        let missing = InvoiceRules.missingFields(of: invoice)
        guard missing.isEmpty, let tracking = InvoiceRules.tracking(for: invoice) else {
            try await record(
                orderId, step: "invoice:\(number):incomplete:\(missing.joined(separator: ","))", operation: .invoice,
                direction: .vtexToCarrefour, status: .alert,
                message: InvoiceRules.incompleteMessage(missing: missing, invoiceNumber: package.invoiceNumber),
                source: jsonText(package), externalId: order.orderId)
            return
        }
        let found: MiraklOrder?
        do throws(MiraklError) {
            found = try await mirakl.orders(ids: [orderId]).first { $0.orderId == orderId }
        } catch {
            throw WorkFailure(classifying: error)
        }
        guard let carrefour = found else {
            try await record(
                orderId, step: "invoice:\(number):missing-order", operation: .invoice, direction: .vtexToCarrefour,
                status: .error, message: "Order \(orderId) does not exist on Carrefour", externalId: order.orderId)
            return
        }
        switch MiraklOrderState(carrefour.state) {
        case .shipping:
            try await ship(orderId, tracking: tracking, invoiceNumber: number, vtexOrderId: order.orderId, source: jsonText(package))
        case let state where Self.pastShipping.contains(state):
            break
        default:
            try await record(
                orderId, step: "invoice:\(number):state:\(carrefour.state)", operation: .invoice, direction: .vtexToCarrefour,
                status: .alert,
                message: "Invoiced in VTEX but the order is \(carrefour.state) on Carrefour: it cannot be marked shipped",
                externalId: order.orderId)
            return
        }
        if invoice.delivered {
            try await record(
                orderId, step: "delivered:\(number)", operation: .tracking, direction: .vtexToCarrefour, status: .success,
                message: "Delivered to the customer (VTEX courier status finished): \(OrderStatusMapping.describe(vtex: .invoiced, delivered: true)); "
                    + "recorded only, Mirakl offers the seller no call for it",
                externalId: order.orderId)
        }
    }

    /// OR23 then OR24 (reference/mirakl-api.md §4).
    private func ship(_ orderId: String, tracking: InvoiceRules.Tracking, invoiceNumber: String, vtexOrderId: String, source: String?) async throws(WorkFailure) {
        let wire = MiraklTracking(carrierName: tracking.carrierName, carrierURL: tracking.carrierURL, trackingNumber: tracking.trackingNumber)
        do throws(MiraklError) {
            // In a dry run both are withheld, each logged as "would send"; nothing else is recorded.
            let tracked = try await Self.sent { () async throws(MiraklError) in try await mirakl.updateTracking(orderId: orderId, wire) }
            let shipped = try await Self.sent { () async throws(MiraklError) in try await mirakl.ship(orderId: orderId) }
            guard tracked && shipped else { return }
        } catch {
            let failure = WorkFailure(classifying: error)
            if case .business = failure, try await shippedMeanwhile(orderId) {
                // Another replica shipped it between our read and our OR24: done, not an error.
                logger.notice("order shipped meanwhile by another delivery", metadata: ["order": "\(orderId)"])
                return
            }
            if case .business(let reason) = failure {
                try await record(
                    orderId, step: "ship:\(invoiceNumber)", operation: .tracking, direction: .vtexToCarrefour, status: .error,
                    message: "Carrefour refused the shipment: \(reason)", source: source, externalId: vtexOrderId)
            }
            throw failure
        }
        try await record(
            orderId, step: "ship:\(invoiceNumber)", operation: .tracking, direction: .vtexToCarrefour, status: .success,
            message: "Shipped on Carrefour (OR23 tracking \(tracking.trackingNumber) by \(tracking.carrierName), then OR24): "
                + OrderStatusMapping.describe(vtex: .invoiced),
            source: source, translated: jsonText(wire), externalId: vtexOrderId)
    }

    /// Mirakl's order states after SHIPPING (reference/mirakl-api.md §4, the order life cycle).
    static let pastShipping: Set<MiraklOrderState> = [.shipped, .toCollect, .received, .closed]

    /// Runs one Mirakl write; false when a dry run withheld it (it is in the log as "would send").
    static func sent(_ call: () async throws(MiraklError) -> Void) async throws(MiraklError) -> Bool {
        do {
            try await call()
            return true
        } catch .withheld {
            return false
        }
    }

    /// Whether Carrefour now has `orderId` past SHIPPING (read after a refused OR24).
    private func shippedMeanwhile(_ orderId: String) async throws(WorkFailure) -> Bool {
        do throws(MiraklError) {
            let state = try await mirakl.orders(ids: [orderId]).first { $0.orderId == orderId }?.state
            return state.map { Self.pastShipping.contains(MiraklOrderState($0)) } ?? false
        } catch {
            throw WorkFailure(classifying: error)
        }
    }

    private func record(
        _ orderId: String, step: String, operation: IntegrationEvent.Operation, direction: IntegrationEvent.Direction,
        status: IntegrationEvent.Status, message: String, source: String? = nil, translated: String? = nil,
        externalId: String? = nil
    ) async throws(WorkFailure) {
        try await log.record(IntegrationEvent(
            operationId: "order:\(orderId):\(step)", entity: .order, entityId: orderId, operation: operation,
            direction: direction, status: status, message: message, sourcePayload: source, translatedPayload: translated,
            worker: worker, externalId: externalId))
    }

    private func jsonText(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
