import AMQPLayer
import Foundation
import Testing
@testable import WorkerRuntime

/// The batch consumer's state machine without a broker: deliveries are values, time is given.
@Suite("Batch consumer core (no broker)")
struct BatchCoreTests {
    typealias Core = BatchConsumer<ScriptedBatchHandler>.Core
    typealias Arrival = BatchConsumer<ScriptedBatchHandler>.Arrival

    let window = Duration.seconds(10)
    let start = ContinuousClock.now
    let date = Date()

    @Test("superseded keys: the latest message of each key is kept; a superseded delivery is acknowledged once no held one is older")
    func supersededKeys() {
        var core = Core(window: window, maximumHold: .seconds(1200))
        core.startSession(writtenSession: nil)
        let first = core.take([arrival("a:1", 1), arrival("b:1", 2), arrival("a:2", 3)], at: start, date: date)
        #expect(first.superseded == 1)
        let firstRun = core.released([])
        #expect(firstRun == [tag(1)], "a:1 was the oldest: acknowledged at once")
        _ = core.take([arrival("b:2", 4)], at: start, date: date)
        let secondRun = core.released([])
        #expect(secondRun == [tag(2)], "b:1 is now the oldest")
        _ = core.take([arrival("c:1", 5), arrival("a:3", 6)], at: start, date: date)
        let thirdRun = core.released([])
        #expect(thirdRun == [tag(3)])
        #expect(bodies(core.held.pending) == ["a": "a:3", "b": "b:2", "c": "c:1"])
        #expect(core.held.outstanding == 3)
        guard case .flush(let flush) = core.next(at: start + window) else {
            Issue.record("no flush at the window's end")
            return
        }
        #expect(bodies(flush.batch) == ["a": "a:3", "b": "b:2", "c": "c:1"])
        #expect(flush.taken == [tag(6)])
        core.flushSettled(flush.taken)
        #expect(core.held.outstanding == 0)
    }

    @Test("deliveries of two connections in one chunk: each is recorded and released in its own connection's ledger")
    func twoConnectionsInOneChunk() {
        var core = Core(window: window, maximumHold: .seconds(1200))
        core.startSession(writtenSession: nil)
        let taken = core.take(
            [arrival("a:1", 1, session: 1), arrival("b:1", 1, session: 2), arrival("b:2", 2, session: 2), arrival("a:2", 2, session: 1),
             arrival("c:1", 3, session: 1)],
            at: start, date: date)
        #expect(taken.superseded == 2)
        #expect(core.held.outstanding(on: 1) == 3)
        #expect(core.held.outstanding(on: 2) == 2)
        #expect(Set(core.released([])) == [tag(1, session: 1), tag(1, session: 2)], "each connection's superseded oldest, acknowledged on its own")
        #expect(core.held.outstanding(on: 1) == 2)
        #expect(core.held.outstanding(on: 2) == 1)
        #expect(bodies(core.held.pending) == ["a": "a:2", "b": "b:2", "c": "c:1"])
    }

    @Test("refused and early arrivals: parked or sent round again, acknowledged once their copies are published")
    func refusedAndEarly() {
        var core = Core(window: window, maximumHold: .seconds(1200))
        core.startSession(writtenSession: nil)
        let history = MessageHistory(headers: [:], now: date)
        let taken = core.take([
            .refused(delivery("x", 1), history, reason: "unknown message type"),
            .early("a", message("a:1", 2), remaining: .seconds(30)),
            arrival("b:1", 3),
            .early("b", message("b:0", 4), remaining: .seconds(30)),
        ], at: start, date: date)
        #expect(taken.parked.map(\.reason) == ["unknown message type"])
        #expect(taken.sentRound.map { $0.message.delivery.tag } == [tag(2)])
        #expect(taken.superseded == 1, "an early copy of a key already waiting is dropped")
        let run = core.released([tag(1), tag(2)])
        #expect(run == [tag(2)], "released up to the kept b:1")
        #expect(bodies(core.held.pending) == ["b": "b:1"])
    }

