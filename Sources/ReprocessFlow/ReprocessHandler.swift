public import AMQPLayer
import Connector
public import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import IntegrationRules
public import Logging
public import WorkerRuntime

/// The reprocessor's handler on `reprocess.requests`: a `reprocess.request` starts a series for
/// its entity (unless one is running: then it is ignored, and the log says so); each attempt's
/// outcome goes to the integration log; a failed attempt schedules the next one through the
/// delay tiers as a `reprocess.attempt` message carrying the series in its headers, until
/// success, the last attempt or the end of the window (``ReprocessSchedule``).
///
/// No state outside the broker: the series rides in the attempt message, the "series running"
/// mark is a lock queue (``SeriesLock``). A reprocessor killed between attempts loses nothing
/// (the next attempt waits in a delay queue); one killed during an attempt gets the message
/// again, marked redelivered, and skips the attempt if the log already holds its outcome (the
/// outcome and the next attempt are published together, the next attempt first); so does a
/// retried copy and every scheduled attempt, so a series never runs as two chains.
public struct ReprocessHandler: MessageHandler {
    /// The type of a scheduled attempt.
    public static let attemptType = "reprocess.attempt"
    /// The attempt number a scheduled attempt runs.
    public static let attemptHeader = "carrefour-series-attempt"
    /// When the series started (epoch milliseconds).
    public static let seriesStartHeader = "carrefour-series-start-ms"

    public var acceptedTypes: Set<String> { [ReprocessRequest.messageType, Self.attemptType] }

    private let targets: [ReprocessRequest.Entity: any ReprocessTarget]
    private let schedule: ReprocessSchedule
    private let log: IntegrationLog
    private let delayed: DelayedDelivery
    private let lock: SeriesLock
    /// One entity's requests and attempts are handled one after the other in this process. The
    /// series lock reads its holder by taking the token and putting it back, and while the token is
    /// out the lock queue counts as empty: a duplicate request handled at that very moment (beside
    /// the redelivery of the running series' own request, after a worker was killed) would claim
    /// the series too, and two series would run.
    private let perEntity = KeyedSerializer()
    private let amqp: AMQPConfiguration
    private let topology: Topology
    private let queue: String
    private let worker: String
    private let logger: Logger

    /// - Parameters:
    ///   - targets: what reprocessing means for each entity.
    ///   - queue: the queue this handler consumes (attempts are scheduled back to it).
    public init(
        targets: [ReprocessRequest.Entity: any ReprocessTarget], schedule: ReprocessSchedule, publisher: ReliablePublisher,
        amqp: AMQPConfiguration, topology: Topology, queue: String, worker: String = "reprocessor", logger: Logger
    ) {
        self.targets = targets
        self.schedule = schedule
        self.log = IntegrationLog(publisher: publisher, topology: topology)
        self.delayed = DelayedDelivery(publisher: publisher, topology: topology)
        self.lock = SeriesLock(configuration: amqp, expiry: schedule.window * 2 + .seconds(60), logger: logger)
        self.amqp = amqp
        self.topology = topology
        self.queue = queue
        self.worker = worker
        self.logger = logger
    }

    public func handle(_ message: InboundMessage) async throws {
        let request: ReprocessRequest
        do {
            request = try ReprocessRequest.decode(message.delivery.body)
        } catch {
            throw WorkFailure.badInput("not a reprocess request: \(error)")
        }
        guard let target = targets[request.entity] else {
            throw WorkFailure.badInput("no reprocessing is defined for \(request.entity.rawValue)")
        }
        try await perEntity.run("\(request.entity.rawValue):\(request.id)") {
            try await self.handle(message, request: request, target: target)
        }
    }

    private func handle(_ message: InboundMessage, request: ReprocessRequest, target: any ReprocessTarget) async throws {
        let headers = message.delivery.properties.headers
        let isAttempt = message.type == Self.attemptType
        let attempt = isAttempt ? Int(headers[Self.attemptHeader]?.intValue ?? 1) : 1
        let start = headers[Self.seriesStartHeader]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? Date()

        if isAttempt {
            try await lock.refresh(entity: request.entity.rawValue, id: request.id)
        } else {
            let claim = try await lock.acquire(entity: request.entity.rawValue, id: request.id, requestId: request.requestId)
            if case .running(let running) = claim {
                try await log.record(ignored(request, running: running))
                logger.notice("reprocess request ignored: a series is running", metadata: ["request": "\(request.requestId)", "running": "\(running)"])
                return
            }
        }
        // Any delivery that may have run before is checked against the log: a redelivery (a
        // worker killed mid-attempt), a retried copy (a confirm that timed out after the outcome
        // and the next attempt were published), and every scheduled attempt (two chains of the
        // same series, left by either case, meet here and the second stops).
        let mayHaveRun = isAttempt || message.delivery.redelivered || message.history.attempt > 0
        if mayHaveRun, try await alreadyLogged(request, attempt: attempt) {
            logger.notice("attempt already done before a restart; not repeated", metadata: ["request": "\(request.requestId)", "attempt": "\(attempt)"])
            return
        }
        try await run(target, request, attempt: attempt, start: start)
    }

