import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The pure state machine of a ``BatchConsumer``: no broker, no clock of its own, no task. The
/// consumer's session (the driver on the AMQP layer) feeds it events — deliveries taken, copies
/// confirmed, a journal page back, a flush due, a flush's outcome, pages read back at start — and
/// carries out the effects each returns: acknowledge up to these tags, park or send round these
/// messages, write this page, start this flush, hand these over to the delay tiers. Its tests need
/// no broker (journal, crash points, superseded keys, restart anchoring).
extension BatchConsumer {
    struct Core {
        /// The coalescing window; also the shortest time between two flushes.
        let window: Duration
        /// The longest a delivery stays unacknowledged across failed flushes.
        let maximumHold: Duration
        /// When the next flush may start; survives sessions.
        var schedule = Schedule()
        /// What the current session has taken and not yet settled.
        var held = Window()
        /// Whether a flush, or a journal page, is on its way.
        var flushing = false
        var writing = false
        /// The session of the journal's tag (journal only): a kept message carrying it is written
        /// down, any other is still a delivery.
        var writtenSession: UInt64?

        init(window: Duration, maximumHold: Duration) {
            self.window = window
            self.maximumHold = maximumHold
        }

        /// A broker session starts: what the last one held died with it (the broker redelivers
        /// it); the schedule stays.
        mutating func startSession(writtenSession: UInt64?) {
            held = Window()
            flushing = false
            writing = false
            self.writtenSession = writtenSession
        }

        // MARK: Deliveries

        /// What taking a chunk of arrivals asks of the driver: park these and send those round the
        /// delay tiers again, then report the copies confirmed (``released(_:)``).
        struct Taken {
            var parked: [(delivery: AMQPDelivery, history: MessageHistory, reason: String)] = []
            var sentRound: [(message: InboundMessage, remaining: Duration)] = []
            var superseded = 0
        }

        /// Coalesces arrivals into the window: a newer message of a key replaces the older, which
        /// is released (acknowledged once no held delivery is older, see ``DeliveryLedger``); each
        /// message's anchor may open the window earlier (``WindowAnchor``). With a journal, a key
        /// whose kept message is a delivery is listed once, by its place, in `unwrittenPlaces`.
        /// `instant` and `date` are the same moment on the monotonic and the wall clock.
        mutating func take(_ arrivals: consuming [Arrival?], at instant: ContinuousClock.Instant, date: Date) -> Taken {
            var taken = Taken()
            var arrivals = arrivals
            // Every delivery is recorded before any is released: an older message a newer one of
            // this chunk supersedes is then always in its ledger. A look-up per connection.
            var received: [AMQPDeliveryTag] = []
            var released: [AMQPDeliveryTag] = []
            received.reserveCapacity(arrivals.count)
            for index in arrivals.indices {
                // moved out, not copied: no retain and release of each message
                guard let arrival = arrivals[index].take() else { continue }
                switch consume arrival {
                case .refused(let delivery, let history, let reason):
                    received.append(delivery.tag)
                    taken.parked.append((delivery, history, reason))
                case .early(let key, let message, let remaining):
                    received.append(message.delivery.tag)
                    held.since = held.since ?? instant
                    if held.place(of: key) != nil {
                        taken.superseded += 1  // a newer message of the key is already waiting
                        released.append(message.delivery.tag)
                    } else {
                        taken.sentRound.append((message, remaining))
                    }
                case .message(let key, let message, let anchor):
                    received.append(message.tag)
                    held.since = held.since ?? instant
                    schedule.open(at: WindowAnchor.instant(of: anchor, now: date, at: instant, window: window))
                    let (place, older) = held.keep(message, for: key)
                    if let older {
                        taken.superseded += 1
                        released.append(older.tag)
                        // a key whose older message is still a delivery is listed already
                        if let writtenSession, older.tag.session == writtenSession { held.unwrittenPlaces.append(place) }
                    } else if writtenSession != nil {
                        held.unwrittenPlaces.append(place)
                    }
                }
            }
            held.record(received)
            held.release(released)
            return taken
        }