    @Test("restart anchoring: a new core fed the redelivered window flushes when the first would have")
    func restartAnchoring() {
        let seen = date.addingTimeInterval(-1)
        var first = Core(window: window, maximumHold: .seconds(1200))
        first.startSession(writtenSession: nil)
        _ = first.take([arrival("a:1", 1, firstSeen: seen), arrival("b:1", 2, firstSeen: seen)], at: start, date: date)
        guard case .wait(let due) = first.next(at: start) else {
            Issue.record("the first core should wait")
            return
        }
        #expect(near(due, start + window - .seconds(1)))

        // killed 3 s later; a new process reads the redelivered window
        var second = Core(window: window, maximumHold: .seconds(1200))
        second.startSession(writtenSession: nil)
        _ = second.take([arrival("a:1", 1, firstSeen: seen), arrival("b:1", 2, firstSeen: seen)], at: start + .seconds(3), date: date.addingTimeInterval(3))
        guard case .wait(let again) = second.next(at: start + .seconds(3)) else {
            Issue.record("the second core should wait")
            return
        }
        #expect(near(again, due), "due \(again - due) later than the first core's")
        guard case .flush = second.next(at: due + .milliseconds(1)) else {
            Issue.record("no flush at the first core's due time")
            return
        }
        // and two flushes of one process stay a window apart, however old the next change
        _ = second.take([arrival("c:1", 3, firstSeen: seen.addingTimeInterval(-3600))], at: due + .seconds(1), date: date)
        second.flushSettled([tag(2)])
        guard case .wait(let next) = second.next(at: due + .seconds(1)) else {
            Issue.record("the next window should wait for the last flush + window")
            return
        }
        #expect(next == due + .milliseconds(1) + window)
    }

    @Test("journal: a page of the kept deliveries; a key superseded while the page is on its way keeps its newer delivery, written next")
    func journalPages() throws {
        var core = Core(window: window, maximumHold: .seconds(1200))
        core.startSession(writtenSession: journalSession)
        _ = core.take([arrival("a:1", 1), arrival("b:1", 2), arrival("c:1", 3)], at: start, date: date)
        let tooEarly = core.startPage(journalAfter: 4, at: start, date: date)
        #expect(tooEarly == nil, "three held, a page after four")
        _ = core.take([arrival("d:1", 4)], at: start, date: date)
        let started = core.startPage(journalAfter: 4, at: start, date: date)
        var page = try #require(started)
        #expect(page.entries.map { core.held.keys[$0.place] } == ["a", "b", "c", "d"])
        #expect(try JournalPage.decode(page.bytes).count == 4)
        guard case .idle = core.next(at: start + window) else {
            Issue.record("a flush waits for the page on its way")
            return
        }
        _ = core.take([arrival("a:2", 5)], at: start, date: date)
        let supersededRun = core.released([])
        #expect(supersededRun == [tag(1)])
        page.written = true
        let adoptedRun = core.pageReturned(page, journalTag: journalTag)
        #expect(adoptedRun == [tag(4)], "b, c and d are the journal's now")
        #expect(core.held.unwritten == ["a"])
        #expect(core.held.outstanding == 1)
        #expect(core.held.pending["b"]?.tag == journalTag)
        guard case .flush(let flush) = core.next(at: start + window) else {
            Issue.record("no flush once the page is back")
            return
        }
        #expect(bodies(flush.batch) == ["a": "a:2", "b": "b:1", "c": "c:1", "d": "d:1"])
        #expect(flush.taken == [tag(5)])
    }

