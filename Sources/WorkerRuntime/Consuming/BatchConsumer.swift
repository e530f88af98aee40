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

/// Consumes one work queue in windows with a ``BatchHandler``: the latest message of each key is
/// kept, and once per `window` — never more often — the survivors are flushed together; the
/// window's deliveries stay unacknowledged until the flush returned (MESSAGES.md "BatchConsumer";
/// ARCHITECTURE.md: "a batch keeps its deliveries unacknowledged until the batch is accepted").
///
/// Timing: a window opens with the oldest change of an empty batch — when the fleet first saw it
/// (``WindowAnchor``: the `carrefour-first-seen-ms` header, or the journal's record of it), not
/// when this process received it, so a worker restarted at any moment flushes when the first
/// process would have — and the batch is flushed when it closes, so a message waits at most one
/// window (plus the flush before it); in a process, two flushes start at least `window` apart,
/// retries and pauses included. What arrives during a flush forms the next batch. A thrown
/// transient failure puts the batch back (a key's newer message replaces the old) and flushes
/// again after the retry delay; an auth failure, after ``RuntimeSettings/authPause``, reporting
/// the flow paused. A window such failures keep past `maximumHold` goes to the delay tiers (attempt
/// raised): nothing stays unacknowledged near `consumer_timeout` (rabbitmq-recoverability.md §2.4).
///
/// Acknowledgement: always with `multiple`, never one deep delivery at a time (RabbitMQ 3.10 walks
/// a channel's unacknowledged deliveries from the oldest to find a single one, so that would cost
/// time in the number held; see ``DeliveryLedger``). A superseded message is released at once and
/// acknowledged as soon as no held delivery on its connection is older; when a flush returns,
/// everything its window took is acknowledged, after the copies of failed keys (retries, parked)
/// are confirmed. A crash or a stop redelivers what was not acknowledged (each key's latest
/// message at least), and the next window coalesces it again.
///
/// Capacity: a window holds at most `capacity` deliveries. One consumer holds at most 65,535
/// unacknowledged deliveries (`basic.qos` is 16-bit, and a quorum queue's "unlimited" prefetch is
/// 2,000), so a larger capacity opens one consumer connection per 65,535. Beyond the capacity the
/// broker stops delivering and the rest waits in the queue for the next window: memory (one
/// message per key, one byte per unacknowledged delivery) and the broker's count stay bounded.
///
/// Journal (optional, the offer-batcher's): with a journal queue, the kept messages are written
/// down there in pages once the deliveries held on the consumer pass `journalAfter`, and their
/// deliveries are acknowledged as soon as the broker confirmed the page; the consumer goes on
/// receiving while a page is on its way (one at a time; a key superseded meanwhile keeps its newer
/// delivery, written with the next page), and a flush waits for it. The pages are removed when the
/// flush covering them has settled, and a consumer starting up reads the pages left into its first
/// window (see ``WindowJournal``). The window then holds at most `capacity` keys on one consumer
/// connection, the broker about `journalAfter` unacknowledged deliveries (plus what arrives while
/// a page is confirmed, up to the consumer's prefetch, ``journaledPrefetch``).
///
/// Like ``QueueConsumer``: unknown types and undecodable keys are parked, early (still delayed)
/// messages go round the delay tiers again, a copy is confirmed before its original is
/// acknowledged, the broker connections are re-established with backoff (acknowledgements of an
/// earlier session are ignored: the broker already requeued those deliveries), and a graceful
/// stop lets a running flush finish and settle, while the window not yet flushed goes back to the
/// queue. A crash at any point redelivers whatever was not acknowledged.
///
/// Structure: the decisions (what to keep, release, write down, flush, put back) are a pure state
/// machine, ``Core``, tested without a broker; this class is its driver on the AMQP layer — the
/// connections, receive loops, timers, the handler, copies and acknowledgements.
public final class BatchConsumer<Handler: BatchHandler>: Service, Sendable {
    /// Counts since the consumer started, for benchmarks, tests and health checks.
    public struct Progress: Sendable, Equatable {
        /// Deliveries received.
        public var received = 0
        /// The chunks they came in from the receive loops (one hand-off to the session each).
        public var chunks = 0
        /// Deliveries superseded by a newer one of the same key (acknowledged with their window).
        public var superseded = 0
        /// Keys waiting for the next flush.
        public var pendingKeys = 0
        /// Flushes that returned (with or without per-key failures).
        public var flushes = 0
        /// Kept messages written to the journal, and the pages that held them.
        public var journaled = 0
        public var journalPages = 0
    }

