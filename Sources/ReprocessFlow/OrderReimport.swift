import IntegrationRules
public import OrderFlow
public import WorkerRuntime

/// Reprocessing an order: it is read again from Carrefour (OR11 by id) and put through the
/// import (``OrderProcessor``), waiting up to `awaitingVTEX` for VTEX's asynchronous answer so
/// that the attempt's outcome is the order's real state in VTEX.
public struct OrderReimport: ReprocessTarget {
    private let processor: OrderProcessor
    private let awaitingVTEX: Duration

    /// An order re-import with `processor`, waiting up to `awaitingVTEX` for the order in VTEX.
    public init(processor: OrderProcessor, awaitingVTEX: Duration) {
        self.processor = processor
        self.awaitingVTEX = awaitingVTEX
    }

    public func attempt(id: String) async throws(WorkFailure) -> AttemptSuccess {
        switch try await processor.process(orderId: id, awaitingVTEX: awaitingVTEX) {
        case .integrated(let vtexOrderId):
            return AttemptSuccess(message: "integrated in VTEX as \(vtexOrderId)", externalId: vtexOrderId)
        case .accepted:
            return AttemptSuccess(message: "accepted on Carrefour (OR21); it is integrated once Carrefour confirms the payment")
        case .refused(let reason):
            return AttemptSuccess(message: "refused on Carrefour: \(reason)", status: .alert)
        case .submitted:
            return AttemptSuccess(message: "sent to VTEX; its answer comes to the order-importer", status: .pending)
        case .canceledInVTEX(let vtexOrderId):
            return AttemptSuccess(message: "canceled in VTEX (\(vtexOrderId)) as on Carrefour", externalId: vtexOrderId)
        case .alerted(let reason):
            return AttemptSuccess(message: reason, status: .alert)
        case .nothingToDo(let reason):
            return AttemptSuccess(message: "nothing to do: \(reason)")
        }
    }
}
