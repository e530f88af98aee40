import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import Metrics

/// What a ``BatchConsumer`` does with deliveries as they come and with a batch once flushed.
extension BatchConsumer {
    /// Reads what a delivery is, on its receive loop's thread as it is read (in parallel with the
    /// session, which only coalesces): its history, whether its type is known, its key, whether it
    /// is early. `now` is when the first delivery of its chunk was read.
    func arrival(of delivery: consuming AMQPDelivery, at now: Date) -> Arrival {
        let history = MessageHistory(headers: delivery.properties.headers, now: now)
        guard let type = delivery.properties.type, acceptedTypes.contains(type) else {
            let reason = delivery.properties.type.map { "unknown message type \($0)" } ?? "message has no type"
            return .refused(delivery, history, reason: reason)
        }
        let message = InboundMessage(queue: queue, delivery: delivery, history: history)
        do throws(WorkFailure) {
            let key = try handler.key(for: message)
            if let remaining = copies.remainingDelay(of: history, now: now) {
                return .early(key, message, remaining: remaining)
            }
            // only what the flush and the acknowledgement need is held (``HeldMessage``)
            return .message(key, HeldMessage(message.delivery, read: now), anchor: WindowAnchor.date(of: history))
        } catch {
            return .refused(message.delivery, history, reason: error.reason)
        }
    }

