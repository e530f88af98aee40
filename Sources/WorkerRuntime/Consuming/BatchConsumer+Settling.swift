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
                return .message(key, message)
            } catch {
                return .refused(delivery, history, reason: error.reason)
            }
        }
    }

    /// Coalesces arrivals into the window (a newer message of a key replaces the older, which is
    /// released: acknowledged once no held delivery is older, see ``DeliveryLedger``); parks what
    /// cannot be handled and sends early ones round the delay tiers again. With a journal
    /// (`writtenSession`: the session of its tags), keys whose message is a delivery are listed
    /// once in `unwritten`.
    func take(
        _ arrivals: consuming [Arrival], into window: inout Window, schedule: inout Schedule, writtenSession: UInt64?,
        connections: ConsumerConnections
    ) async {
        let instant = ContinuousClock.now, date = Date()
        var superseded = 0, parked = 0
        var copied: [(tag: AMQPDeliveryTag, copy: AMQPOutgoingMessage)] = []
        let count = arrivals.count
        arrivals.reverse()
        // popLast moves each arrival out (no copy of its message); the reversal keeps their order
        while let arrival = arrivals.popLast() {
            switch consume arrival {
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
                schedule.open(at: WindowAnchor.instant(of: WindowAnchor.date(of: message.history), now: date, at: instant, window: self.window))
                if let older = window.pending.updateValue(message, forKey: key) {
                    superseded += 1
                    window.release(older.delivery.tag)
                    // a key whose older message is still a delivery is listed already
                    if let writtenSession, older.delivery.tag.session == writtenSession { window.unwritten.append(key) }
                } else if writtenSession != nil {
                    window.unwritten.append(key)
                }
            }
        }
        let pendingKeys = window.pending.count
        counts.withLock {
            $0.received += count
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
        _ batch: [Key: InboundMessage], taken: [AMQPDeliveryTag], since: ContinuousClock.Instant, opened: ContinuousClock.Instant,
        journaled: UInt64, journal: WindowJournal?, connections: ConsumerConnections
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
                return .kept(Kept(batch: batch, failure: error, taken: taken, since: since, opened: opened, journaled: journaled))
            case .business(let reason), .badInput(let reason):
                record(error.kind, batch.count)
                Counter(label: "carrefour_parked_total", dimensions: [("queue", queue)]).increment(by: batch.count)
                let copied = batch.values.map { message in
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
            guard let message = batch[key] else { continue }
            record(failure.kind, 1)
            copied.append((message.delivery.tag, retryOrPark(message, failure: failure, now: now)))
        }
        record("success", batch.count - copied.count)
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

    /// Puts a kept batch back after a failed flush (a key with a newer message keeps the newer);
    /// the next flush comes after the retry delay (or the auth pause). A window that would then
    /// have waited `maximumHold` goes to the delay tiers instead, and is acknowledged. Returns
    /// `false` when, with a journal, those copies were not confirmed: the session must end so that
    /// the next one reads the journal again.
    func putBack(
        _ kept: Kept, into window: inout Window, schedule: inout Schedule, journal: WindowJournal?, connections: ConsumerConnections
    ) async -> Bool {
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
            guard await settle(released, connections: connections, thenAck: false) || journal == nil else { return false }
            connections.ack(upTo: kept.taken)
            window.drop(through: kept.taken)
            await removePages(through: kept.journaled, of: journal)
        } else {
            for (key, message) in kept.batch {
                if window.pending[key] != nil {
                    superseded += 1
                    window.release(message.delivery.tag)
                } else {
                    window.pending[key] = message
                    if let journal, message.delivery.tag.session != journal.writtenTag.session { window.unwritten.append(key) }
                }
            }
            schedule.open(at: kept.opened)
            window.since = min(window.since ?? kept.since, kept.since)
        }
        let pendingKeys = window.pending.count
        counts.withLock {
            $0.superseded += superseded
            $0.pendingKeys = pendingKeys
        }
        record("superseded", superseded)
        connections.ack(upTo: window.releasedRuns())
        return true
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
    /// Reads the pages an earlier session left into the window (before any delivery is taken, so
    /// a newer delivery of a key replaces what the journal kept). A page or entry that cannot be
    /// read is parked. The window keeps the anchor the pages recorded (or, for pages without one,
    /// their entries' own, see ``WindowAnchor``): it is due when it was before the restart.
    func recover(from journal: WindowJournal, into window: inout Window, schedule: inout Schedule) async throws(AMQPError) {
        let (entries, unreadable, pagesAnchor) = try await journal.recover()
        let now = Date(), tag = journal.writtenTag
        var anchor = pagesAnchor
        var parked: [AMQPOutgoingMessage] = []
        for (page, reason) in unreadable {
            logger.error("journal page parked", metadata: ["reason": "\(reason)"])
            parked.append(copies.parked(page, history: MessageHistory(headers: page.properties.headers, now: now), reason: reason))
        }
        for entry in entries {
            let delivery = AMQPDelivery(
                tag: tag, exchange: entry.exchange, routingKey: entry.routingKey, redelivered: true, consumerTag: "",
                properties: entry.properties, body: entry.body)
            let history = MessageHistory(headers: entry.properties.headers, now: now)
            do throws(WorkFailure) {
                window.pending[try handler.key(for: InboundMessage(queue: queue, delivery: delivery, history: history))] =
                    InboundMessage(queue: queue, delivery: delivery, history: history)
                let entryAnchor = WindowAnchor.date(of: history)
                anchor = min(anchor ?? entryAnchor, entryAnchor)
            } catch {
                parked.append(copies.parked(delivery, history: history, reason: error.reason))
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
        if window.pending.isEmpty {
            try await journal.remove(through: 0)
        } else {
            let instant = ContinuousClock.now
            schedule.open(at: WindowAnchor.instant(of: anchor ?? now, now: Date(), at: instant, window: self.window))
            window.since = instant
            logger.info("window recovered from the journal", metadata: [
                "keys": "\(window.pending.count)", "opened": "\(SettingsSource.format(instant - (schedule.opened ?? instant))) ago",
            ])
        }
        let keys = window.pending.count
        counts.withLock { $0.pendingKeys = keys }
    }

    /// Starts a journal page of the kept messages that are still deliveries (the keys listed in
    /// `unwritten`, which is emptied): the page's bytes and which delivery of which key it holds.
    /// `nil` when none is left to write. The session goes on taking deliveries while the broker
    /// confirms the page (one page at a time), then calls ``finish(_:into:journal:connections:)``.
    /// A message is written with the headers it came with; the page records when the window opened
    /// (`opened`, see ``WindowAnchor``), so a window read back keeps its due time even when its
    /// messages carried no first-seen time.
    func startPage(of window: inout Window, opened: ContinuousClock.Instant?) -> PageInFlight? {
        var page = JournalPage.Builder(capacity: window.unwritten.count)
        var entries: [(key: Key, tag: AMQPDeliveryTag)] = []
        entries.reserveCapacity(window.unwritten.count)
        for key in window.unwritten {
            guard let index = window.pending.index(forKey: key) else { continue }
            entries.append((key, window.pending.values[index].append(to: &page)))
        }
        window.unwritten = []
        guard !entries.isEmpty else { return nil }
        let now = Date()
        let anchor = opened.map { WindowAnchor.date(of: $0, now: now, at: .now) } ?? now
        return PageInFlight(bytes: page.bytes, anchor: anchor, entries: entries)
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

    /// Applies a page's outcome to the window. Written: each key whose kept message is still the
    /// one written now holds the journal's tag, and its delivery is released (the runs that closes
    /// are acknowledged). A key superseded while the page was on its way keeps its newer delivery,
    /// which is listed to be written; so is every key of a page the broker did not take (its
    /// deliveries stay held, and the consumer stops at its prefetch if that goes on).
    func finish(_ page: PageInFlight, into window: inout Window, journal: WindowJournal, connections: ConsumerConnections) {
        let tag = journal.writtenTag
        for (key, written) in page.entries {
            guard let index = window.pending.index(forKey: key) else { continue }
            switch window.pending.values[index].adopt(tag, ifWritten: written, page.written) {
            case .adopted: window.release(written)
            case .delivery: window.unwritten.append(key)
            case .journal: break
            }
        }
        if page.written {
            counts.withLock {
                $0.journaled += page.entries.count
                $0.journalPages += 1
            }
        }
        connections.ack(upTo: window.releasedRuns())
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

/// What a kept message is once its journal page came back (see ``InboundMessage/adopt(_:ifWritten:_:)``).
enum JournalStanding {
    /// It is the message the page holds: it now carries the journal's tag.
    case adopted
    /// Still a delivery: a newer one than the page holds, or the page was not written.
    case delivery
    /// Already the journal's.
    case journal
}

// `mutating` on both: a message kept in a dictionary is then reached through its in-place
// accessor instead of being copied (a copy retains every field: a third of the journal's cost in
// the offer benchmark).
extension InboundMessage {
    /// Adds the message to a journal page; returns the delivery tag it was written under.
    mutating func append(to page: inout JournalPage.Builder) -> AMQPDeliveryTag {
        page.append(exchange: delivery.exchange, routingKey: delivery.routingKey, properties: delivery.properties, body: delivery.body)
        return delivery.tag
    }

    /// Takes the journal's `tag` when the message is the delivery `written` and the page was
    /// written.
    mutating func adopt(_ tag: AMQPDeliveryTag, ifWritten written: AMQPDeliveryTag, _ pageWritten: Bool) -> JournalStanding {
        if pageWritten && delivery.tag == written {
            delivery.tag = tag
            return .adopted
        }
        return delivery.tag.session == tag.session ? .journal : .delivery
    }
}
