import Connector
import IntegrationRules
import Logging
import MiraklAPI
import VTEXAPI
import WorkerRuntime

extension OrderProcessor {
    /// An order with an open incident (``IncidentRules``): held with an Alert while it is not in
    /// VTEX, a warning (Alert) when it already is. Nil when the order has no open incident.
    /// The states in which an open incident holds or warns: the order was accepted and has not closed.
    static let incidentStates: Set<MiraklOrderState> = [.shipping, .shipped, .toCollect, .received]

    func handleIncident(_ order: MiraklOrder, reprocess: IntegrationEvent.Reprocess?, logger: Logger) async throws(WorkFailure) -> OrderOutcome? {
        guard order.hasIncident == true, Self.incidentStates.contains(order.orderState) else { return nil }
        let id = vtexOrderId(order.orderId)
        var integrated: String?
        do throws(VTEXError) {
            integrated = try await vtex.order(id).orderId
        } catch {
            guard case .notFound = error else { throw WorkFailure(classifying: error) }
        }
        switch IncidentRules.decide(orderId: order.orderId, vtexOrderId: integrated) {
        case .hold(let message):
            try await events.record(
                order.orderId, step: "incident:\(order.lastUpdatedDate.timeIntervalSince1970)", status: .alert, message: message,
                source: sourcePayload(order), reprocess: reprocess)
            logger.info("order held: open incident")
            return .nothingToDo(reason: message)
        case .warn(let message):
            try await events.record(
                order.orderId, step: "incident:\(order.lastUpdatedDate.timeIntervalSince1970)", status: .alert, message: message,
                externalId: integrated, reprocess: reprocess)
            return .nothingToDo(reason: message)
        }
    }
}
