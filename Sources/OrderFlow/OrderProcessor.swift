public import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import IntegrationRules
public import Logging
public import MiraklAPI
public import VTEXAPI
public import WorkerRuntime

/// Processes one Carrefour order according to its state (seeds/how-the-carrefour-integration-works.md
/// §5):
/// - WAITING_ACCEPTANCE: every line must exist in VTEX and be sellable on the trade policy with
///   stock; then OR21 accepts every line, else the order is refused or left for the seller (setting).
/// - SHIPPING (paid; Mirakl discloses the addresses only from here): New Order Integration with the
///   mapped (or contingency-matched) SLA, marketplace prices and the divergence allowance; VTEX's
///   result comes back through the ingress to `orders.results` (``OrderResultHandler``).
/// - CANCELED: canceled in VTEX.
///
/// Every outcome is recorded in the integration log before the call returns; business failures are
/// recorded and thrown as `WorkFailure.business`. The reprocessor calls ``process(orderId:reprocess:)``
/// directly.
public struct OrderProcessor: Sendable {
    let mirakl: MiraklClient
    let vtex: VTEXClient
    let store: StoreSettings
    let settings: OrderFlowSettings
    let events: OrderEvents
    let resultCheck: OrderResultCheck?
    let stockRefresh: OrderStockRefresh?
    let logger: Logger

    /// - Parameters:
    ///   - log: the integration log; `moreLogs` spread the order's entries over more publishers.
    ///   - worker: the name recorded in the integration log (`order-importer`, `reprocessor`).
    ///   - resultCheck: when given, an order sent to VTEX is checked after the settings'
    ///     `resultCheck` delay (``OrderResultHandler``), in case VTEX's result never arrives.
    ///   - stockRefresh: when given, the SKUs of an order accepted or refused on Carrefour, sent to
    ///     VTEX or canceled get an `offer.refresh` (README "Offers": the sellable quantity).
    public init(
        mirakl: MiraklClient, vtex: VTEXClient, store: StoreSettings, settings: OrderFlowSettings, log: IntegrationLog,
        moreLogs: [IntegrationLog] = [], worker: String, resultCheck: OrderResultCheck? = nil,
        stockRefresh: OrderStockRefresh? = nil, logger: Logger
    ) {
        self.mirakl = mirakl
        self.vtex = vtex
        self.store = store
        self.settings = settings
        self.events = OrderEvents(logs: [log] + moreLogs, worker: worker)
        self.resultCheck = resultCheck
        self.stockRefresh = stockRefresh
        self.logger = logger
    }

    /// Reads Carrefour order `orderId` (OR11 by `order_ids`, Mirakl's synchronous use) and processes it.
    /// - Parameters:
    ///   - reprocess: the reprocess attempt this is, carried into the log entries.
    ///   - awaitingVTEX: for an order sent to VTEX, wait up to this long for it to exist there
    ///     (polling VTEX's get order): `.integrated` when it does, else a transient failure — VTEX's
    ///     own answer (an EOI error) is recorded by the results consumer meanwhile. Nil returns
    ///     `.submitted` at once.
    public func process(
        orderId: String, reprocess: IntegrationEvent.Reprocess? = nil, awaitingVTEX: Duration? = nil
    ) async throws(WorkFailure) -> OrderOutcome {
        let found: [MiraklOrder]
        do throws(MiraklError) {
            found = try await mirakl.orders(ids: [orderId])
        } catch {
            throw WorkFailure(classifying: error)
        }
        guard let order = found.first(where: { $0.orderId == orderId }) else {
            let message = "Order \(orderId) does not exist on Carrefour"
            try await events.record(orderId, step: "read", status: .error, message: message, reprocess: reprocess)
            throw .business(message)
        }
        let outcome = try await process(order, reprocess: reprocess)
        guard outcome == .submitted, let wait = awaitingVTEX else { return outcome }
        return try await awaitIntegration(orderId, within: wait)
    }

    /// Polls VTEX's get order until the Carrefour order exists there or `wait` passes.
    func awaitIntegration(_ orderId: String, within wait: Duration) async throws(WorkFailure) -> OrderOutcome {
        let id = vtexOrderId(orderId)
        let deadline = ContinuousClock.now.advanced(by: wait)
        while true {
            do throws(VTEXError) {
                _ = try await vtex.order(id)
                return .integrated(vtexOrderId: id)
            } catch {
                guard case .notFound = error else { throw WorkFailure(classifying: error) }
            }
            guard ContinuousClock.now < deadline else {
                throw .transient("VTEX has not integrated order \(orderId) within \(SettingsSource.format(wait)); its processing result is in the integration log")
            }
            try? await Task.sleep(for: min(.milliseconds(200), wait))
        }
    }

    /// Processes `order` as read from Carrefour.
    public func process(_ order: MiraklOrder, reprocess: IntegrationEvent.Reprocess? = nil) async throws(WorkFailure) -> OrderOutcome {
        var logger = self.logger
        logger[metadataKey: "order"] = .string(order.orderId)
        logger[metadataKey: "state"] = .string(order.state)
        if let held = try await handleIncident(order, reprocess: reprocess, logger: logger) { return held }
        let outcome: OrderOutcome
        switch order.orderState {
        case .waitingAcceptance:
            outcome = try await decideAcceptance(order, reprocess: reprocess, logger: logger)
        case .shipping:
            outcome = try await integrate(order, reprocess: reprocess, logger: logger)
        case .canceled:
            outcome = try await cancelInVTEX(order, reprocess: reprocess, logger: logger)
        default:
            let reason = "Nothing to do for an order in \(OrderStatusMapping.describe(carrefour: order.orderState))"
            if reprocess != nil {
                try await events.record(
                    order.orderId, step: "state:\(order.state)", status: .success, message: reason, reprocess: reprocess)
            }
            return .nothingToDo(reason: reason)
        }
        // The order moved (or may have moved) what Carrefour and VTEX can sell of its SKUs.
        try await stockRefresh?.refresh(skus: order.lines.map(\.offerSKU), orderId: order.orderId, event: order.state.lowercased())
        return outcome
    }

    /// The VTEX order id of a Carrefour order (``MarketplaceOrderId``).
    func vtexOrderId(_ orderId: String) -> String {
        MarketplaceOrderId(affiliateId: store.affiliateId, marketplaceOrderId: orderId).vtexOrderId
    }

    /// The simulation of `order`'s lines on the trade policy (with the address when known).
    func simulate(_ order: MiraklOrder, postalCode: String?, country: String?) async throws(WorkFailure) -> SimulationFacts {
        let request = OrderSimulationRequest(
            items: order.lines.map { .init(id: $0.offerSKU, quantity: $0.quantity) }, postalCode: postalCode,
            country: postalCode == nil ? nil : country)
        do throws(VTEXError) {
            return SimulationFacts(try await vtex.simulateOrder(request, tradePolicy: store.tradePolicy, affiliateId: store.affiliateId))
        } catch {
            throw WorkFailure(classifying: error)
        }
    }

    /// The order as JSON, for log payloads.
    func sourcePayload(_ order: MiraklOrder) -> String? {
        jsonText(order, encoder: MiraklClient.encoder)
    }
}
