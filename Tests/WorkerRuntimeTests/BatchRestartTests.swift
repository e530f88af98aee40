import AMQPLayer
import ConnectorTestSupport
import Foundation
import Testing
import WorkerRuntime

/// A window's due time survives the consumer: a new consumer (a restarted worker) flushes when
/// the first would have, from the first-seen times the broker keeps (``MessageHistory``) or the
/// journal's record of them.
@Suite("Batch consumer restarted mid-window, against a real broker")
struct BatchRestartTests {
    @Test("a consumer started mid-window flushes at the first one's due time, counted from the messages' first-seen time")
    func restartKeepsDueTime() async throws {
        let (connection, queues, _, topology, settings) = try await journalSetUp()
        let window = Duration.seconds(6)
        let published = ContinuousClock.now
        _ = try await connection.publish(["a:1", "b:1", "a:2"].map { message($0, to: queues.work, firstSeen: Date()) })
        try await withBatchConsumer(queues: queues, handler: ScriptedBatchHandler(), window: window, settings: settings, topology: topology) { consumer in
            #expect(await eventually { consumer.progress.received == 3 })
            try await Task.sleep(until: published + .seconds(3))  // half the window: then the worker goes away
        }
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(queues: queues, handler: handler, window: window, settings: settings, topology: topology) { _ in
            #expect(await eventually(timeout: .seconds(12)) { handler.flushes.count == 1 })
        }
        let flush = try #require(handler.flushes.first)
        #expect(flush.bodies == ["a": "a:2", "b": "b:1"])
        let after = flush.at - published
        #expect(after >= window - .milliseconds(50) && after < window + .seconds(2), "flushed \(after) after publishing (restarted after 3 s)")
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("first-seen times absurdly old or in the future do not break the window: old is due at once, future counts as now")
    func absurdFirstSeen() async throws {
        let (connection, queues, _, topology, settings) = try await journalSetUp()
        let window = Duration.seconds(2)
        // Each absurd past stamp gets a consumer of its own: published together, the second
        // could arrive while the first one's flush runs, and then rightly waits a window (two
        // flushes of one process start at least a window apart).
        var flushed: [Set<String>] = []
        for (key, stamped) in [
            ("old", message("old:1", to: queues.work, firstSeen: Date(timeIntervalSince1970: 0))),
            ("ancient", messageStamped("ancient:1", to: queues.work, milliseconds: .min)),
        ] {
            let handler = ScriptedBatchHandler()
            try await withBatchConsumer(queues: queues, handler: handler, window: window, settings: settings, topology: topology) { _ in
                let published = ContinuousClock.now
                _ = try await connection.publish([stamped])
                #expect(await eventually(timeout: .seconds(5)) { handler.flushes.count == 1 })
                let atOnce = try #require(handler.flushes.first).at - published
                #expect(atOnce < .seconds(1), "an old change (\(key)) is due at once: flushed \(atOnce) after publishing")
            }
            flushed += handler.flushes.map { Set($0.bodies.keys) }
        }

        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(queues: queues, handler: handler, window: window, settings: settings, topology: topology) { _ in
            let published = ContinuousClock.now
            _ = try await connection.publish([
                message("future:1", to: queues.work, firstSeen: Date().addingTimeInterval(86_400)),
                messageStamped("far:1", to: queues.work, milliseconds: .max),
            ])
            #expect(await eventually(timeout: .seconds(8)) { handler.flushes.count == 1 })
            let later = try #require(handler.flushes.last).at - published
            #expect(later >= window - .milliseconds(50) && later < window + .seconds(2), "a future first-seen counts as now: flushed \(later) after")
        }
        flushed += handler.flushes.map { Set($0.bodies.keys) }
        #expect(flushed == [["old"], ["ancient"], ["future", "far"]])
        #expect(try await connection.get(queues.work) == nil)
        await connection.close()
    }

    @Test("a window written to the journal and read back by a new consumer keeps its due time, though its messages carried no first-seen time")
    func journalKeepsDueTime() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        let window = Duration.seconds(6)
        let published = ContinuousClock.now
        // No first-seen header: only the journal's page can say when the window opened. A page
        // starts once `journalAfter` deliveries are held, so with 2 a last delivery arriving alone
        // after a page of three would stay on the consumer unjournaled (as designed): 1 journals
        // every delivery however the broker batches them.
        _ = try await connection.publish(["a:1", "b:1", "c:1", "d:1"].map { message($0, to: queues.work) })
        try await withBatchConsumer(
            queues: queues, handler: ScriptedBatchHandler(), window: window, journal: journal, journalAfter: 1, settings: settings, topology: topology
        ) { consumer in
            #expect(await eventually { consumer.progress.journaled == 4 })
            #expect(try await eventually { try await connection.queueState(queues.work)?.readyMessages == 0 })
            try await Task.sleep(until: published + .seconds(3))
        }
        #expect(try await connection.queueState(journal)?.readyMessages ?? 0 >= 1, "the pages wait for the next consumer")
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(
            queues: queues, handler: handler, window: window, journal: journal, journalAfter: 1, settings: settings, topology: topology
        ) { _ in
            #expect(await eventually(timeout: .seconds(12)) { handler.flushes.count == 1 })
        }
        let flush = try #require(handler.flushes.first)
        #expect(flush.bodies == ["a": "a:1", "b": "b:1", "c": "c:1", "d": "d:1"])
        let after = flush.at - published
        #expect(after >= window - .milliseconds(50) && after < window + .seconds(2), "flushed \(after) after publishing (restarted after 3 s)")
        #expect(try await connection.get(journal) == nil)
        await connection.close()
    }

    @Test("pages of an older worker (no anchor of their own): the window counts from their entries' first-seen time")
    func pagesWithoutAnchor() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        let seen = Date().addingTimeInterval(-4)
        let entries = ["a:1", "b:1"].map { body in
            let kept = message(body, to: queues.work, firstSeen: seen)
            return JournalPage.Entry(exchange: kept.exchange, routingKey: kept.routingKey, properties: kept.properties, body: kept.body)
        }
        _ = try await connection.publish([
            AMQPOutgoingMessage(routingKey: journal, properties: AMQPProperties(type: "journal.page"), body: JournalPage.encode(entries))
        ])
        let started = ContinuousClock.now
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(6), journal: journal, settings: settings, topology: topology
        ) { _ in
            #expect(await eventually(timeout: .seconds(10)) { handler.flushes.count == 1 })
        }
        let after = try #require(handler.flushes.first).at - started
        #expect(after < .seconds(4), "due 6 s after a first-seen 4 s old: flushed \(after) after start")
        await connection.close()
    }

}

/// A test message with a first-seen time, as the fleet's publisher stamps it.
func message(_ body: String, to queue: String, firstSeen: Date) -> AMQPOutgoingMessage {
    messageStamped(body, to: queue, milliseconds: Int64((firstSeen.timeIntervalSince1970 * 1000).rounded()))
}

/// A test message whose first-seen header is `milliseconds`, whatever they say.
func messageStamped(_ body: String, to queue: String, milliseconds: Int64) -> AMQPOutgoingMessage {
    var stamped = message(body, to: queue)
    stamped.properties.headers[MessageHistory.firstSeenHeader] = .int64(milliseconds)
    return stamped
}
