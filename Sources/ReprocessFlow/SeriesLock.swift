import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import WorkerRuntime

/// "A series is running for this entity", held in the broker: one small durable queue per
/// entity under reprocess (`reprocess.series.<entity>.<id>`) with `x-max-length: 1` and
/// `x-overflow: reject-publish`, holding the running series' request id. Publishing a second
/// token is refused by the broker (a nack), which is how a second request learns that a series
/// runs. The queue expires on its own (`x-expires`) if a series is abandoned, and is deleted when
/// the series ends. No state outside the broker (ARCHITECTURE.md).
///
/// Reading whose token it is takes the token and puts it back; while it is out the queue counts as
/// empty (a length limit counts ready messages), so a claim made at that moment succeeds too. The
/// handler therefore claims one entity's series one request at a time in a process; between two
/// reprocessor replicas that moment remains (a duplicate request on one while the other reads).
actor SeriesLock {
    /// What ``acquire(entity:id:requestId:)`` found.
    enum Claim: Equatable {
        /// This request holds the series (newly, or again after a redelivery).
        case held
        /// Another request's series is running.
        case running(requestId: String)
    }

    private let configuration: AMQPConfiguration
    private let expiry: Duration
    private let logger: Logger
    private var connection: AMQPConnection?

    /// - Parameter expiry: how long an untouched lock lives (longer than a whole series).
    init(configuration: AMQPConfiguration, expiry: Duration, logger: Logger) {
        self.configuration = configuration
        self.expiry = expiry
        self.logger = logger
    }

    static func queueName(entity: String, id: String) -> String {
        let name = "reprocess.series.\(entity).\(id)"
        return name.utf8.count <= 200 ? name : String(decoding: Array(name.utf8.prefix(200)), as: UTF8.self)
    }

    /// Claims the series of `entity`/`id` for `requestId`.
    func acquire(entity: String, id: String, requestId: String) async throws(WorkFailure) -> Claim {
        let name = Self.queueName(entity: entity, id: id)
        let claim: Claim? = try await withConnection { connection throws(AMQPError) -> Claim? in
            try await self.declare(name, on: connection)
            var properties = AMQPProperties()
            properties.persistent = true
            properties.messageID = requestId
            let token = AMQPOutgoingMessage(exchange: "", routingKey: name, properties: properties, body: Array(requestId.utf8))
            let outcome = try await connection.publish([token]).first
            if outcome == .confirmed { return .held }
            // Refused: a token is there. Read whose; nil means another check holds it for a
            // moment (a redelivered request looking at its own token), so ask again shortly.
            guard let holder = try await connection.get(name) else { return nil }
            try await connection.nack(holder.tag, requeue: true)
            let holderId = String(decoding: holder.body, as: UTF8.self)
            return holderId == requestId ? .held : .running(requestId: holderId)
        }
        guard let claim else { throw .transient("the series lock of \(entity) \(id) is being read; trying again") }
        return claim
    }

    /// Keeps the lock alive between attempts (a redeclare restarts `x-expires`).
    func refresh(entity: String, id: String) async throws(WorkFailure) {
        let name = Self.queueName(entity: entity, id: id)
        try await withConnection { connection throws(AMQPError) in try await self.declare(name, on: connection) }
    }

    /// Ends the series: the next request starts a new one.
    func release(entity: String, id: String) async throws(WorkFailure) {
        let name = Self.queueName(entity: entity, id: id)
        try await withConnection { connection throws(AMQPError) in try await connection.deleteQueue(name) }
    }

    func close() async {
        await connection?.close()
        connection = nil
    }

    private func declare(_ name: String, on connection: AMQPConnection) async throws(AMQPError) {
        try await connection.declareQueue(name, durable: true, arguments: [
            "x-queue-type": .string("classic"),
            "x-max-length": .int64(1),
            "x-overflow": .string("reject-publish"),
            "x-expires": .int64(Int64(expiry / .milliseconds(1))),
        ])
    }

    private func withConnection<T: Sendable>(
        _ body: (AMQPConnection) async throws(AMQPError) -> T
    ) async throws(WorkFailure) -> T {
        do {
            let live: AMQPConnection
            if let connection {
                live = connection
            } else {
                live = try await AMQPConnection.connect(configuration)
                connection = live
            }
            return try await body(live)
        } catch {
            await connection?.close()
            connection = nil
            logger.warning("series lock unavailable", metadata: ["error": "\(error)"])
            throw .transient("series lock: \(error)")
        }
    }
}