        /// Deliveries whose copies were published (confirmed or sent back) are no longer held;
        /// returns the tags to acknowledge up to (`multiple`), one per connection whose oldest
        /// run of released deliveries grew.
        mutating func released(_ tags: [AMQPDeliveryTag]) -> [AMQPDeliveryTag] {
            held.release(tags)
            return held.releasedRuns()
        }

        // MARK: Journal

        /// Starts a journal page once `journalAfter` deliveries are held and none is on its way:
        /// the kept messages that are still deliveries (the places listed in `unwrittenPlaces`,
        /// which is emptied), and when their window opened (wall clock, read at `instant` = `date`). `nil`
        /// when no page is to be written now.
        mutating func startPage(journalAfter: Int, at instant: ContinuousClock.Instant, date: Date) -> PageInFlight? {
            guard writtenSession != nil, !writing, held.outstanding >= journalAfter else { return nil }
            var page = JournalPage.Builder(capacity: held.unwrittenPlaces.count)
            var entries: [(place: Int, tag: AMQPDeliveryTag)] = []
            entries.reserveCapacity(held.unwrittenPlaces.count)
            for place in held.unwrittenPlaces where place < held.keyCount {
                // the entry was encoded on arrival: the page only copies it
                page.append(entry: held.messages[place].entry)
                entries.append((place, held.messages[place].tag))
            }
            held.unwrittenPlaces = []
            guard !entries.isEmpty else { return nil }
            writing = true
            let anchor = schedule.opened.map { WindowAnchor.date(of: $0, now: date, at: instant) } ?? date
            return PageInFlight(bytes: page.bytes, anchor: anchor, entries: entries)
        }

        /// A page came back. Written: each key whose kept message is still the one written now
        /// holds the journal's `tag`, and its delivery is released. A key superseded while the
        /// page was on its way keeps its newer delivery, listed to be written; so is every key of
        /// a page the broker did not take (its deliveries stay held). Returns the tags to
        /// acknowledge up to.
        mutating func pageReturned(_ page: PageInFlight, journalTag tag: AMQPDeliveryTag) -> [AMQPDeliveryTag] {
            writing = false
            var released: [AMQPDeliveryTag] = []
            released.reserveCapacity(page.entries.count)
            for (place, written) in page.entries {
                switch held.adopt(at: place, tag, ifWritten: written, page.written) {
                case .adopted: released.append(written)
                case .delivery: held.unwrittenPlaces.append(place)
                case .journal, nil: break
                }
            }
            held.release(released)
            return held.releasedRuns()
        }

        /// Reads back what an earlier session left in the journal (before any delivery is taken,
        /// so a newer delivery of a key replaces it; a later page's message of a key wins). The
        /// window keeps the anchor the pages recorded, or their entries' own (`anchor`, see
        /// ``WindowAnchor/date(of:)``).
        mutating func recover(
            _ kept: [(key: Key, message: HeldMessage, anchor: Date)], pagesAnchor: Date?, at instant: ContinuousClock.Instant, date: Date
        ) {
            var anchor = pagesAnchor
            for (key, message, entryAnchor) in kept {
                _ = held.keep(message, for: key)
                anchor = min(anchor ?? entryAnchor, entryAnchor)
            }
            guard held.keyCount > 0 else { return }
            schedule.open(at: WindowAnchor.instant(of: anchor ?? date, now: date, at: instant, window: window))
            held.since = instant
        }

        // MARK: Flushes

        /// A flush to start: the batch, what its window took on each connection, when its oldest
        /// delivery arrived and when it opened.
        struct FlushStart {
            /// Each key's latest message (a key appears once).
            var batch: [(key: Key, value: HeldMessage)]
            var taken: [AMQPDeliveryTag]
            var since: ContinuousClock.Instant
            var opened: ContinuousClock.Instant
        }