    @Test("crash points: killed with a page confirmed, or before it was, the next process flushes every key's latest message at the first window's due time")
    func crashPoints() throws {
        for confirmed in [true, false] {
            var killed = Core(window: window, maximumHold: .seconds(1200))
            killed.startSession(writtenSession: journalSession)
            _ = killed.take(["a:1", "b:1", "c:1", "d:1"].enumerated().map { arrival($1, UInt64($0 + 1)) }, at: start, date: date)
            let started = killed.startPage(journalAfter: 4, at: start, date: date)
            var page = try #require(started)
            _ = killed.take([arrival("a:2", 5)], at: start, date: date)
            var acknowledged = killed.released([])
            page.written = confirmed
            acknowledged += killed.pageReturned(page, journalTag: journalTag)
            #expect(acknowledged == (confirmed ? [tag(1), tag(4)] : [tag(1)]))

            // What the broker gives the next process: the pages confirmed, the deliveries not acknowledged.
            let later = start + .seconds(4), laterDate = date.addingTimeInterval(4)
            var restarted = Core(window: window, maximumHold: .seconds(1200))
            restarted.startSession(writtenSession: journalSession + 1)
            if confirmed {
                let tag = AMQPDeliveryTag(session: journalSession + 1, value: 0)
                let kept = try JournalPage.decode(page.bytes).map { entry in
                    let body = String(decoding: entry.body, as: UTF8.self)
                    let delivery = AMQPDelivery(
                        tag: tag, exchange: entry.exchange, routingKey: entry.routingKey, redelivered: true, consumerTag: "",
                        properties: entry.properties, body: entry.body)
                    let message = InboundMessage(queue: "q", delivery: delivery, history: MessageHistory(headers: entry.properties.headers, now: laterDate))
                    return (key: String(body.prefix(1)), message: HeldMessage(message), anchor: WindowAnchor.date(of: message.history))
                }
                restarted.recover(kept, pagesAnchor: page.anchor, at: later, date: laterDate)
            }
            let redelivered = (confirmed ? [5] : [2, 3, 4, 5]).map { UInt64($0) }
            let bodies = ["a:1", "b:1", "c:1", "d:1", "a:2"]
            // Without a page, only the messages' own first-seen times can say when the window opened.
            _ = restarted.take(
                redelivered.map { arrival(bodies[Int($0) - 1], $0, session: 2, firstSeen: confirmed ? nil : date, now: laterDate) },
                at: later, date: laterDate)
            if case .flush = restarted.next(at: later) { Issue.record("flushed before the first window's due time") }
            guard case .flush(let flush) = restarted.next(at: start + window + .milliseconds(2)) else {
                Issue.record("confirmed \(confirmed): no flush at the first window's due time")
                continue
            }
            #expect(self.bodies(flush.batch) == ["a": "a:2", "b": "b:1", "c": "c:1", "d": "d:1"], "confirmed \(confirmed)")
        }
    }

    @Test("a failed flush is put back (a newer message of a key wins) and retried after the delay; held too long, it is handed over")
    func putBackAndHandOver() {
        var core = Core(window: window, maximumHold: .seconds(30))
        core.startSession(writtenSession: nil)
        _ = core.take([arrival("a:1", 1), arrival("b:1", 2)], at: start, date: date)
        guard case .flush(let flush) = core.next(at: start + window) else {
            Issue.record("no flush")
            return
        }
        _ = core.take([arrival("a:2", 3)], at: start + window, date: date)
        let kept = BatchConsumer<ScriptedBatchHandler>.Kept(
            batch: flush.batch, failure: .transient("HTTP 503"), taken: flush.taken, since: flush.since, opened: flush.opened, journaled: 0)
        let failures = core.flushFailed()
        #expect(failures == 1)
        guard case .merged(let superseded) = core.putBack(kept, delay: .seconds(15), at: start + window + .seconds(1)) else {
            Issue.record("not merged")
            return
        }
        #expect(superseded == 1)
        #expect(bodies(core.held.pending) == ["a": "a:2", "b": "b:1"])
        guard case .wait(let retry) = core.next(at: start + window + .seconds(1)) else {
            Issue.record("the retry should wait")
            return
        }
        #expect(retry == start + window + .seconds(16), "the retry delay, beyond the next window")

        guard case .flush(let second) = core.next(at: retry) else {
            Issue.record("no retry")
            return
        }
        let keptAgain = BatchConsumer<ScriptedBatchHandler>.Kept(
            batch: second.batch, failure: .transient("HTTP 503"), taken: second.taken, since: second.since, opened: second.opened, journaled: 0)
        let failuresAgain = core.flushFailed()
        #expect(failuresAgain == 2)
        guard case .handOver(let messages, let taken, _) = core.putBack(keptAgain, delay: .seconds(15), at: retry) else {
            Issue.record("held past the maximum hold, yet kept")
            return
        }
        #expect(Set(messages.compactMap { try? String(decoding: $0.message(queue: "q").delivery.body, as: UTF8.self) }) == ["a:2", "b:1"])
        #expect(taken == [tag(3)])
        #expect(core.held.outstanding == 0)
    }

