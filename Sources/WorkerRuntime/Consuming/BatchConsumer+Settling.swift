import AMQPLayer
import Foundation
import Logging
import Metrics

/// What a ``BatchConsumer`` does with deliveries as they come and with a batch once flushed.
extension BatchConsumer {
    /// Coalesces received deliveries into `pending`; acknowledges superseded ones, parks what
    /// cannot be handled and sends early ones round the delay tiers again.
    func take(
        _ deliveries: [AMQPDelivery], into pending: inout [Key: Held], schedule: inout Schedule, connections: ConsumerConnections
    ) async {
        let now = Date(), instant = ContinuousClock.now
        var superseded: [AMQPDeliveryTag] = []
        var copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        var parked = 0
        for delivery in deliveries {
            let history = MessageHistory(headers: delivery.properties.headers, now: now)
            guard let type = delivery.properties.type, handler.acceptedTypes.contains(type) else {
                let reason = delivery.properties.type.map { "unknown message type \($0)" } ?? "message has no type"
                logger.error("parked", metadata: ["reason": "\(reason)", "message_id": "\(delivery.properties.messageID ?? "-")"])
                copied.append((delivery.tag, copies.parked(delivery, history: history, reason: reason)))
                parked += 1
                continue
            }
            let message = InboundMessage(queue: queue, delivery: delivery, history: history)
            let key: Key
            do {
                key = try handler.key(for: message)
            } catch {
                logger.error("parked", metadata: ["reason": "\(error)", "message_id": "\(delivery.properties.messageID ?? "-")"])
                copied.append((delivery.tag, copies.parked(delivery, history: history, reason: error.reason)))
                parked += 1
                continue
            }
            if let remaining = copies.remainingDelay(of: history, now: now) {
                if pending[key] != nil {
                    superseded.append(delivery.tag)  // a newer message of the key is already waiting
                } else if let copy = try? copies.delayed(delivery, history: history, remaining: remaining) {
                    copied.append((delivery.tag, copy))
                }
                continue
            }
            if let older = pending.updateValue(Held(message: message, receivedAt: instant), forKey: key) {
                superseded.append(older.message.delivery.tag)
            } else if schedule.opened == nil {
                schedule.opened = instant
            }
        }
        let pendingKeys = pending.count
        counts.withLock {
            $0.received += deliveries.count
            $0.superseded += superseded.count
            $0.pendingKeys = pendingKeys
        }
        if parked > 0 {
            Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: parked)
            record("bad_input", parked)
        }
        record("superseded", superseded.count)
        connections.ack(superseded)
        if !copied.isEmpty {
            await settle(copied, connections: connections)
        }
    }

    /// Runs the handler on `batch` and settles the outcome; returns the batch when the handler
    /// asked to keep it (a thrown transient or auth failure).
    func flush(_ batch: [Key: Held], connections: ConsumerConnections) async -> Kept? {
        let started = ContinuousClock.now
        var logger = self.logger
        logger[metadataKey: "batch_keys"] = .stringConvertible(batch.count)
        let failures: [Key: WorkFailure]
        do {
            failures = try await handler.flush(batch.mapValues(\.message))
        } catch {
            counts.withLock { $0.flushes += 1 }
            logger.warning("flush failed", metadata: ["failure": "\(error)"])
            switch error {
            case .transient, .auth:
                return Kept(batch: batch, failure: error)
            case .business(let reason), .badInput(let reason):
                record(error.kind, batch.count)
                Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: batch.count)
                let copied = batch.values.map { held in
                    (held.message.delivery.tag, copies.parked(held.message.delivery, history: held.message.history, reason: reason))
                }
                await settle(copied, connections: connections)
                return nil
            }
        }
        Timer(label: "carrefour_handler_duration_seconds", dimensions: [("queue", queue)]).recordNanoseconds(
            Int64((ContinuousClock.now - started) / .nanoseconds(1)))
        Gauge(label: "carrefour_consumer_paused", dimensions: [("queue", queue)]).record(0)
        counts.withLock { $0.flushes += 1 }
        var done: [AMQPDeliveryTag] = []
        var copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        let now = Date()
        for (key, held) in batch {
            guard let failure = failures[key] else {
                done.append(held.message.delivery.tag)
                continue
            }
            record(failure.kind, 1)
            copied.append((held.message.delivery.tag, retryOrPark(held.message, failure: failure, now: now)))
        }
        record("success", done.count)
        if !failures.isEmpty {
            logger.warning("flush done with failed keys", metadata: ["failed_keys": "\(failures.count)"])
        }
        connections.ack(done)
        if !copied.isEmpty {
            await settle(copied, connections: connections)
        }
        return nil
    }

    /// Puts a kept batch back after a failed flush: a key with a newer pending message drops its
    /// old one; what was held too long goes to the delay tiers; the rest waits for the next flush,
    /// which comes after the retry delay (or the auth pause).
    func putBack(_ kept: Kept, into pending: inout [Key: Held], schedule: inout Schedule, connections: ConsumerConnections) async {
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
        let now = ContinuousClock.now, date = Date()
        schedule.notBefore = now + delay
        var superseded: [AMQPDeliveryTag] = []
        var released: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        for (key, held) in kept.batch {
            if pending[key] != nil {
                superseded.append(held.message.delivery.tag)
            } else if held.receivedAt.duration(to: now + delay) >= maximumHold {
                released.append((held.message.delivery.tag, retryOrPark(held.message, failure: kept.failure, now: date)))
            } else {
                pending[key] = held
                schedule.opened = min(schedule.opened ?? held.receivedAt, held.receivedAt)
            }
        }
        let pendingKeys = pending.count
        counts.withLock {
            $0.superseded += superseded.count
            $0.pendingKeys = pendingKeys
        }
        record("superseded", superseded.count)
        if !released.isEmpty {
            logger.warning("held too long: handed to the delay tiers", metadata: ["keys": "\(released.count)"])
        }
        connections.ack(superseded)
        if !released.isEmpty {
            await settle(released, connections: connections)
        }
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

    /// Publishes the copies, then acknowledges their originals; when the copies are not
    /// confirmed, the originals go back to the queue. Skipped once a connection closed: the
    /// broker redelivers those originals anyway.
    func settle(_ copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)], connections: ConsumerConnections) async {
        guard connections.isHealthy else { return }
        let tags = copied.map(\.tag)
        do {
            try await publisher.publish(copied.map(\.copy))
            connections.ack(tags)
        } catch {
            logger.error("could not republish; the messages go back to their queue", metadata: ["error": "\(error)"])
            connections.requeue(tags)
        }
    }
}
