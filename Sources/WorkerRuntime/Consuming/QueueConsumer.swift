import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// Consumes one work queue with a ``MessageHandler``: the fleet's consume loop.
///
/// For each delivery: early (still delayed) → delayed again; unknown type → parked; handled →
/// acknowledged; transient failure → republished to a delay tier with its attempt raised, then
/// acknowledged; business failure or bad input → parked with the reason, then acknowledged; auth
/// failure → the message goes back to the queue and the flow pauses. A copy is always confirmed
/// by the broker before the original is acknowledged, so a crash can duplicate, never lose.
///
/// Reconnects with backoff when the broker goes away. On graceful shutdown (SIGTERM) it stops
/// taking deliveries, lets the handlers in flight finish and acknowledge, then closes; what was
/// prefetched but not started goes back to the queue.
public final class QueueConsumer: Service, Sendable {
    private let queue: String
    private let handler: any MessageHandler
    private let settings: RuntimeSettings
    private let topology: Topology
    private let publisher: ReliablePublisher
    private let logger: Logger
    private let copies: MessageCopies
    private let configuration: AMQPConfiguration
    private let stopping = Atomic<Bool>(false)
    private let current = Mutex<AMQPConnection?>(nil)
    private let pauseReason = Mutex<String?>(nil)

    /// - Parameters:
    ///   - queue: the work queue to consume.
    ///   - parkedQueue: where parked messages go (the worker's parked queue in topology.json).
    public init(
        queue: String, parkedQueue: String, handler: any MessageHandler, settings: RuntimeSettings,
        topology: Topology, publisher: ReliablePublisher, logger: Logger
    ) throws(SettingsError) {
        self.queue = queue
        self.handler = handler
        self.settings = settings
        self.topology = topology
        self.publisher = publisher
        var logger = logger
        logger[metadataKey: "queue"] = .string(queue)
        self.logger = logger
        self.copies = MessageCopies(queue: queue, parkedQueue: parkedQueue, topology: topology, settings: settings)
        do {
            self.configuration = try AMQPConfiguration(url: settings.amqpURL, connectionName: "consumer \(queue)")
        } catch {
            throw SettingsError(setting: "CARREFOUR_AMQP_URL", problem: error.description)
        }
    }