    typealias Key = Handler.Key

    /// A batch the handler asked to keep, handed back to the session.
    struct Kept: Sendable {
        /// Each key's message (a key appears once).
        var batch: [(key: Key, value: HeldMessage)]
        var failure: WorkFailure
        /// What the flushed window took: the highest delivery tag on each consumer.
        var taken: [AMQPDeliveryTag]
        /// When the oldest delivery of that window arrived.
        var since: ContinuousClock.Instant
        /// When that window opened (its oldest change's anchor, see ``WindowAnchor``).
        var opened: ContinuousClock.Instant
        /// The last journal page the window's messages were written to.
        var journaled: UInt64
    }

    /// What a delivery turned out to be, read on its receive loop's task.
    enum Arrival: Sendable {
        /// A message of `key`, to coalesce, and the wall-clock time its window counts from.
        case message(Key, HeldMessage, anchor: Date)
        /// A delayed message back before it is due.
        case early(Key, InboundMessage, remaining: Duration)
        /// An unknown type or an undecodable key: parked with the reason.
        case refused(AMQPDelivery, MessageHistory, reason: String)
    }

    /// How a flush ended.
    enum FlushOutcome: Sendable {
        /// Done; the window up to these tags is acknowledged.
        case settled([AMQPDeliveryTag])
        /// The handler asked to keep the batch.
        case kept(Kept)
        /// Its copies were not confirmed while a journal holds part of the window: the session
        /// ends without acknowledging, and the next one reads the journal again.
        case broken(AMQPError)
    }

    /// A journal page on its way to the broker: which delivery of which key it holds.
    struct PageInFlight: Sendable {
        /// The page (emptied once sent).
        var bytes: [UInt8]
        /// When the window it belongs to opened (wall clock), recorded with the page.
        var anchor: Date
        /// Each entry's place in the window (``Window``, which holds its key), the delivery written.
        var entries: [(place: Int, tag: AMQPDeliveryTag)]
        /// Whether the broker confirmed it.
        var written = false
    }

    /// What wakes a session up.
    enum Event: Sendable {
        /// A receive loop's deliveries, optional so that ``Core/take(_:at:date:)`` moves each out;
        /// `taken` is opened once taken (the loop waits for it before handing over another chunk).
        case deliveries([Arrival?], taken: ConsumerConnections.Gate)
        case failed(AMQPError)
        /// A receive loop ended.
        case receiverEnded
        case flushed(FlushOutcome)
        /// A journal page came back from the broker, written or not.
        case journaled(PageInFlight)
        case tick
        case stop
    }

    let queue: String
    let handler: Handler
    /// The handler's accepted types, read once.
    let acceptedTypes: Set<String>
    let window: Duration
    let maximumHold: Duration
    let settings: RuntimeSettings
    let publisher: ReliablePublisher
    let logger: Logger
    let copies: MessageCopies
    private let topology: Topology
    private let consumers: Int
    private let prefetch: UInt16
    /// The most keys a window holds (journal only; without one the prefetch bounds it).
    let keyCapacity: Int
    let journalQueue: String?
    let journalAfter: Int
    /// How many deliveries a journaling consumer holds before it writes a page, by default.
    /// RabbitMQ delivers more slowly to a consumer that holds many unacknowledged deliveries
    /// (BENCHMARKS.md, the offer benchmark: `multiple` acknowledgements every 32,768 deliveries
    /// cost a fifth of the rate, every 2,048 nothing), so pages are small and frequent; the
    /// consumer goes on receiving while one is confirmed, and the next page takes what came
    /// meanwhile.
    public static var defaultJournalAfter: Int { 1024 }
    /// A journaling consumer's prefetch: four pages of ``defaultJournalAfter`` (at least four of
    /// its own `journalAfter`). A page's deliveries are acknowledged once it is confirmed, so room
    /// for a few pages keeps the consumer receiving meanwhile, and a quorum queue delivers more
    /// slowly to a consumer allowed to hold many (BENCHMARKS.md, "A journaling consumer's
    /// prefetch": 4,096 instead of 65,535 took the offer benchmark's median from 0.77 to 0.84).
    static var journaledPrefetch: Int { 4096 }
    private let configuration: AMQPConfiguration
    private let stopping = Atomic<Bool>(false)
    private let current = Mutex<AsyncStream<Event>.Continuation?>(nil)
    let counts = Mutex(Progress())