    /// Coalesces arrivals into the window (``Core/take(_:at:date:)``), then parks what cannot be
    /// handled and sends early ones round the delay tiers again, and acknowledges what that and
    /// the superseded messages released.
    func take(_ arrivals: consuming [Arrival?], into core: inout Core, connections: ConsumerConnections) async {
        let count = arrivals.count
        let taken = core.take(consume arrivals, at: .now, date: Date())
        var copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        for (delivery, history, reason) in taken.parked {
            logger.error("parked", metadata: ["reason": "\(reason)", "message_id": "\(delivery.properties.messageID ?? "-")"])
            copied.append((delivery.tag, copies.parked(delivery, history: history, reason: reason)))
        }
        for (message, remaining) in taken.sentRound {
            if let copy = try? copies.delayed(message.delivery, history: message.history, remaining: remaining) {
                copied.append((message.delivery.tag, copy))
            }
        }
        let pendingKeys = core.held.keyCount
        counts.withLock {
            $0.received += count
            $0.chunks += 1
            $0.superseded += taken.superseded
            $0.pendingKeys = pendingKeys
        }
        if !taken.parked.isEmpty {
            Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: taken.parked.count)
            record("bad_input", taken.parked.count)
        }
        record("superseded", taken.superseded)
        // Settled on their own: no flush may come to cover them.
        if !copied.isEmpty { await settle(copied, connections: connections, thenAck: true) }
        connections.ack(upTo: core.released(copied.map(\.tag)))
    }

    /// Runs the handler on `batch` and settles the window it closes: copies of the failed keys
    /// first, then everything up to `taken` acknowledged at once (`multiple`). Returns the batch
    /// when the handler asked to keep it (a thrown transient or auth failure). The held messages
    /// are decoded here, on the flush's task, and the held form let go (one that cannot be
    /// decoded is parked, ``decoded(_:)``); a batch kept is held again from the messages.
    func flush(
        _ held: HeldBatch<Key>, taken: [AMQPDeliveryTag], since: ContinuousClock.Instant, opened: ContinuousClock.Instant,
        journaled: UInt64, journal: WindowJournal?, connections: ConsumerConnections
    ) async -> FlushOutcome {
        let started = ContinuousClock.now
        let (batch, unreadable) = decoded(held.take())
        var logger = self.logger
        logger[metadataKey: "batch_keys"] = .stringConvertible(batch.count + unreadable.count)
        let failures: [Key: WorkFailure]
        do {
            failures = try await handler.flush(batch).merging(unreadable.mapValues { WorkFailure.badInput($0.reason) }) { $1 }
        } catch {
            counts.withLock { $0.flushes += 1 }
            logger.warning("flush failed", metadata: ["failure": "\(error)"])
            switch error {
            case .transient, .auth:
                let kept = batch.map { (key: $0.key, value: HeldMessage($0.value)) } + unreadable.map { (key: $0.key, value: $0.value.held) }
                return .kept(Kept(batch: kept, failure: error, taken: taken, since: since, opened: opened, journaled: journaled))
            case .business(let reason), .badInput(let reason):
                record(error.kind, batch.count + unreadable.count)
                Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: batch.count + unreadable.count)
                let copied = (Array(batch.values) + unreadable.values.map(\.message)).map { message in
                    (message.delivery.tag, copies.parked(message.delivery, history: message.history, reason: reason))
                }
                guard await settle(copied, connections: connections, thenAck: false) || journal == nil else {
                    return .broken(.connectionFailed("parked copies of a flushed window were not confirmed"))
                }
                connections.ack(upTo: taken)
                await removePages(through: journaled, of: journal)
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
            guard let message = batch[key] ?? unreadable[key]?.message else { continue }
            record(failure.kind, 1)
            copied.append((message.delivery.tag, retryOrPark(message, failure: failure, now: now)))
        }
        record("success", batch.count + unreadable.count - copied.count)
        if !failures.isEmpty {
            logger.warning("flush done with failed keys", metadata: ["failed_keys": "\(failures.count)"])
        }
        guard await settle(copied, connections: connections, thenAck: false) || journal == nil else {
            return .broken(.connectionFailed("retry or parked copies of a flushed window were not confirmed"))
        }
        connections.ack(upTo: taken)
        await removePages(through: journaled, of: journal)
        return .settled(taken)
    }

    /// Puts a kept batch back after a failed flush (``Core/putBack(_:delay:at:)``); the next flush
    /// comes after the retry delay (or the auth pause). A window that would then have waited
    /// `maximumHold` goes to the delay tiers instead, and is acknowledged. Returns `false` when,
    /// with a journal, those copies were not confirmed: the session must end so that the next one
    /// reads the journal again.
    func putBack(_ kept: Kept, into core: inout Core, journal: WindowJournal?, connections: ConsumerConnections) async -> Bool {
        let failures = core.flushFailed()
        let delay: Duration
        switch kept.failure {
        case .auth(let reason):
            delay = settings.authPause
            Gauge(label: "carrefour_consumer_paused", dimensions: [("queue", queue)]).record(1)
            logger.critical("credentials refused: flow paused; fix the key, it will be tried again", metadata: [
                "reason": "\(reason)", "pause": "\(SettingsSource.format(delay))",
            ])
        case .transient(_, let retryAfter):
            delay = copies.retryDelay(attempt: failures, retryAfter: retryAfter)
            Counter(label: "carrefour_retries_total", dimensions: [("queue", queue)]).increment()
        case .business, .badInput:
            delay = .zero
        }
        var superseded = 0
        switch core.putBack(kept, delay: delay, at: .now) {
        case .handOver(let messages, let taken, let journaled):
            let date = Date()
            let released = messages.map { held in
                let message = (try? held.message(queue: queue)) ?? held.undecodable(queue: queue)
                return (message.delivery.tag, retryOrPark(message, failure: kept.failure, now: date))
            }
            logger.warning("held too long: handed to the delay tiers", metadata: ["keys": "\(released.count)"])
            guard await settle(released, connections: connections, thenAck: false) || journal == nil else { return false }
            connections.ack(upTo: taken)
            await removePages(through: journaled, of: journal)
        case .merged(let count):
            superseded = count
        }
        let pendingKeys = core.held.keyCount
        counts.withLock {
            $0.superseded += superseded
            $0.pendingKeys = pendingKeys
        }
        record("superseded", superseded)
        connections.ack(upTo: core.held.releasedRuns())
        return true
    }

    /// The messages of a held batch, for the handler; one that cannot be decoded (never expected:
    /// the entry is this process's own encoding) is left out, to be parked with the reason.
    func decoded(_ held: consuming [(key: Key, value: HeldMessage)]) -> (messages: [Key: InboundMessage], unreadable: [Key: Unreadable]) {
        var messages: [Key: InboundMessage] = [:], unreadable: [Key: Unreadable] = [:]
        messages.reserveCapacity(held.count)
        for (key, message) in held {
            do throws(JournalPage.Unreadable) {
                messages[key] = try message.message(queue: queue)
            } catch {
                logger.error("held message unreadable: parked", metadata: ["reason": "\(error.description)"])
                let reason = "held message unreadable: \(error.description)"
                unreadable[key] = Unreadable(held: message, message: message.undecodable(queue: queue), reason: reason)
            }
        }
        return (messages, unreadable)
    }

    /// A held message that could not be decoded: kept as it is, parked as its bytes.
    struct Unreadable {
        var held: HeldMessage
        var message: InboundMessage
        var reason: String
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
    /// (before any acknowledgement of their window can cover them) and it returns `false` (a
    /// journal's message has no delivery to go back: its caller keeps the journal). With
    /// `thenAck`, confirmed originals are acknowledged one by one. Skipped once a connection
    /// closed: the broker redelivers those originals anyway.
    @discardableResult
    func settle(_ copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)], connections: ConsumerConnections, thenAck: Bool) async -> Bool {
        guard !copied.isEmpty else { return true }
        guard connections.isHealthy else { return false }
        let tags = copied.map(\.tag)
        do {
            try await publisher.publish(copied.map(\.copy))
            if thenAck { connections.ack(tags) }
            return true
        } catch {
            logger.error("could not republish; the messages go back to their queue", metadata: ["error": "\(error)"])
            connections.requeue(tags)
            return false
        }
    }
}

