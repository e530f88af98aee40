import AMQPLayer
import Foundation
import Logging
import Metrics

/// What a ``BatchConsumer`` does with deliveries as they come and with a batch once flushed.
extension BatchConsumer {
    /// Reads what each delivery is, on the receive loop's task (in parallel with the session,
    /// which only coalesces): its history, whether its type is known, its key, whether it is early.
    func prepare(_ deliveries: [AMQPDelivery]) -> [Arrival] {
        let now = Date()
        return deliveries.map { delivery in
            let history = MessageHistory(headers: delivery.properties.headers, now: now)
            guard let type = delivery.properties.type, handler.acceptedTypes.contains(type) else {
                let reason = delivery.properties.type.map { "unknown message type \($0)" } ?? "message has no type"
                return .refused(delivery, history, reason: reason)
            }
            let message = InboundMessage(queue: queue, delivery: delivery, history: history)
            do throws(WorkFailure) {
                let key = try handler.key(for: message)
                if let remaining = copies.remainingDelay(of: history, now: now) {
                    return .early(key, message, remaining: remaining)
                }
                return .message(key, message)
            } catch {
                return .refused(delivery, history, reason: error.reason)
            }
        }
    }

    /// Coalesces arrivals into the window (a newer message of a key replaces the older, which is
    /// released: acknowledged once no held delivery is older, see ``DeliveryLedger``); parks what
    /// cannot be handled and sends early ones round the delay tiers again.
    func take(
        _ arrivals: [Arrival], into window: inout Window, schedule: inout Schedule, connections: ConsumerConnections
    ) async {
        let instant = ContinuousClock.now
        var superseded = 0, parked = 0
        var copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        for arrival in arrivals {
            switch arrival {
            case .refused(let delivery, let history, let reason):
                window.record(delivery.tag)
                logger.error("parked", metadata: ["reason": "\(reason)", "message_id": "\(delivery.properties.messageID ?? "-")"])
                copied.append((delivery.tag, copies.parked(delivery, history: history, reason: reason)))
                parked += 1
            case .early(let key, let message, let remaining):
                window.record(message.delivery.tag)
                window.since = window.since ?? instant
                if window.pending[key] != nil {
                    superseded += 1  // a newer message of the key is already waiting
                    window.release(message.delivery.tag)
                } else if let copy = try? copies.delayed(message.delivery, history: message.history, remaining: remaining) {
                    copied.append((message.delivery.tag, copy))
                }
            case .message(let key, let message):
                window.record(message.delivery.tag)
                window.since = window.since ?? instant
                if let older = window.pending.updateValue(message, forKey: key) {
                    superseded += 1
                    window.release(older.delivery.tag)
                } else if schedule.opened == nil {
                    schedule.opened = instant
                }
            }
        }
        let pendingKeys = window.pending.count
        counts.withLock {
            $0.received += arrivals.count
            $0.superseded += superseded
            $0.pendingKeys = pendingKeys
        }
        if parked > 0 {
            Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: parked)
            record("bad_input", parked)
        }
        record("superseded", superseded)
        if !copied.isEmpty {
            // Settled on their own: no flush may come to cover them.
            await settle(copied, connections: connections, thenAck: true)
            for (tag, _) in copied { window.release(tag) }
        }
        connections.ack(upTo: window.releasedRuns())
    }

    /// Runs the handler on `batch` and settles the window it closes: copies of the failed keys
    /// first, then everything up to `taken` acknowledged at once (`multiple`). Returns the batch
    /// when the handler asked to keep it (a thrown transient or auth failure).
    func flush(
        _ batch: [Key: InboundMessage], taken: [AMQPDeliveryTag], since: ContinuousClock.Instant, connections: ConsumerConnections
    ) async -> FlushOutcome {
        let started = ContinuousClock.now
        var logger = self.logger
        logger[metadataKey: "batch_keys"] = .stringConvertible(batch.count)
        let failures: [Key: WorkFailure]
        do {
            failures = try await handler.flush(batch)
        } catch {
            counts.withLock { $0.flushes += 1 }
            logger.warning("flush failed", metadata: ["failure": "\(error)"])
            switch error {
            case .transient, .auth:
                return .kept(Kept(batch: batch, failure: error, taken: taken, since: since))
            case .business(let reason), .badInput(let reason):
                record(error.kind, batch.count)
                Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: batch.count)
                let copied = batch.values.map { message in
                    (message.delivery.tag, copies.parked(message.delivery, history: message.history, reason: reason))
                }
                await settle(copied, connections: connections, thenAck: false)
                connections.ack(upTo: taken)
                return .settled(taken)
            }
        }
        Timer(label: "carrefour_handler_duration_seconds", dimensions: [("queue", queue)]).recordNanoseconds(
            Int64((ContinuousClock.now - started) / .nanoseconds(1)))
        Gauge(label: "carrefour_consumer_paused", dimensions: [("queue", queue)]).record(0)
        counts.withLock { $0.flushes += 1 }
        var copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        let now = Date()
        for (key, failure) in failures {
            guard let message = batch[key] else { continue }
            record(failure.kind, 1)
            copied.append((message.delivery.tag, retryOrPark(message, failure: failure, now: now)))
        }
        record("success", batch.count - copied.count)
        if !failures.isEmpty {
            logger.warning("flush done with failed keys", metadata: ["failed_keys": "\(failures.count)"])
        }
        await settle(copied, connections: connections, thenAck: false)
        connections.ack(upTo: taken)
        return .settled(taken)
    }

    /// Puts a kept batch back after a failed flush (a key with a newer message keeps the newer);
    /// the next flush comes after the retry delay (or the auth pause). A window that would then
    /// have waited `maximumHold` goes to the delay tiers instead, and is acknowledged.
    func putBack(_ kept: Kept, into window: inout Window, schedule: inout Schedule, connections: ConsumerConnections) async {
        schedule.failures += 1
        let delay: Duration
        switch kept.failure {
        case .auth(let reason):
            delay = settings.authPause
            Gauge(label: "carrefour_consumer_paused", dimensions: [("queue", queue)]).record(1)
            logger.critical("credentials refused: flow paused; fix the key, it will be tried again", metadata: [
                "reason": "\(reason)", "pause": "\(SettingsSource.format(delay))",
            ])
        case .transient(_, let retryAfter):
            delay = copies.retryDelay(attempt: schedule.failures, retryAfter: retryAfter)
            Counter(label: "carrefour_retries_total", dimensions: [("queue", queue)]).increment()
        case .business, .badInput:
            delay = .zero
        }
        let now = ContinuousClock.now
        schedule.notBefore = now + delay
        var superseded = 0
        if kept.since.duration(to: now + delay) >= maximumHold {
            var released: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
            let date = Date()
            for (key, message) in kept.batch where window.pending[key] == nil {
                released.append((message.delivery.tag, retryOrPark(message, failure: kept.failure, now: date)))
            }
            logger.warning("held too long: handed to the delay tiers", metadata: ["keys": "\(released.count)"])
            await settle(released, connections: connections, thenAck: false)
            connections.ack(upTo: kept.taken)
            window.drop(through: kept.taken)
        } else {
            for (key, message) in kept.batch {
                if window.pending[key] != nil {
                    superseded += 1
                    window.release(message.delivery.tag)
                } else {
                    window.pending[key] = message
                }
            }
            schedule.opened = min(schedule.opened ?? kept.since, kept.since)
            window.since = min(window.since ?? kept.since, kept.since)
        }
        let pendingKeys = window.pending.count
        counts.withLock {
            $0.superseded += superseded
            $0.pendingKeys = pendingKeys
        }
        record("superseded", superseded)
        connections.ack(upTo: window.releasedRuns())
    }

    /// The copy for a failed key: a delayed retry, or a parked copy once it is too old to retry
    /// (an auth failure is retried like a transient one: the key is kept, not lost).
    func retryOrPark(_ message: InboundMessage, failure: WorkFailure, now: Date) -> AMQPOutgoingMessage {
        let delivery = message.delivery, history = message.history
        let reason: String, retryAfter: Duration?
        switch failure {
        case .business(let text), .badInput(let text):
            Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment()
            return copies.parked(delivery, history: history, reason: text)
        case .transient(let text, let after):
            (reason, retryAfter) = (text, after)
        case .auth(let text):
            (reason, retryAfter) = (text, nil)
        }
        switch try? copies.retry(delivery, history: history, reason: reason, retryAfter: retryAfter, now: now) {
        case .delay(let copy):
            Counter(label: "carrefour_retries_total", dimensions: [("queue", queue)]).increment()
            return copy
        case .giveUp(let finalReason):
            Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment()
            return copies.parked(delivery, history: history, reason: finalReason)
        case nil:
            Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment()
            return copies.parked(delivery, history: history, reason: "cannot retry (the topology has no delay tiers): \(reason)")
        }
    }

    /// Publishes the copies; when they are not confirmed, their originals go back to the queue
    /// (before any acknowledgement of their window can cover them). With `thenAck`, confirmed
    /// originals are acknowledged one by one. Skipped once a connection closed: the broker
    /// redelivers those originals anyway.
    func settle(_ copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)], connections: ConsumerConnections, thenAck: Bool) async {
        guard !copied.isEmpty, connections.isHealthy else { return }
        let tags = copied.map(\.tag)
        do {
            try await publisher.publish(copied.map(\.copy))
            if thenAck { connections.ack(tags) }
        } catch {
            logger.error("could not republish; the messages go back to their queue", metadata: ["error": "\(error)"])
            connections.requeue(tags)
        }
    }
}
