public import AMQPLayer
import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
import Synchronization

/// Consumes one work queue in windows with a ``BatchHandler``: the latest message of each key
/// is kept unacknowledged (an older one of the same key is acknowledged at once, superseded),
/// and once per `window` — never more often — the survivors are flushed together
/// (MESSAGES.md "BatchConsumer"; ARCHITECTURE.md: "a batch keeps its deliveries unacknowledged
/// until the batch is accepted").
///
/// Timing: a window opens with the first message of an empty batch and the batch is flushed
/// when it closes, so a message waits at most one window (plus the flush before it); two flushes
/// always start at least `window` apart, retries and pauses included. Messages that arrive while
/// a flush runs form the next batch. A thrown transient failure puts the batch back (a newer
/// message of a key replaces its old one) and flushes again after the retry delay; a thrown auth
/// failure does the same after ``RuntimeSettings/authPause`` and reports the flow paused.
/// A message kept longer than `maximumHold` by such failures is handed to the delay tiers instead
/// (attempt raised, as a per-key transient failure is), so nothing stays unacknowledged near the
/// broker's 30-minute `consumer_timeout` (rabbitmq-recoverability.md §2.4).
///
/// Capacity: a window keeps at most `capacity` keys. One consumer holds at most 65,535
/// unacknowledged deliveries (a quorum queue's "unlimited" prefetch is 2,000), so a larger
/// capacity opens one consumer connection per 65,535 keys. Beyond the capacity the broker stops
/// delivering, and the rest waits in the queue for the next window: memory stays bounded.
///
/// Like ``QueueConsumer``: unknown types and undecodable keys are parked, early (still delayed)
/// messages go round the delay tiers again, a copy is confirmed before its original is
/// acknowledged, the broker connections are re-established with backoff (acknowledgements of an
/// earlier session are ignored: the broker already requeued those deliveries), and a graceful
/// stop lets a running flush finish and settle, while the batch not yet flushed goes back to the
/// queue. A crash at any point redelivers whatever was not acknowledged.
public final class BatchConsumer<Handler: BatchHandler>: Service, Sendable {
    /// Counts since the consumer started, for benchmarks, tests and health checks.
    public struct Progress: Sendable, Equatable {
        /// Deliveries received.
        public var received = 0
        /// Deliveries acknowledged because a newer one of the same key arrived.
        public var superseded = 0
        /// Keys waiting for the next flush.
        public var pendingKeys = 0
        /// Flushes that returned (with or without per-key failures).
        public var flushes = 0
    }

    typealias Key = Handler.Key

    /// A delivery kept for a flush, with when it arrived.
    struct Held: Sendable {
        var message: InboundMessage
        var receivedAt: ContinuousClock.Instant
    }

    /// A batch the handler asked to keep, handed back to the session.
    struct Kept: Sendable {
        var batch: [Key: Held]
        var failure: WorkFailure
    }

    /// What wakes a session up.
    enum Event: Sendable {
        case deliveries([AMQPDelivery])
        case failed(AMQPError)
        case flushed(Kept?)
        case tick
        case stop
    }

    /// When the next flush may start; survives reconnects.
    struct Schedule {
        /// When the pending batch's window opened (`nil` while nothing is pending).
        var opened: ContinuousClock.Instant?
        /// When the last flush started.
        var lastFlush: ContinuousClock.Instant?
        /// A retry delay or auth pause after a failed flush.
        var notBefore: ContinuousClock.Instant?
        /// Consecutive flushes that threw.
        var failures = 0

        func nextFlush(window: Duration) -> ContinuousClock.Instant? {
            guard let opened else { return nil }
            var next = opened + window
            if let lastFlush { next = max(next, lastFlush + window) }
            if let notBefore { next = max(next, notBefore) }
            return next
        }
    }

    let queue: String
    let handler: Handler
    let window: Duration
    let maximumHold: Duration
    let settings: RuntimeSettings
    let publisher: ReliablePublisher
    let logger: Logger
    let copies: MessageCopies
    private let topology: Topology
    private let consumers: Int
    private let prefetch: UInt16
    private let configuration: AMQPConfiguration
    private let stopping = Atomic<Bool>(false)
    private let current = Mutex<AsyncStream<Event>.Continuation?>(nil)
    let counts = Mutex(Progress())

