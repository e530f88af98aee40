import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import Foundation
import Testing
import WorkerRuntime

@Suite("Batch consumer with a window journal, against a real broker")
struct BatchJournalTests {
    @Test("kept messages are written to the journal and their deliveries acknowledged before the flush; the flush has each key's latest; its pages are removed")
    func journalBeforeFlush() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        let handler = ScriptedBatchHandler()
        let bodies = (1...6).flatMap { round in ["a", "b", "c", "d"].map { "\($0):\(round)" } }
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(3), journal: journal, journalAfter: 4, settings: settings, topology: topology
        ) { consumer in
            _ = try await connection.publish(bodies.map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.received == 24 })
            #expect(handler.flushes.isEmpty, "still inside the window")
            // The page is written after the deliveries that fill it are held, not with them.
            #expect(await eventually { consumer.progress.journalPages >= 1 })
            #expect(try await eventually { try await connection.queueState(journal)?.readyMessages ?? 0 >= 1 }, "pages wait in the journal queue")
            #expect(await eventually(timeout: .seconds(15)) { handler.flushes.count == 1 })
            #expect(try await eventually { try await connection.queueState(journal)?.readyMessages == 0 }, "the flush removed its pages")
        }
        #expect(handler.flushes.first?.bodies == ["a": "a:6", "b": "b:6", "c": "c:6", "d": "d:6"])
        #expect(try await connection.get(queues.work) == nil, "every delivery was acknowledged")
        #expect(try await connection.get(journal) == nil)
        await connection.close()
    }

    @Test("a journal connection idle for several heartbeats (a long window after its last page) still removes its pages after the flush")
    func idleJournalStaysConnected() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        // A one-second heartbeat: RabbitMQ closes a connection it hears nothing from for two.
        var quick = settings
        quick.amqpURL += "?heartbeat=1"
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(8), journal: journal, journalAfter: 1, settings: quick, topology: topology
        ) { consumer in
            _ = try await connection.publish(["a:1", "b:1"].map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.journaled == 2 })
            #expect(await eventually(timeout: .seconds(20)) { handler.flushes.count == 1 })
            #expect(try await eventually { try await connection.queueState(journal)?.readyMessages == 0 }, "the flush removed its pages")
        }
        #expect(handler.flushes.first?.bodies == ["a": "a:1", "b": "b:1"])
        #expect(try await connection.get(journal) == nil)
        await connection.close()
    }

    @Test("the connection lost mid-window after pages were written (as when the worker is killed): the next session reads the journal, nothing is lost")
    func crashAfterJournal() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        let broker = try TestBroker.shared()
        let handler = ScriptedBatchHandler()
        // One page of the four keys, however the deliveries are chunked: it is written once 4
        // deliveries are held, and a delivery superseded while it is the oldest is acknowledged at
        // once, so it never counts. e:1 arrives after the page: it stays a delivery, which the
        // broker redelivers.
        let bodies = ["a:1", "b:1", "c:1", "d:1", "a:2", "b:2"]
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(8), journal: journal, journalAfter: 4, settings: settings, topology: topology
        ) { consumer in
            _ = try await connection.publish(bodies.map { message($0, to: queues.work) })
            #expect(await eventually { consumer.progress.journalPages == 1 })
            #expect(consumer.progress.journaled == 4)
            #expect(try await eventually { try await connection.queueState(queues.work)?.readyMessages == 0 })
            _ = try await connection.publish([message("e:1", to: queues.work)])
            #expect(await eventually { consumer.progress.received == 7 })
            #expect(try await Management(broker.managementURL).closeConnection(named: "batch consumer \(queues.work)"))
            #expect(handler.flushes.isEmpty, "closed mid-window")
            #expect(await eventually(timeout: .seconds(25)) { handler.flushes.count == 1 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 1)
        #expect(flushes[0].bodies == ["a": "a:2", "b": "b:2", "c": "c:1", "d": "d:1", "e": "e:1"])
        #expect(flushes[0].redelivered.values.allSatisfy { $0 }, "\(flushes[0].redelivered)")
        #expect(try await connection.get(queues.work) == nil)
        #expect(try await connection.get(journal) == nil, "the flush removed the pages the restart read")
        await connection.close()
    }

    @Test("many pages written while deliveries keep coming (keys superseded while their page is on its way), then the connection lost mid-window: the flush after the restart has every key's latest message")
    func pagesInFlightThenCrash() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        let broker = try TestBroker.shared()
        let handler = ScriptedBatchHandler()
        // 60 keys changed 40 times each, in turn: a page every 8 held deliveries, while the next
        // changes of the same keys keep arriving.
        let keys = (0..<60).map { "k\($0)" }
        let bodies = (1...40).flatMap { round in keys.map { "\($0):\(round)" } }
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(8), journal: journal, journalAfter: 8, settings: settings, topology: topology
        ) { consumer in
            for first in stride(from: 0, to: bodies.count, by: 100) {
                _ = try await connection.publish(bodies[first..<min(first + 100, bodies.count)].map { message($0, to: queues.work) })
            }
            #expect(await eventually(timeout: .seconds(15)) { consumer.progress.received == bodies.count })
            #expect(consumer.progress.journalPages >= 2)
            #expect(try await Management(broker.managementURL).closeConnection(named: "batch consumer \(queues.work)"))
            #expect(handler.flushes.isEmpty, "closed mid-window")
            #expect(await eventually(timeout: .seconds(25)) { handler.flushes.count == 1 })
        }
        let flushes = handler.flushes
        try #require(flushes.count == 1)
        #expect(flushes[0].bodies == Dictionary(uniqueKeysWithValues: keys.map { ($0, "\($0):40") }))
        #expect(try await connection.get(queues.work) == nil, "every delivery was acknowledged")
        #expect(try await connection.get(journal) == nil, "the flush removed every page")
        await connection.close()
    }

    @Test("a window read back from the journal is flushed when its window ends, though no delivery comes")
    func recoveredWindowIsFlushedWithoutDeliveries() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        // What a worker killed after its pages were confirmed, and their deliveries acknowledged,
        // leaves: pages, and nothing in the work queue.
        let entries = ["a:1", "b:1", "a:2"].map { body in
            let kept = message(body, to: queues.work)
            return JournalPage.Entry(exchange: kept.exchange, routingKey: kept.routingKey, properties: kept.properties, body: kept.body)
        }
        try await expectPagesFlushed(
            [JournalPage.encode(Array(entries[..<2])), JournalPage.encode([entries[2]])],
            connection: connection, queues: queues, journal: journal, topology: topology, settings: settings)
    }

    @Test("a window journaled in version 1, before an upgrade, is read back and flushed; its pages are removed")
    func versionOnePagesAreRecovered() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        // Pages the code before the compact format wrote (genuine bytes, see JournalPageV1Fixtures).
        try await expectPagesFlushed(
            JournalPageV1Fixtures.windowPages, connection: connection, queues: queues, journal: journal, topology: topology,
            settings: settings)
    }

    /// Publishes `pages` (a window of `a:1`, `b:1`, then `a:2`) to the journal, starts a consumer
    /// with no delivery to come, and expects one flush of the latest message per key and the pages
    /// removed.
    private func expectPagesFlushed(
        _ pages: [[UInt8]], connection: AMQPConnection, queues: TestQueues, journal: String, topology: Topology,
        settings: RuntimeSettings
    ) async throws {
        _ = try await connection.publish(pages.map { page in
            AMQPOutgoingMessage(routingKey: journal, properties: AMQPProperties(type: "journal.page"), body: page)
        })
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(1), journal: journal, settings: settings, topology: topology
        ) { _ in
            #expect(await eventually(timeout: .seconds(10)) { handler.flushes.count == 1 })
        }
        #expect(handler.flushes.first?.bodies == ["a": "a:2", "b": "b:1"], "the later page's message of a key wins")
        #expect(try await connection.get(journal) == nil, "the flush removed the pages")
        await connection.close()
    }

    @Test("a page that cannot be read is parked with the reason; the window goes on")
    func unreadablePageIsParked() async throws {
        let (connection, queues, journal, topology, settings) = try await journalSetUp()
        _ = try await connection.publish([message("not a page", to: journal, id: "foreign")])
        let handler = ScriptedBatchHandler()
        try await withBatchConsumer(
            queues: queues, handler: handler, window: .seconds(1), journal: journal, journalAfter: 4, settings: settings, topology: topology
        ) { _ in
            #expect(try await eventually { try await connection.queueState(queues.parked)?.readyMessages == 1 })
            _ = try await connection.publish([message("a:1", to: queues.work)])
            #expect(await eventually(timeout: .seconds(10)) { handler.flushes.count == 1 })
        }
        let parked = try #require(try await connection.get(queues.parked))
        #expect(parked.properties.messageID == "foreign")
        #expect(parked.properties.headers[MessageHistory.parkedReasonHeader]?.stringValue == "not a journal page of version 1 or 2")
        #expect(try await connection.get(journal) == nil)
        await connection.close()
    }

}