    /// - Parameters:
    ///   - queue: the work queue to consume.
    ///   - parkedQueue: where parked messages go (the worker's parked queue in topology.json).
    ///   - window: the coalescing window; also the shortest time between two flushes.
    ///   - capacity: the most deliveries one window holds (one consumer connection per
    ///     `consumerPrefetch` of them); with a journal, the most keys.
    ///   - consumerPrefetch: the most unacknowledged deliveries one consumer connection holds
    ///     (65,535, the protocol's maximum, unless a test wants several connections cheaply; with a
    ///     journal, at most ``journaledPrefetch`` or four pages).
    ///   - journal: the journal queue (topology.json), or `nil` to hold every kept delivery.
    ///   - journalAfter: how many deliveries the consumer holds before it writes the kept
    ///     messages to the journal (default ``defaultJournalAfter``, at most half the prefetch).
    ///   - maximumHold: the longest a delivery stays unacknowledged across failed flushes before
    ///     it goes to the delay tiers; keep it under the broker's `consumer_timeout` (30 min).
    public init(
        queue: String, parkedQueue: String, handler: Handler, window: Duration, capacity: Int = 65_535,
        consumerPrefetch: UInt16 = .max, journal: String? = nil, journalAfter: Int? = nil,
        maximumHold: Duration = .seconds(20 * 60), settings: RuntimeSettings, topology: Topology,
        publisher: ReliablePublisher, logger: Logger
    ) throws(SettingsError) {
        self.queue = queue
        self.handler = handler
        self.acceptedTypes = handler.acceptedTypes
        self.window = window
        let keys = max(1, capacity), perConsumer = Int(max(1, consumerPrefetch))
        let journalAfter = max(1, min(journalAfter ?? Self.defaultJournalAfter, perConsumer / 2))
        if journal != nil {
            self.consumers = 1
            self.prefetch = UInt16(min(perConsumer, max(Self.journaledPrefetch, 4 * journalAfter)))
        } else {
            self.consumers = (keys + perConsumer - 1) / perConsumer
            self.prefetch = UInt16((keys + consumers - 1) / consumers)
        }
        self.keyCapacity = keys
        self.journalQueue = journal
        self.journalAfter = journalAfter
        self.maximumHold = maximumHold
        self.settings = settings
        self.topology = topology
        self.publisher = publisher
        var logger = logger
        logger[metadataKey: "queue"] = .string(queue)
        self.logger = logger
        self.copies = MessageCopies(queue: queue, parkedQueue: parkedQueue, topology: topology, settings: settings)
        do {
            self.configuration = try AMQPConfiguration(url: settings.amqpURL, connectionName: "batch consumer \(queue)")
        } catch {
            throw SettingsError(setting: "CARREFOUR_AMQP_URL", problem: error.description)
        }
    }