    private func run(_ target: any ReprocessTarget, _ request: ReprocessRequest, attempt: Int, start: Date) async throws {
        let outcome: Result<AttemptSuccess, WorkFailure>
        do {
            outcome = .success(try await target.attempt(id: request.id))
        } catch {
            if case .auth = error { throw error }
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let success):
            try await log.record(event(request, attempt: attempt, status: success.status, message: success.message, final: true, externalId: success.externalId))
            try await lock.release(entity: request.entity.rawValue, id: request.id)
        case .failure(let failure):
            let reason = failure.reason
            if let delay = nextDelay(after: attempt, start: start) {
                let next = try nextAttempt(request, attempt: attempt + 1, start: start, after: delay)
                let entry = event(request, attempt: attempt, status: .error, message: "attempt \(attempt) of \(schedule.maxAttempts) failed: \(reason); next attempt in \(SettingsSource.format(delay))", final: false)
                try await delayed.publish([next, try IntegrationLog.message(for: entry, exchange: topology.fleet.exchanges.events)])
            } else {
                let entry = event(request, attempt: attempt, status: .error, message: "gave up after attempt \(attempt) of \(schedule.maxAttempts): \(reason)", final: true)
                try await log.record(entry)
                try await lock.release(entity: request.entity.rawValue, id: request.id)
            }
        }
    }

    /// How long until attempt `attempt + 1` is due on the series' schedule (counted from the
    /// series' start, so slow attempts do not push later ones out of the window), or nil when
    /// `attempt` was the last or the next would start after the window.
    private func nextDelay(after attempt: Int, start: Date) -> Duration? {
        guard schedule.delay(after: attempt) != nil else { return nil }
        let offset = schedule.start(of: attempt + 1)
        guard offset <= schedule.window else { return nil }
        let due = start.addingTimeInterval(Double(offset / .milliseconds(1)) / 1000)
        let remaining = Duration.milliseconds(Int64(due.timeIntervalSinceNow * 1000))
        return max(remaining, .milliseconds(100))
    }

    private func nextAttempt(_ request: ReprocessRequest, attempt: Int, start: Date, after delay: Duration) throws(WorkFailure) -> AMQPOutgoingMessage {
        var properties = AMQPProperties()
        properties.contentType = ReprocessRequest.contentType
        properties.type = Self.attemptType
        properties.messageID = "\(request.requestId):\(attempt)"
        properties.headers = [
            Self.attemptHeader: .int64(Int64(attempt)),
            Self.seriesStartHeader: .int64(Int64((start.timeIntervalSince1970 * 1000).rounded())),
        ]
        let body: [UInt8]
        do {
            body = try request.encoded()
        } catch {
            throw .badInput("cannot encode the reprocess request: \(error)")
        }
        return try delayed.message(to: queue, after: delay, body: body, properties: properties)
    }

    /// Whether the log already holds attempt `attempt` of `request` (read for any delivery that
    /// may have run before).
    private func alreadyLogged(_ request: ReprocessRequest, attempt: Int) async throws(WorkFailure) -> Bool {
        let operationId = Self.operationId(request, attempt: attempt)
        let connection: AMQPConnection
        do {
            connection = try await AMQPConnection.connect(amqp)
        } catch {
            throw .transient("cannot read the integration log: \(error)")
        }
        let events: [IntegrationEvent]
        do {
            events = try await IntegrationLogReader(topology: topology).readAll(connection, from: .since(request.requestedAt.addingTimeInterval(-60)))
        } catch {
            await connection.close()
            throw .transient("cannot read the integration log: \(error)")
        }
        await connection.close()
        return events.contains { $0.operationId == operationId }
    }

    static func operationId(_ request: ReprocessRequest, attempt: Int) -> String {
        "reprocess:\(request.requestId):\(attempt)"
    }

    private func event(
        _ request: ReprocessRequest, attempt: Int, status: IntegrationEvent.Status, message: String, final: Bool,
        externalId: String? = nil
    ) -> IntegrationEvent {
        IntegrationEvent(
            operationId: Self.operationId(request, attempt: attempt), entity: Self.entity(request.entity), entityId: request.id,
            operation: Self.operation(request.entity), direction: request.entity == .order ? .carrefourToVTEX : .vtexToCarrefour,
            status: status, message: message, sourcePayload: "reprocess requested by \(request.requestedBy) at \(request.requestedAt.formatted(.iso8601))",
            worker: worker, externalId: externalId,
            reprocess: .init(requestId: request.requestId, attempt: attempt, maxAttempts: schedule.maxAttempts, final: final))
    }

    private func ignored(_ request: ReprocessRequest, running: String) -> IntegrationEvent {
        IntegrationEvent(
            operationId: "reprocess:\(request.requestId):ignored", entity: Self.entity(request.entity), entityId: request.id,
            operation: Self.operation(request.entity), direction: request.entity == .order ? .carrefourToVTEX : .vtexToCarrefour,
            status: .alert, message: "reprocess request ignored: series \(running) is already running for this \(request.entity.rawValue)",
            worker: worker, reprocess: .init(requestId: request.requestId, attempt: 0, maxAttempts: schedule.maxAttempts, final: true))
    }

    static func entity(_ entity: ReprocessRequest.Entity) -> IntegrationEvent.Entity {
        switch entity {
        case .order: .order
        case .offer: .offer
        case .product: .product
        }
    }

    static func operation(_ entity: ReprocessRequest.Entity) -> IntegrationEvent.Operation {
        switch entity {
        case .order: .order
        case .offer: .offer
        case .product: .catalog
        }
    }
}
