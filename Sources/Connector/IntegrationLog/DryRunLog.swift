#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import HTTPLayer
public import IntegrationRules
public import Logging
import WorkerRuntime

/// A dry run's recorder (`CARREFOUR_DRY_RUN`): each write the Mirakl or VTEX client withheld
/// becomes one integration-log entry "would send", status `Info`, with the request's method, path
/// and content type in the message and its exact body, whole, as the translated payload. Headers
/// (the credentials) are never part of it.
public struct DryRunLog: WithheldRequestRecorder {
    let log: IntegrationLog
    let worker: String
    let logger: Logger

    /// A recorder writing to `log` as `worker`.
    public init(log: IntegrationLog, worker: String, logger: Logger) {
        self.log = log
        self.worker = worker
        self.logger = logger
    }

    public func record(_ request: WithheldRequest) async throws {
        try await log.record(Self.event(for: request, worker: worker))
        logger.info("dry run: write withheld", metadata: [
            "service": "\(request.service)", "operation": "\(request.operation)", "subject": "\(request.subject)",
        ])
    }

    /// The entry of a withheld write. The same write withheld twice (a redelivery) keeps its
    /// operation id: it names the operation, the subject and a hash of the body.
    public static func event(for request: WithheldRequest, worker: String, at date: Date = Date()) -> IntegrationEvent {
        let (entity, operation) = kind(of: request)
        let type = request.contentType.map { " (Content-Type: \($0))" } ?? " (no body)"
        var event = IntegrationEvent(
            operationId: "dry-run:\(request.service):\(request.operation):\(request.subject):\(hash(request.body))",
            entity: entity, entityId: request.subject, operation: operation,
            direction: request.service == "VTEX" ? .carrefourToVTEX : .vtexToCarrefour, status: .info,
            message: "Dry run (CARREFOUR_DRY_RUN): would send \(request.service) \(request.operation): "
                + "\(request.method.rawValue) \(request.path)\(type); nothing was sent",
            at: date, worker: worker)
        // The whole body, past the log's usual cut: a dry run is read for exactly what would go out.
        event.translatedPayload = request.body.isEmpty ? nil : String(decoding: request.body, as: UTF8.self)
        return event
    }

    /// The log's entity and operation for a withheld write (reference/mirakl-api.md §2–§4,
    /// reference/vtex-apis.md §5–§6).
    static func kind(of request: WithheldRequest) -> (IntegrationEvent.Entity, IntegrationEvent.Operation) {
        switch (request.service, request.operation) {
        case ("Mirakl", "P41"): (.product, .catalog)
        case ("Mirakl", "OF01"): (.offer, .offer)
        case ("Mirakl", "OR23"), ("Mirakl", "OR24"): (.order, .tracking)
        case ("Mirakl", "OR43"), ("VTEX", "cancel order"): (.order, .cancellation)
        default: (.order, .order)
        }
    }

    /// FNV-1a, 64 bits, in hex: a stable short name of a body.
    static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16)
    }
}
