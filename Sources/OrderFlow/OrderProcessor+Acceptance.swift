import Connector
import IntegrationRules
import Logging
import MiraklAPI
import WorkerRuntime

extension OrderProcessor {
    /// WAITING_ACCEPTANCE: checks every line, then OR21 (reference/mirakl-api.md §4 "OR21").
    func decideAcceptance(_ order: MiraklOrder, reprocess: IntegrationEvent.Reprocess?, logger: Logger) async throws(WorkFailure) -> OrderOutcome {
        let rules = order.marketplaceOrder(documentField: settings.documentField)
        let simulation = try await simulate(order, postalCode: nil, country: nil)
        let issues = OrderLineChecks.issues(of: rules.lines, simulation: simulation, tradePolicy: store.tradePolicy)
        let decision = OrderAcceptance.decide(order: rules, issues: issues, policy: settings.unsellable)
        let step = "accept:\(Int64(order.lastUpdatedDate.timeIntervalSince1970 * 1000))"
        switch decision {
        case .accept(let lineIds):
            if let unsent = try await send(order, lines: lineIds.map { MiraklLineDecision(id: $0, accepted: true) }, logger: logger) {
                return unsent
            }
            try await events.record(
                order.orderId, step: step, status: .success,
                message: "Accepted on Carrefour (OR21): every line exists in VTEX and is sellable with stock on trade policy \(store.tradePolicy)",
                reprocess: reprocess)
            return .accepted
        case .refuse(let lineIds, let reason):
            if let unsent = try await send(order, lines: lineIds.map { MiraklLineDecision(id: $0, accepted: false) }, logger: logger) {
                return unsent
            }
            try await events.record(
                order.orderId, step: step, status: .error, message: "Refused on Carrefour (OR21): \(reason)",
                source: sourcePayload(order), reprocess: reprocess)
            return .refused(reason: reason)
        case .leave(let reason):
            let message = "Left for the seller to accept or refuse in Carrefour: \(reason)"
            try await events.record(
                order.orderId, step: step, status: .error, message: message, source: sourcePayload(order), reprocess: reprocess)
            throw .business(message)
        }
    }

    /// Sends OR21; nil once sent, else the outcome of a decision not made: the order no longer
    /// waits for acceptance (an older read), or a dry run withheld the OR21.
    private func send(_ order: MiraklOrder, lines: [MiraklLineDecision], logger: Logger) async throws(WorkFailure) -> OrderOutcome? {
        do throws(MiraklError) {
            try await mirakl.decide(orderId: order.orderId, lines: lines)
            return nil
        } catch {
            if case .rejected(_, _, let message) = error, message.contains("ORDER_INVALID_STATE") {
                logger.info("order no longer waits for acceptance", metadata: ["answer": "\(message)"])
                return .nothingToDo(reason: "Order \(order.orderId) was already decided on Carrefour")
            }
            if case .withheld = error {
                return .nothingToDo(reason: "Dry run: the OR21 for order \(order.orderId) is in the log as would send")
            }
            throw WorkFailure(classifying: error)
        }
    }
}