        /// What the driver does about the next flush.
        enum Next {
            /// Start this flush now.
            case flush(FlushStart)
            /// Wake up then.
            case wait(until: ContinuousClock.Instant)
            /// Nothing to flush, or a flush or a page is on its way.
            case idle
        }

        /// Starts the flush when it is due at `now` (never while a page is on its way: the pages a
        /// flush removes are exactly those written before it).
        mutating func next(at now: ContinuousClock.Instant) -> Next {
            guard !flushing, !writing, held.keyCount > 0, let due = schedule.nextFlush(window: window) else { return .idle }
            guard now >= due else { return .wait(until: due) }
            let start = FlushStart(batch: held.takeKept(), taken: held.taken, since: held.since ?? now, opened: schedule.opened ?? now)
            held.since = nil
            schedule.opened = nil
            schedule.lastFlush = now
            flushing = true
            return .flush(start)
        }

        /// The flush settled: everything up to `taken` is acknowledged.
        mutating func flushSettled(_ taken: [AMQPDeliveryTag]) {
            flushing = false
            held.drop(through: taken)
        }

        /// The flush ended the session (its copies were not confirmed while a journal holds part
        /// of the window).
        mutating func flushBroken() {
            flushing = false
        }

        /// The flush threw and its batch is to be kept: returns how many flushes in a row threw
        /// (the driver's retry delay grows with it).
        mutating func flushFailed() -> Int {
            flushing = false
            schedule.failures += 1
            return schedule.failures
        }

        /// How a kept batch went back.
        enum PutBack {
            /// Into the window (`superseded` of its keys had a newer message meanwhile).
            case merged(superseded: Int)
            /// Held too long: these messages (those without a newer one) go to the delay tiers,
            /// then the window up to `taken` is acknowledged and the pages through `journaled`
            /// are removed.
            case handOver([HeldMessage], taken: [AMQPDeliveryTag], journaled: UInt64)
        }

        /// Puts a kept batch back after a failed flush (a key with a newer message keeps the
        /// newer); the next flush comes after `delay`. A window that would then have waited
        /// `maximumHold` is handed over instead.
        mutating func putBack(_ kept: Kept, delay: Duration, at now: ContinuousClock.Instant) -> PutBack {
            schedule.notBefore = now + delay
            if kept.since.duration(to: now + delay) >= maximumHold {
                let released = kept.batch.compactMap { key, message in held.place(of: key) == nil ? message : nil }
                held.drop(through: kept.taken)
                return .handOver(released, taken: kept.taken, journaled: kept.journaled)
            }
            var superseded = 0
            for (key, message) in kept.batch {
                if held.place(of: key) != nil {
                    superseded += 1
                    held.release([message.tag])
                } else {
                    let (place, _) = held.keep(message, for: key)
                    if writtenSession != nil && message.tag.session != writtenSession { held.unwrittenPlaces.append(place) }
                }
            }
            schedule.open(at: kept.opened)
            held.since = min(held.since ?? kept.since, kept.since)
            return .merged(superseded: superseded)
        }
    }

    /// When the next flush may start; survives reconnects.
    struct Schedule {
        /// When the pending batch's window opened: the anchor of its oldest change (see
        /// ``WindowAnchor``), `nil` while nothing is pending.
        var opened: ContinuousClock.Instant?
        /// When the last flush started.
        var lastFlush: ContinuousClock.Instant?
        /// A retry delay or auth pause after a failed flush.
        var notBefore: ContinuousClock.Instant?
        /// Consecutive flushes that threw.
        var failures = 0

        /// Opens the window at `anchor` unless it opened earlier.
        mutating func open(at anchor: ContinuousClock.Instant) {
            if let opened, opened <= anchor { return }
            opened = anchor
        }

        func nextFlush(window: Duration) -> ContinuousClock.Instant? {
            guard let opened else { return nil }
            var next = opened + window
            if let lastFlush { next = max(next, lastFlush + window) }
            if let notBefore { next = max(next, notBefore) }
            return next
        }
    }
}
