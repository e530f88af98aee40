import Connector
import IntegrationRules
import Logging
import MiraklAPI
import VTEXAPI
import WorkerRuntime

extension OrderProcessor {
    /// CANCELED on Carrefour → cancel in VTEX (seeds §5.3: "Cancellation of order in Carrefour
    /// (integration also cancels it in VTEX)").
    func cancelInVTEX(_ order: MiraklOrder, reprocess: IntegrationEvent.Reprocess?, logger: Logger) async throws(WorkFailure) -> OrderOutcome {
        let id = vtexOrderId(order.orderId)
        let why = order.stateReasonLabel ?? order.stateReasonCode ?? "no reason given"
        let reason = CancellationRules.reason(orderId: order.orderId, why: why)
        let receipt: OMSReceipt
        do throws(VTEXError) {
            receipt = try await vtex.cancelOrder(id, reason: reason)
        } catch {
            switch error {
            case .notFound:
                let message = "Canceled on Carrefour before it reached VTEX: nothing to cancel"
                try await events.record(
                    order.orderId, step: "cancel", operation: .cancellation, status: .success, message: message, reprocess: reprocess)
                return .nothingToDo(reason: message)
            case .rejected(_, _, let answer):
                let message = "Canceled on Carrefour but VTEX refuses to cancel \(id): \(answer). An invoiced order needs a return (Input) invoice in VTEX"
                try await events.record(
                    order.orderId, step: "cancel", operation: .cancellation, status: .alert, message: message,
                    externalId: id, reprocess: reprocess)
                return .alerted(reason: message)
            case .withheld:
                return .nothingToDo(reason: "Dry run: the cancel of \(id) in VTEX is in the log as would send")
            default:
                throw WorkFailure(classifying: error)
            }
        }
        try await events.record(
            order.orderId, step: "cancel", operation: .cancellation, status: .success,
            message: "Canceled in VTEX: \(OrderStatusMapping.describe(carrefour: order.orderState)) (\(why))",
            answer: jsonText(receipt, encoder: VTEXClient.encoder), externalId: id, reprocess: reprocess)
        return .canceledInVTEX(vtexOrderId: id)
    }
}