    /// Counts since start.
    public var progress: Progress { counts.withLock { $0 } }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.consumeUntilStopped()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.current.withLock { $0 }?.yield(.stop)
        }
    }

    var isStopping: Bool { stopping.load(ordering: .relaxed) || Task.isCancelled }

    private func consumeUntilStopped() async throws {
        var core = Core(window: window, maximumHold: maximumHold)
        try await Reconnecting(initial: .milliseconds(200), maximum: settings.reconnectMaxDelay)
            .sessions(stop: { self.isStopping }) { error, _ in
                guard let error = error as? AMQPError else { throw error }
                Counter(label: "carrefour_reconnects_total", dimensions: [("queue", queue)]).increment()
                logger.warning("broker connection lost; reconnecting", metadata: ["error": "\(error)"])
                counts.withLock { $0.pendingKeys = 0 }
            } session: { connected in try await consumeOneSession(core: &core, onConnected: connected) }
        logger.info("consumer stopped")
    }

    /// One broker session: open the consumers, then coalesce and flush until stopped or a
    /// connection fails. The session's deliveries, and the batch being put together, die with it.
    /// The session drives `core` (``Core``): it feeds it what happens and carries out what it asks.
    private func consumeOneSession(core: inout Core, onConnected: () -> Void) async throws {
        let (connections, journal) = try await openSession(core: &core)
        onConnected()
        logger.info("consuming in windows", metadata: [
            "window": "\(SettingsSource.format(window))", "consumers": "\(consumers)", "prefetch": "\(prefetch)",
        ])
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        current.withLock { $0 = continuation }
        defer { current.withLock { $0 = nil } }
        let receiving = Flag()
        var sessionError: AMQPError?
        await withDiscardingTaskGroup { group in
            for position in connections.all.indices {
                group.addTask {
                    await connections.receiveLoop(
                        position, queue: self.queue, while: receiving,
                        prepare: { Optional(self.arrival(of: $0, at: $1)) }, deliver: { continuation.yield(.deliveries($0, taken: $1)) },
                        fail: { continuation.yield(.failed($0)) })
                    continuation.yield(.receiverEnded)
                }
            }
            if isStopping { continuation.yield(.stop) }
            // The schedule is read once at the start: a window read back from the journal is then
            // flushed when it ends even if no delivery ever comes (every one was acknowledged).
            continuation.yield(.tick)
            var armed: ContinuousClock.Instant?
            var receivers = connections.all.count
            for await event in events {
                sessionError = await apply(event, to: &core, receivers: &receivers, armed: &armed, journal: journal, connections: connections)
                if sessionError != nil || isStopping { break }
                advance(&core, group: &group, armed: &armed, continuation: continuation, journal: journal, connections: connections)
            }
            if sessionError == nil {
                // Graceful stop: no new deliveries, but the connections stay serviced (heartbeats)
                // while a running flush finishes and settles. The pending batch goes back at close.
                for position in connections.all.indices { connections.setConsuming(position, false) }
            }
            await drain(events, core: &core, receivers: receivers, receiving: receiving, connections: connections)
            group.cancelAll()  // the timers
        }
        continuation.finish()
        await connections.close()
        await journal?.close()
        if let sessionError { throw sessionError }
    }

    /// Opens the consumer connections and the journal, and reads the journal back into `core`.
    private func openSession(core: inout Core) async throws(AMQPError) -> (ConsumerConnections, WindowJournal?) {
        let connections = try await ConsumerConnections.open(
            count: consumers, configuration: configuration, topology: topology, prefetch: prefetch)
        var journal: WindowJournal?
        do throws(AMQPError) {
            if let journalQueue {
                var named = configuration
                named.connectionName = "batch journal \(queue)"
                journal = try await WindowJournal.open(queue: journalQueue, configuration: named)
            }
            core.startSession(writtenSession: journal?.writtenTag.session)
            if let journal { try await recover(from: journal, into: &core) }
        } catch {
            await journal?.close()
            await connections.close()
            throw error
        }
        return (connections, journal)
    }

    /// Feeds one event to `core` and carries out what it asks; returns the error that ends the
    /// session, if any.
    private func apply(
        _ event: Event, to core: inout Core, receivers: inout Int, armed: inout ContinuousClock.Instant?, journal: WindowJournal?,
        connections: ConsumerConnections
    ) async -> AMQPError? {
        switch event {
        case .deliveries(let deliveries, let taken):
            await take(deliveries, into: &core, connections: connections)
            taken.open()
        case .journaled(let page):
            if let journal { finish(page, into: &core, journal: journal, connections: connections) }
        case .receiverEnded:
            receivers -= 1
            return nil
        case .failed(let error):
            return error
        case .flushed(.settled(let taken)):
            core.flushSettled(taken)
        case .flushed(.kept(let kept)):
            let putBack = await putBack(kept, into: &core, journal: journal, connections: connections)
            rotate(core.held, connections: connections)
            return putBack ? nil : .connectionFailed("a held window's copies were not confirmed")
        case .flushed(.broken(let error)):
            core.flushBroken()
            return error
        case .tick:
            armed = nil
            return nil
        case .stop:
            return nil
        }
        rotate(core.held, connections: connections)
        return nil
    }

    /// After an event: starts the next journal page (one at a time, written while deliveries keep
    /// coming; a flush waits for it, so that the pages it removes are exactly those written
    /// before it), then the flush when it is due, or a timer for when it will be.
    private func advance(
        _ core: inout Core, group: inout DiscardingTaskGroup, armed: inout ContinuousClock.Instant?,
        continuation: AsyncStream<Event>.Continuation, journal: WindowJournal?, connections: ConsumerConnections
    ) {
        if let journal, let page = core.startPage(journalAfter: journalAfter, at: .now, date: Date()) {
            group.addTask { continuation.yield(.journaled(await self.write(page, to: journal))) }
        }
        switch core.next(at: .now) {
        case .flush(let start):
            let journaled = journal?.lastWritten ?? 0, held = HeldBatch(start.batch), (taken, since, opened) = (start.taken, start.since, start.opened)
            counts.withLock { $0.pendingKeys = 0 }
            group.addTask {
                continuation.yield(.flushed(await self.flush(
                    held, taken: taken, since: since, opened: opened, journaled: journaled,
                    journal: journal, connections: connections)))
            }
            rotate(core.held, connections: connections)
        case .wait(let due):
            guard armed.map({ $0 > due }) ?? true else { return }
            armed = due
            group.addTask {
                try? await Task.sleep(until: due)
                continuation.yield(.tick)
            }
        case .idle:
            return
        }
    }

    /// The session's end: a flush is never cut short (after a failure its acknowledgements are
    /// void), nor a page on its way; then the receive loops send what is queued and end. Chunks
    /// still arriving are dropped: the broker redelivers them.
    private func drain(
        _ events: AsyncStream<Event>, core: inout Core, receivers: Int, receiving: Flag, connections: ConsumerConnections
    ) async {
        var receivers = receivers
        var iterator = events.makeAsyncIterator()
        while core.flushing || core.writing || receivers > 0 {
            if !core.flushing && receiving.isRaised {
                receiving.lower()
                connections.wake()
            }
            guard let event = await iterator.next() else { break }
            switch event {
            case .deliveries(_, let taken): taken.open()
            case .receiverEnded: receivers -= 1
            case .flushed: core.flushBroken()
            case .journaled: core.writing = false
            case .failed, .tick, .stop: break
            }
        }
    }

    /// Keeps one connection consuming: a nearly full one stops, and the one holding the fewest
    /// deliveries takes over while it has room (see ``ConsumerConnections``).
    private func rotate(_ held: Window, connections: ConsumerConnections) {
        if journalQueue != nil {
            // One connection, whose prefetch bounds what it holds: only a full window stops it.
            let consume = held.keyCount < keyCapacity
            for position in connections.all.indices where connections.consumes(position) != consume {
                connections.setConsuming(position, consume)
            }
            return
        }
        let full = Int(prefetch) - Int(prefetch) / 10
        var active = false
        for position in connections.all.indices where connections.consumes(position) {
            if held.outstanding(on: connections.all[position].session) >= full {
                connections.setConsuming(position, false)
            } else {
                active = true
            }
        }
        guard !active, let emptiest = connections.all.indices.min(by: {
            held.outstanding(on: connections.all[$0].session) < held.outstanding(on: connections.all[$1].session)
        }), held.outstanding(on: connections.all[emptiest].session) < full else { return }
        connections.setConsuming(emptiest, true)
    }

    func record(_ outcome: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: "carrefour_messages_total", dimensions: [("queue", queue), ("outcome", outcome)]).increment(by: count)
    }
}