    @Test("keys whose hashes collide: each keeps its own latest message, superseded and journaled by place like any other")
    func collidingKeys() throws {
        typealias CollidingCore = BatchConsumer<CollidingKeyHandler>.Core
        var core = CollidingCore(window: window, maximumHold: .seconds(1200))
        core.startSession(writtenSession: journalSession)
        func arrival(_ body: String, _ value: UInt64) -> BatchConsumer<CollidingKeyHandler>.Arrival {
            let message = message(body, value)
            return .message(CollidingKey(name: String(body.prefix { $0 != ":" })), HeldMessage(message), anchor: WindowAnchor.date(of: message.history))
        }
        let taken = core.take([arrival("a:1", 1), arrival("b:1", 2), arrival("c:1", 3), arrival("b:2", 4)], at: start, date: date)
        #expect(taken.superseded == 1)
        #expect(Set(core.held.pending.keys.map(\.name)) == ["a", "b", "c"])
        #expect(core.held.pending[CollidingKey(name: "b")].flatMap { try? $0.message(queue: "q").delivery.body } == Array("b:2".utf8))
        let started = core.startPage(journalAfter: 4, at: start, date: date)
        var page = try #require(started)
        #expect(page.entries.map { core.held.keys[$0.place].name } == ["a", "b", "c"])
        _ = core.take([arrival("c:2", 5)], at: start, date: date)
        page.written = true
        _ = core.pageReturned(page, journalTag: journalTag)
        #expect(core.held.unwritten.map(\.name) == ["c"], "c was superseded while its page was on its way")
        #expect(core.held.pending[CollidingKey(name: "a")]?.tag == journalTag)
    }

    // MARK: Values

    let journalSession: UInt64 = 99
    var journalTag: AMQPDeliveryTag { AMQPDeliveryTag(session: journalSession, value: 0) }

    func tag(_ value: UInt64, session: UInt64 = 1) -> AMQPDeliveryTag { AMQPDeliveryTag(session: session, value: value) }

    func delivery(_ body: String, _ value: UInt64, session: UInt64 = 1, headers: AMQPTable = [:]) -> AMQPDelivery {
        AMQPDelivery(
            tag: tag(value, session: session), exchange: "", routingKey: "q", redelivered: false, consumerTag: "c",
            properties: AMQPProperties(headers: headers, type: "test.message"), body: Array(body.utf8))
    }

    /// A message read at `now` (by default the test's `date`), with a first-seen header if given.
    func message(_ body: String, _ value: UInt64, session: UInt64 = 1, firstSeen: Date? = nil, now: Date? = nil) -> InboundMessage {
        let headers: AMQPTable = firstSeen.map { [MessageHistory.firstSeenHeader: .int64(MessageHistory.milliseconds($0))] } ?? [:]
        return InboundMessage(
            queue: "q", delivery: delivery(body, value, session: session, headers: headers), history: MessageHistory(headers: headers, now: now ?? date))
    }

    func arrival(_ body: String, _ value: UInt64, session: UInt64 = 1, firstSeen: Date? = nil, now: Date? = nil) -> Arrival {
        let message = message(body, value, session: session, firstSeen: firstSeen, now: now)
        return .message(String(body.prefix { $0 != ":" }), HeldMessage(message), anchor: WindowAnchor.date(of: message.history))
    }

    /// Within 2 ms (headers carry milliseconds).
    func near(_ one: ContinuousClock.Instant, _ other: ContinuousClock.Instant) -> Bool {
        abs(Double((one - other) / .microseconds(1))) <= 2000
    }

    func bodies(_ batch: some Sequence<(key: String, value: HeldMessage)>) -> [String: String] {
        Dictionary(batch.map { key, held in
            (key, (try? held.message(queue: "q")).map { String(decoding: $0.delivery.body, as: UTF8.self) } ?? "unreadable")
        }, uniquingKeysWith: { _, _ in "a key twice" })
    }
}

/// A key every value of which hashes the same: the window's look-up by hash has to tell them apart.
struct CollidingKey: Hashable, Sendable {
    var name: String

    func hash(into hasher: inout Hasher) {
        hasher.combine(0)
    }
}

/// A handler keyed by ``CollidingKey`` (only its key type matters to the core).
struct CollidingKeyHandler: BatchHandler {
    let acceptedTypes: Set<String> = ["test.message"]

    func key(for message: InboundMessage) throws(WorkFailure) -> CollidingKey {
        CollidingKey(name: String(decoding: message.delivery.body.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self))
    }

    func flush(_ batch: [CollidingKey: InboundMessage]) async throws(WorkFailure) -> [CollidingKey: WorkFailure] {
        [:]
    }
}
