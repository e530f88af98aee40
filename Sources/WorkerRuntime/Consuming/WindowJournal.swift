import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The journal of a ``BatchConsumer`` window: a queue of its own where the consumer writes down
/// the messages it keeps (one ``JournalPage`` per write, confirmed by the broker), so that their
/// deliveries can be acknowledged with `multiple` long before the flush.
///
/// Why: a window that keeps each key's latest delivery unacknowledged holds nearly every delivery
/// when keys change in random order (a kept one sits in front of most runs), and RabbitMQ delivers
/// to consumers holding many unacknowledged messages more slowly (about 0.6 of its plain rate with
/// a million held, 0.8 with 32,000; BENCHMARKS.md). Written down, the kept messages cost the broker
/// a few hundred large messages instead.
///
/// Pages are removed only after the flush that covers them settled; a consumer starting up reads
/// every page left (they stay unacknowledged on its journal connection until its first flush), so
/// a crash or a stop at any point loses no kept message. One consumer per journal queue: the
/// pages are taken from the queue's head in the order they were written.
final class WindowJournal: Sendable {
    /// The header carrying a page's sequence number (per consumer session).
    static let sequenceHeader = "carrefour-journal-page"

    let queue: String
    private let connection: AMQPConnection
    private let state = Mutex(State())
    private let keepAlive: Task<Void, Never>

    private struct State {
        var nextSequence: UInt64 = 1
        /// Pages written by this session and not yet removed, oldest first.
        var written: [UInt64] = []
        /// The last page read at start-up, still unacknowledged.
        var recovered: AMQPDeliveryTag?
    }

    private init(queue: String, connection: AMQPConnection) {
        self.queue = queue
        self.connection = connection
        keepAlive = Self.keepingAlive(connection, queue: queue)
    }

    /// Keeps the connection heard while it waits. librabbitmq sends and checks heartbeats only
    /// inside a call (rabbitmq-c, amqp.h: heartbeats are processed when the library is called), and
    /// between a window's last page and its flush (minutes: the offer window is 6 by default) this
    /// connection makes none; RabbitMQ considers a peer unreachable after two missed heartbeats and
    /// closes its connection (rabbitmq.com, "Detecting Dead TCP Connections with Heartbeats"), and
    /// the flush could then not remove its pages (their keys would be flushed again). A passive
    /// declare of the journal queue every half heartbeat is traffic enough.
    private static func keepingAlive(_ connection: AMQPConnection, queue: String) -> Task<Void, Never> {
        let heartbeat = connection.configuration.heartbeatSeconds
        return Task {
            guard heartbeat > 0 else { return }
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(heartbeat * 500))
                guard !Task.isCancelled else { return }
                _ = try? await connection.queueState(queue)
            }
        }
    }

    /// Opens the journal's own connection (acknowledgements there never cover work deliveries).
    static func open(queue: String, configuration: AMQPConfiguration) async throws(AMQPError) -> WindowJournal {
        WindowJournal(queue: queue, connection: try await AMQPConnection.connect(configuration))
    }

    /// The tag that marks a kept message as written down: it belongs to no consumer connection, so
    /// acknowledging or releasing it is a no-op.
    var writtenTag: AMQPDeliveryTag { AMQPDeliveryTag(session: connection.session, value: 0) }

    /// The sequence number of the last page written, to remove through after a flush.
    var lastWritten: UInt64 { state.withLock { $0.written.last ?? 0 } }

    /// Reads every page left by an earlier session, oldest first; they stay unacknowledged until
    /// ``remove(through:)``. A page that cannot be read is returned as `unreadable`, to park.
    /// `anchor` is the earliest window opening the readable pages recorded (``write(_:anchor:)``),
    /// `nil` when none did (pages of an older worker).
    func recover() async throws(AMQPError) -> (entries: [JournalPage.Entry], unreadable: [(AMQPDelivery, String)], anchor: Date?) {
        var entries: [JournalPage.Entry] = [], unreadable: [(AMQPDelivery, String)] = []
        var anchor: Date?
        while let page = try await connection.get(queue) {
            state.withLock { $0.recovered = page.tag }
            do {
                entries += try JournalPage.decode(page.body)
                if let milliseconds = page.properties.headers[MessageHistory.firstSeenHeader]?.intValue {
                    let opened = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
                    anchor = min(anchor ?? opened, opened)
                }
            } catch {
                unreadable.append((page, error.description))
            }
        }
        return (entries, unreadable, anchor)
    }

    /// Writes one page and waits for the broker's confirm; returns its sequence number, or `nil`
    /// when the broker did not take it (the messages then stay kept as deliveries). `anchor`, when
    /// the page's window opened (``WindowAnchor``), is the page's own first-seen header: a window
    /// read back keeps its due time.
    func write(_ page: [UInt8], anchor: Date) async throws(AMQPError) -> UInt64? {
        let sequence = state.withLock { state in
            defer { state.nextSequence += 1 }
            return state.nextSequence
        }
        let message = AMQPOutgoingMessage(
            exchange: "", routingKey: queue,
            properties: AMQPProperties(
                contentType: "application/octet-stream",
                headers: [
                    Self.sequenceHeader: .int64(Int64(sequence)),
                    MessageHistory.firstSeenHeader: .int64(MessageHistory.milliseconds(anchor)),
                ],
                persistent: true, timestamp: Date(), type: "journal.page"),
            body: page)
        let outcomes = try await connection.publish([message])
        guard outcomes.allSatisfy(\.isConfirmed) else { return nil }
        state.withLock { $0.written.append(sequence) }
        return sequence
    }

    /// Removes the pages a settled flush covered: those read at start-up and those written up to
    /// `sequence`. A page written later is put back, untouched.
    func remove(through sequence: UInt64) async throws(AMQPError) {
        let (recovered, count) = state.withLock { state in
            defer { state.recovered = nil }
            return (state.recovered, state.written.prefix { $0 <= sequence }.count)
        }
        if let recovered { try await connection.ack(recovered, multiple: true) }
        for _ in 0..<count {
            guard let page = try await connection.get(queue) else { break }
            let number = page.properties.headers[Self.sequenceHeader]?.intValue.map(UInt64.init) ?? 0
            guard number <= sequence else {
                try await connection.nack(page.tag, requeue: true)
                break
            }
            try await connection.ack(page.tag)
            state.withLock { state in state.written.removeAll { $0 == number } }
        }
    }

    /// Closes the connection; pages not removed stay in the queue for the next session.
    func close() async {
        keepAlive.cancel()
        await connection.close()
    }
}
