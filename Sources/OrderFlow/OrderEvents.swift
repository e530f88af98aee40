import Foundation
import IntegrationRules
import WorkerRuntime

/// Writes the order flow's entries to the integration log (IntegrationLog, before the delivery
/// that caused them is acknowledged).
struct OrderEvents: Sendable {
    let log: IntegrationLog
    let worker: String

    /// Records one entry about Carrefour order `orderId`; `step` completes its operation id
    /// (`order:<id>:<step>`), so a redelivery logs the same id again.
    func record(
        _ orderId: String, step: String, operation: IntegrationEvent.Operation = .order,
        direction: IntegrationEvent.Direction = .carrefourToVTEX, status: IntegrationEvent.Status, message: String,
        source: String? = nil, translated: String? = nil, answer: String? = nil, externalId: String? = nil,
        reprocess: IntegrationEvent.Reprocess? = nil
    ) async throws(WorkFailure) {
        try await log.record(IntegrationEvent(
            operationId: "order:\(orderId):\(step)", entity: .order, entityId: orderId, operation: operation,
            direction: direction, status: status, message: message, sourcePayload: source, translatedPayload: translated,
            destinationAnswer: answer, worker: worker, externalId: externalId, reprocess: reprocess))
    }
}

/// A JSON text of `value` for a log payload (nil when it cannot be encoded).
func jsonText(_ value: some Encodable, encoder: JSONEncoder) -> String? {
    (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
}