/// The journal side of a ``BatchConsumer`` (see ``WindowJournal``).
extension BatchConsumer {
    /// Reads the pages an earlier session left into the window (``Core/recover(_:pagesAnchor:at:date:)``,
    /// before any delivery is taken). A page or entry that cannot be read is parked. The window
    /// keeps the anchor the pages recorded (or, for pages without one, their entries' own, see
    /// ``WindowAnchor``): it is due when it was before the restart.
    func recover(from journal: WindowJournal, into core: inout Core) async throws(AMQPError) {
        let (entries, unreadable, pagesAnchor) = try await journal.recover()
        let now = Date(), tag = journal.writtenTag
        var parked: [AMQPOutgoingMessage] = []
        var kept: [(key: Key, message: HeldMessage, anchor: Date)] = []
        for (page, reason) in unreadable {
            logger.error("journal page parked", metadata: ["reason": "\(reason)"])
            parked.append(copies.parked(page, history: MessageHistory(headers: page.properties.headers, now: now), reason: reason))
        }
        for entry in entries {
            let delivery = AMQPDelivery(
                tag: tag, exchange: entry.exchange, routingKey: entry.routingKey, redelivered: true, consumerTag: "",
                properties: entry.properties, body: entry.body)
            let message = InboundMessage(queue: queue, delivery: delivery, history: MessageHistory(headers: entry.properties.headers, now: now))
            do throws(WorkFailure) {
                kept.append((try handler.key(for: message), HeldMessage(message), WindowAnchor.date(of: message.history)))
            } catch {
                parked.append(copies.parked(delivery, history: message.history, reason: error.reason))
            }
        }
        if !parked.isEmpty {
            do {
                try await publisher.publish(parked)
            } catch {
                // The pages stay unacknowledged: the next session reads them again.
                throw .connectionFailed("cannot park unreadable journal entries: \(error)")
            }
        }
        let instant = ContinuousClock.now
        core.recover(kept, pagesAnchor: pagesAnchor, at: instant, date: Date())
        if core.held.keyCount == 0 {
            try await journal.remove(through: 0)
        } else {
            logger.info("window recovered from the journal", metadata: [
                "keys": "\(core.held.keyCount)", "opened": "\(SettingsSource.format(instant - (core.schedule.opened ?? instant))) ago",
            ])
        }
        let keys = core.held.keyCount
        counts.withLock { $0.pendingKeys = keys }
    }

    /// Writes a started page and waits for the broker's confirm (on the session's task group).
    func write(_ page: PageInFlight, to journal: WindowJournal) async -> PageInFlight {
        var page = page
        do throws(AMQPError) {
            page.written = try await journal.write(page.bytes, anchor: page.anchor) != nil
            if !page.written { logger.warning("journal page refused by the broker; the window keeps its deliveries") }
        } catch {
            logger.warning("journal page not written; the window keeps its deliveries", metadata: ["error": "\(error)"])
        }
        page.bytes = []
        return page
    }

    /// Applies a page's outcome to the window (``Core/pageReturned(_:journalTag:)``) and
    /// acknowledges the runs of deliveries it released.
    func finish(_ page: PageInFlight, into core: inout Core, journal: WindowJournal, connections: ConsumerConnections) {
        let runs = core.pageReturned(page, journalTag: journal.writtenTag)
        if page.written {
            counts.withLock {
                $0.journaled += page.entries.count
                $0.journalPages += 1
            }
        }
        connections.ack(upTo: runs)
    }

    /// Removes the journal pages a settled flush covered; a failure leaves them for the next
    /// session, which flushes their keys once more.
    func removePages(through sequence: UInt64, of journal: WindowJournal?) async {
        guard let journal else { return }
        do {
            try await journal.remove(through: sequence)
        } catch {
            logger.warning("journal pages not removed; their keys will be flushed again", metadata: ["error": "\(error)"])
        }
    }
}

/// What a kept message is once its journal page came back (see ``HeldMessage/adopt(_:ifWritten:_:)``).
enum JournalStanding {
    /// It is the message the page holds: it now carries the journal's tag.
    case adopted
    /// Still a delivery: a newer one than the page holds, or the page was not written.
    case delivery
    /// Already the journal's.
    case journal
}