    public func run() async throws {
        // This queue's series exist from the start at zero, so a dashboard panel or an alert on
        // them (docker/monitoring) has data before the first retry, park or pause.
        Counter(label: "carrefour_retries_total", dimensions: [("queue", queue)]).increment(by: 0)
        Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: 0)
        Gauge(label: "carrefour_consumer_paused", dimensions: [("queue", queue)]).record(0)
        try await withGracefulShutdownHandler {
            try await self.consumeUntilStopped()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.current.withLock { $0 }?.wake()
        }
    }

    private var isStopping: Bool { stopping.load(ordering: .relaxed) || Task.isCancelled }

    private func consumeUntilStopped() async throws {
        let reconnecting = Reconnecting(initial: .milliseconds(200), maximum: settings.reconnectMaxDelay)
        try await reconnecting.sessions(stop: { self.isStopping }) { error, _ in
            guard let error = error as? AMQPError else { throw error }
            Counter(label: "carrefour_reconnects_total", dimensions: [("queue", queue)]).increment()
            logger.warning("broker connection lost; reconnecting", metadata: ["error": "\(error)"])
        } session: { connected in
            try await consumeOneSession(onConnected: connected)
            await waitOutPause()
        }
        logger.info("consumer stopped")
    }

    /// After a session that ended on refused credentials: the flow pauses for
    /// ``RuntimeSettings/authPause`` before the next session.
    private func waitOutPause() async {
        if let reason = pauseReason.withLock({ $0 }), !isStopping {
            let gauge = Gauge(label: "carrefour_consumer_paused", dimensions: [("queue", queue)])
            gauge.record(1)
            logger.critical("credentials refused: flow paused; fix the key, it will be tried again", metadata: [
                "reason": "\(reason)", "pause": "\(SettingsSource.format(settings.authPause))",
            ])
            await sleep(settings.authPause, unless: { self.isStopping })
            pauseReason.withLock { $0 = nil }
            gauge.record(0)
        }
    }

    /// One broker session: connect, declare, consume until stopped, paused or disconnected.
    private func consumeOneSession(onConnected: () -> Void) async throws {
        let connection = try await AMQPConnection.connect(configuration)
        current.withLock { $0 = connection }
        defer { current.withLock { $0 = nil } }
        try await connection.declare(topology)
        try await connection.setPrefetch(UInt16(clamping: settings.prefetch))
        let consumerTag = try await connection.consume(queue)
        onConnected()
        logger.info("consuming")

        let (finished, finishedContinuation) = AsyncStream.makeStream(of: Void.self)
        var slots = finished.makeAsyncIterator()
        var inFlight = 0
        var sessionError: AMQPError?
        await withDiscardingTaskGroup { group in
            while !isStopping && pauseReason.withLock({ $0 }) == nil {
                if inFlight >= settings.concurrency {
                    _ = await slots.next()
                    inFlight -= 1
                    continue
                }
                let deliveries: [AMQPDelivery]
                do {
                    deliveries = try await connection.receive(maxMessages: settings.concurrency - inFlight, timeout: .seconds(1))
                } catch {
                    sessionError = error as? AMQPError ?? .connectionFailed("\(error)")
                    break
                }
                for delivery in deliveries {
                    inFlight += 1
                    group.addTask {
                        await self.process(delivery, on: connection)
                        finishedContinuation.yield()
                    }
                }
            }
            if sessionError == nil {
                try? await connection.cancel(consumerTag: consumerTag)
            }
        }
        finishedContinuation.finish()
        await connection.close()
        if let sessionError { throw sessionError }
    }

    // MARK: One delivery

    private func process(_ delivery: AMQPDelivery, on connection: AMQPConnection) async {
        let now = Date()
        let history = MessageHistory(headers: delivery.properties.headers, now: now)
        var logger = self.logger
        logger[metadataKey: "message_id"] = .string(delivery.properties.messageID ?? "-")
        logger[metadataKey: "attempt"] = .stringConvertible(history.attempt + 1)

        if let remaining = copies.remainingDelay(of: history, now: now) {
            await settle(delivery, on: connection, logger: logger) {
                try await self.publisher.publish([try self.copies.delayed(delivery, history: history, remaining: remaining)])
            }
            return
        }
        guard let type = delivery.properties.type, handler.acceptedTypes.contains(type) else {
            let reason = delivery.properties.type.map { "unknown message type \($0)" } ?? "message has no type"
            await park(delivery, history: history, reason: reason, on: connection, logger: logger)
            record("bad_input")
            return
        }
        let message = InboundMessage(queue: queue, delivery: delivery, history: history)
        let failure: WorkFailure
        let started = ContinuousClock.now
        do {
            try await handler.handle(message)
            Timer(label: "carrefour_handler_duration_seconds", dimensions: [("queue", queue)]).recordNanoseconds(
                Int64((ContinuousClock.now - started) / .nanoseconds(1)))
            try? await connection.ackWaking(delivery.tag)
            record("success")
            return
        } catch let error as WorkFailure {
            failure = error
        } catch {
            failure = .transient("\(error)")
        }
        record(failure.kind)
        logger.warning("handling failed", metadata: ["failure": "\(failure)"])
        switch failure {
        case .transient(let reason, let retryAfter):
            await retry(delivery, history: history, reason: reason, retryAfter: retryAfter, now: now, on: connection, logger: logger)
        case .business(let reason), .badInput(let reason):
            await park(delivery, history: history, reason: reason, on: connection, logger: logger)
        case .auth(let reason):
            pauseReason.withLock { $0 = reason }
            try? await connection.nackWaking(delivery.tag, requeue: true)
        }
    }

    private func retry(
        _ delivery: AMQPDelivery, history: MessageHistory, reason: String, retryAfter: Duration?, now: Date,
        on connection: AMQPConnection, logger: Logger
    ) async {
        let decision: MessageCopies.RetryDecision
        do {
            decision = try copies.retry(delivery, history: history, reason: reason, retryAfter: retryAfter, now: now)
        } catch {
            logger.error("cannot retry; the message goes back to its queue", metadata: ["error": "\(error)"])
            try? await connection.nackWaking(delivery.tag, requeue: true)
            return
        }
        switch decision {
        case .giveUp(let reason):
            await park(delivery, history: history, reason: reason, on: connection, logger: logger)
        case .delay(let copy):
            Counter(label: "carrefour_retries_total", dimensions: [("queue", queue)]).increment()
            await settle(delivery, on: connection, logger: logger) {
                try await self.publisher.publish([copy])
            }
        }
    }

    private func park(_ delivery: AMQPDelivery, history: MessageHistory, reason: String, on connection: AMQPConnection, logger: Logger) async {
        Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment()
        logger.error("parked", metadata: ["reason": "\(reason)", "parked_queue": "\(copies.parkedQueue)"])
        let copy = copies.parked(delivery, history: history, reason: reason)
        await settle(delivery, on: connection, logger: logger) {
            try await self.publisher.publish([copy])
        }
    }

    /// Runs `publishCopy`; acknowledges the original only once the copy is confirmed, otherwise
    /// returns it to the queue.
    private func settle(_ delivery: AMQPDelivery, on connection: AMQPConnection, logger: Logger, _ publishCopy: () async throws -> Void) async {
        do {
            try await publishCopy()
            try? await connection.ackWaking(delivery.tag)
        } catch {
            logger.error("could not republish; the message goes back to its queue", metadata: ["error": "\(error)"])
            try? await connection.nackWaking(delivery.tag, requeue: true)
        }
    }

    private func record(_ outcome: String) {
        Counter(label: "carrefour_messages_total", dimensions: [("queue", queue), ("outcome", outcome)]).increment()
    }
}

extension AMQPConnection {
    /// Acknowledges without waiting for a pending `receive` to time out.
    nonisolated func ackWaking(_ tag: AMQPDeliveryTag) async throws {
        wake()
        try await ack(tag)
    }

    /// Nacks without waiting for a pending `receive` to time out.
    nonisolated func nackWaking(_ tag: AMQPDeliveryTag, requeue: Bool) async throws {
        wake()
        try await nack(tag, requeue: requeue)
    }
}