    /// - Parameters:
    ///   - queue: the work queue to consume.
    ///   - parkedQueue: where parked messages go (the worker's parked queue in topology.json).
    ///   - window: the coalescing window; also the shortest time between two flushes.
    ///   - capacity: the most keys one window keeps (one consumer connection per
    ///     `consumerPrefetch` keys).
    ///   - consumerPrefetch: the most unacknowledged deliveries one consumer connection holds
    ///     (65,535, the protocol's maximum, unless a test wants several connections cheaply).
    ///   - maximumHold: the longest a delivery stays unacknowledged across failed flushes before
    ///     it goes to the delay tiers; keep it under the broker's `consumer_timeout` (30 min).
    public init(
        queue: String, parkedQueue: String, handler: Handler, window: Duration, capacity: Int = 65_535,
        consumerPrefetch: UInt16 = .max, maximumHold: Duration = .seconds(20 * 60), settings: RuntimeSettings, topology: Topology,
        publisher: ReliablePublisher, logger: Logger
    ) throws(SettingsError) {
        self.queue = queue
        self.handler = handler
        self.window = window
        let keys = max(1, capacity), perConsumer = Int(max(1, consumerPrefetch))
        self.consumers = (keys + perConsumer - 1) / perConsumer
        self.prefetch = UInt16((keys + consumers - 1) / consumers)
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
        var backoff = Backoff(initial: .milliseconds(200), maximum: settings.reconnectMaxDelay)
        var schedule = Schedule()
        while !isStopping {
            do {
                try await consumeOneSession(schedule: &schedule) {
                    backoff = Backoff(initial: .milliseconds(200), maximum: self.settings.reconnectMaxDelay)
                }
            } catch let error as AMQPError {
                Counter(label: "carrefour_reconnects_total", dimensions: [("queue", queue)]).increment()
                logger.warning("broker connection lost; reconnecting", metadata: ["error": "\(error)"])
                counts.withLock { $0.pendingKeys = 0 }
                await sleep(backoff.next(), unless: { self.isStopping })
            }
        }
        logger.info("consumer stopped")
    }

    /// One broker session: open the consumers, then coalesce and flush until stopped or a
    /// connection fails. The session's deliveries, and the batch being put together, die with it.
    private func consumeOneSession(schedule: inout Schedule, onConnected: () -> Void) async throws {
        let connections = try await ConsumerConnections.open(
            count: consumers, configuration: configuration, topology: topology, queue: queue, prefetch: prefetch)
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
                        position, while: receiving, deliver: { continuation.yield(.deliveries($0)) },
                        fail: { continuation.yield(.failed($0)) })
                }
            }
            if isStopping { continuation.yield(.stop) }
            var pending: [Key: Held] = [:]
            var flushing = false
            var armed: ContinuousClock.Instant?
            for await event in events {
                switch event {
                case .deliveries(let deliveries):
                    await take(deliveries, into: &pending, schedule: &schedule, connections: connections)
                case .failed(let error):
                    sessionError = error
                case .flushed(let kept):
                    flushing = false
                    if let kept { await putBack(kept, into: &pending, schedule: &schedule, connections: connections) }
                case .tick:
                    armed = nil
                case .stop:
                    break
                }
                if sessionError != nil || isStopping { break }
                guard !flushing, !pending.isEmpty, let next = schedule.nextFlush(window: window) else { continue }
                let now = ContinuousClock.now
                if now >= next {
                    let batch = pending
                    pending = [:]
                    schedule.opened = nil
                    schedule.lastFlush = now
                    counts.withLock { $0.pendingKeys = 0 }
                    flushing = true
                    group.addTask { continuation.yield(.flushed(await self.flush(batch, connections: connections))) }
                } else if armed.map({ $0 > next }) ?? true {
                    armed = next
                    group.addTask {
                        try? await Task.sleep(until: next)
                        continuation.yield(.tick)
                    }
                }
            }
            if sessionError == nil {
                // Graceful stop: no new deliveries, but the connections stay serviced (heartbeats)
                // while a running flush finishes and settles. The pending batch goes back at close.
                await connections.cancelConsumers()
            }
            if flushing {
                // A flush is never cut short; after a failure its acknowledgements are void.
                for await event in events {
                    if case .flushed = event { break }
                }
            }
            receiving.lower()
            connections.wake()
            group.cancelAll()  // the timers; receivers return within a second
        }
        continuation.finish()
        await connections.close()
        if let sessionError { throw sessionError }
    }

    func record(_ outcome: String, _ count: Int) {
        guard count > 0 else { return }
        Counter(label: "carrefour_messages_total", dimensions: [("queue", queue), ("outcome", outcome)]).increment(by: count)
    }
}

/// A flag raised at creation, lowered once; shared by a session's tasks.
final class Flag: Sendable {
    private let value = Atomic<Bool>(true)

    var isRaised: Bool { value.load(ordering: .acquiring) }

    func lower() { value.store(false, ordering: .releasing) }
}
