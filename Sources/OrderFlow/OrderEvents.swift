import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import WorkerRuntime

/// Writes the order flow's entries to the integration log (IntegrationLog, before the delivery
/// that caused them is acknowledged).
///
/// A confirmed publish waits a broker round trip and one connection confirms one batch at a time, so
/// the entries go through several logs (publishers), each order always through the same one: its
/// entries keep their order in the stream.
struct OrderEvents: Sendable {
    let logs: [IntegrationLog]
    let worker: String

    init(logs: [IntegrationLog], worker: String) {
        self.logs = logs
        self.worker = worker
    }

    /// The log of `orderId`'s entries (a stable FNV-1a hash of the id picks it).
    func log(for orderId: String) -> IntegrationLog {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in orderId.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return logs[Int(hash % UInt64(max(logs.count, 1)))]
    }

    /// Records one entry about Carrefour order `orderId`; `step` completes its operation id
    /// (`order:<id>:<step>`), so a redelivery logs the same id again.
    func record(
        _ orderId: String, step: String, operation: IntegrationEvent.Operation = .order,
        direction: IntegrationEvent.Direction = .carrefourToVTEX, status: IntegrationEvent.Status, message: String,
        source: String? = nil, translated: String? = nil, answer: String? = nil, externalId: String? = nil,
        reprocess: IntegrationEvent.Reprocess? = nil
    ) async throws(WorkFailure) {
        try await log(for: orderId).record(IntegrationEvent(
            operationId: "order:\(orderId):\(step)", entity: .order, entityId: orderId, operation: operation,
            direction: direction, status: status, message: message, sourcePayload: source, translatedPayload: translated,
            destinationAnswer: answer, worker: worker, externalId: externalId, reprocess: reprocess))
    }
}

/// A JSON text of `value` for a log payload (nil when it cannot be encoded).
func jsonText(_ value: some Encodable, encoder: JSONEncoder) -> String? {
    (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
}
