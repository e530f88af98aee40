import AMQPLayer
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The consumer connections of one ``BatchConsumer`` session, their receive loops, which of them
/// consumes, and the routing of an acknowledgement to the connection that received the delivery.
///
/// One consumer can hold at most 65,535 unacknowledged deliveries (`basic.qos` counts in 16 bits),
/// and a quorum queue turns "unlimited" (0) into 2,000 (rabbit_fifo_client's
/// `UNLIMITED_PREFETCH_COUNT`); a window that holds more needs several consumers. librabbitmq
/// connections carry one channel each here (``AMQPConnection``), hence one connection per
/// consumer. Only one consumes at a time: when it is nearly full it is cancelled (what it holds
/// stays unacknowledged, and acknowledgeable) and the next one takes over. A quorum queue pushes
/// a new consumer its whole prefetch at once, and several consumers filled together take the
/// queue in small interleaved pieces: a million messages took half as long again.
///
/// Acknowledgements are queued and sent by the connection's own receive loop, between two
/// receives, in one call on the connection's thread: a call from another task would wait behind a
/// `receive` in progress.
struct ConsumerConnections: Sendable {
    /// The connections, in opening order.
    let all: [AMQPConnection]
    private let outboxes: [Outbox]
    private let index: [UInt64: Int]
    private let healthy = Flag()

    /// Opens `count` connections with `prefetch` each (the topology declared on the first, the
    /// others opened at once); closes what it opened when one fails. The first one consumes.
    static func open(
        count: Int, configuration: AMQPConfiguration, topology: Topology, prefetch: UInt16
    ) async throws(AMQPError) -> ConsumerConnections {
        @Sendable func connection(declaring: Bool) async -> Result<AMQPConnection, AMQPError> {
            let connection: AMQPConnection
            do throws(AMQPError) {
                connection = try await AMQPConnection.connect(configuration)
            } catch {
                return .failure(error)
            }
            do throws(AMQPError) {
                if declaring { try await connection.declare(topology) }
                try await connection.setPrefetch(prefetch)
                return .success(connection)
            } catch {
                await connection.close()
                return .failure(error)
            }
        }
        var outcomes = [await connection(declaring: true)]
        if case .success = outcomes[0], count > 1 {
            outcomes += await withTaskGroup(of: Result<AMQPConnection, AMQPError>.self) { group in
                for _ in 1..<count { group.addTask { await connection(declaring: false) } }
                var rest: [Result<AMQPConnection, AMQPError>] = []
                for await outcome in group { rest.append(outcome) }
                return rest
            }
        }
        var opened: [AMQPConnection] = []
        var failure: AMQPError?
        for outcome in outcomes {
            switch outcome {
            case .success(let connection): opened.append(connection)
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure {
            for connection in opened { await connection.close() }
            throw failure
        }
        return ConsumerConnections(all: opened)
    }

    private init(all: [AMQPConnection]) {
        self.all = all
        self.outboxes = all.map { _ in Outbox() }
        self.index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.session, $0) })
        outboxes.first?.pending.withLock { $0.consume = true }
    }

    /// The position of the connection of `session`.
    func position(of session: UInt64) -> Int? { index[session] }

    /// Whether connection `position` is asked to consume.
    func consumes(_ position: Int) -> Bool {
        outboxes[position].pending.withLock { $0.consume }
    }

    /// Asks connection `position` to consume, or to stop consuming (what it holds stays
    /// acknowledgeable).
    func setConsuming(_ position: Int, _ consume: Bool) {
        outboxes[position].pending.withLock { $0.consume = consume }
        all[position].wake()
    }

    /// Queues acknowledgements, each for the connection that received the delivery; tags of
    /// another session are dropped (the broker requeued those when that session ended).
    func ack(_ tags: [AMQPDeliveryTag]) {
        route(tags) { $0.acks.append(contentsOf: $1) }
    }

    /// Queues, for each consumer, the acknowledgement of every delivery up to its tag in `taken`
    /// (`multiple`), sent after what is already queued for that connection.
    func ack(upTo taken: [AMQPDeliveryTag]) {
        for tag in taken {
            guard let position = index[tag.session] else { continue }
            outboxes[position].pending.withLock { pending in
                if let current = pending.upTo, current > tag { return }
                pending.upTo = tag
            }
            all[position].wake()
        }
    }

    /// Queues deliveries to go back to the queue, on the connections that received them.
    func requeue(_ tags: [AMQPDeliveryTag]) {
        route(tags) { $0.requeues.append(contentsOf: $1) }
    }

    /// Whether every connection is still up (a receive loop that failed lowers it).
    var isHealthy: Bool { healthy.isRaised }

    /// Connection `position`'s loop: starts or cancels its consumer as asked, sends what is
    /// queued for it, turns each delivery into an item with `prepare` as it is read (given when
    /// the chunk's first was), hands the chunk to `deliver` with a gate the session opens once it
    /// took it (the loop waits for the oldest of ``chunksInFlight`` before handing over another,
    /// so memory holds at most that many chunks per connection), until `running` is lowered; then
    /// it cancels its consumer, sends what was queued last and returns. A failure is reported to
    /// `fail` and ends the loop.
    func receiveLoop<Item: Sendable>(
        _ position: Int, queue: String, while running: Flag, prepare: @Sendable (consuming AMQPDelivery, Date) -> Item,
        deliver: @Sendable ([Item], Gate) -> Void, fail: @Sendable (AMQPError) -> Void
    ) async {
        await all[position].receiveLoop(
            queue: queue, outbox: outboxes[position], while: running, healthy: healthy, prepare: prepare, deliver: deliver, fail: fail)
    }

    /// How many chunks a receive loop hands over before it waits for the oldest to be taken: a
    /// session busy writing a journal page then does not stop the socket being read.
    static let chunksInFlight = 4

    /// How many deliveries a receive loop gathers before it hands a chunk over, and for how long
    /// at most once the first came: each hand-off wakes the session's thread, and a consumer
    /// whose prefetch the broker refills in bursts of a few dozen would otherwise hand over each
    /// burst (BENCHMARKS.md, offer coalescing). Acknowledgements still go out at once: queuing
    /// one wakes the loop.
    static let gathering = (atLeast: 512, within: Duration.milliseconds(5))

    /// Makes every pending `receive` return now.
    func wake() {
        for connection in all { connection.wake() }
    }

    /// Closes every connection; what is unacknowledged goes back to the queue.
    func close() async {
        for connection in all { await connection.close() }
    }

    private func route(_ tags: [AMQPDeliveryTag], _ add: (inout Outbox.Pending, [AMQPDeliveryTag]) -> Void) {
        guard let first = tags.first else { return }
        let groups = tags.allSatisfy { $0.session == first.session } ? [first.session: tags] : Dictionary(grouping: tags, by: \.session)
        for (session, group) in groups {
            guard let position = index[session] else { continue }
            outboxes[position].pending.withLock { add(&$0, group) }
            all[position].wake()
        }
    }

    /// Opens once; what waits behind it goes on then.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        func wait() async {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if state.open { return true }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }

        func open() {
            let waiter = state.withLock { state in
                state.open = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// What waits to be sent on one connection, and whether it should consume.
    final class Outbox: Sendable {
        struct Pending {
            var acks: [AMQPDeliveryTag] = []
            var requeues: [AMQPDeliveryTag] = []
            /// Acknowledge everything up to this tag (`multiple`).
            var upTo: AMQPDeliveryTag?
            /// Whether the connection should have a consumer.
            var consume = false
        }

        let pending = Mutex(Pending())

        func take() -> Pending {
            pending.withLock { pending in
                defer { pending = Pending(consume: pending.consume) }
                return pending
            }
        }
    }
}

extension AMQPConnection {
    /// The body of ``ConsumerConnections/receiveLoop(_:queue:while:prepare:deliver:fail:)``,
    /// isolated to the connection: it runs on the connection's own thread from start to end, so a
    /// chunk costs no hop to Swift's cooperative pool and back, and `prepare` (which reads what
    /// each delivery is, see ``BatchConsumer``) runs there too, off the two threads the session
    /// shares with the flush and the journal, as each delivery is read: no chunk of whole
    /// deliveries is built (BENCHMARKS.md, offer coalescing).
    func receiveLoop<Item: Sendable>(
        queue: String, outbox: ConsumerConnections.Outbox, while running: Flag, healthy: Flag,
        prepare: @Sendable (consuming AMQPDelivery, Date) -> Item,
        deliver: @Sendable ([Item], ConsumerConnections.Gate) -> Void, fail: @Sendable (AMQPError) -> Void
    ) async {
        var consumerTag: String?
        var inFlight: [ConsumerConnections.Gate] = []
        while true {
            let goOn = running.isRaised
            let pending = outbox.take()
            let consume = goOn && pending.consume
            do throws(AMQPError) {
                if consume, consumerTag == nil {
                    consumerTag = try self.consume(queue)
                } else if !consume, let tag = consumerTag {
                    try cancel(consumerTag: tag)
                    consumerTag = nil
                }
                try settle(acks: pending.acks, requeues: pending.requeues, upTo: pending.upTo)
                guard goOn else { return }
                var items: [Item] = []
                var read: Date?
                try receive(
                    maxMessages: 4096, timeout: .seconds(1), atLeast: ConsumerConnections.gathering.atLeast,
                    gathering: ConsumerConnections.gathering.within
                ) { delivery in
                    let now = read ?? Date()
                    read = now
                    if items.isEmpty { items.reserveCapacity(ConsumerConnections.gathering.atLeast * 2) }
                    items.append(prepare(delivery, now))
                }
                if !items.isEmpty {
                    if inFlight.count >= ConsumerConnections.chunksInFlight { await inFlight.removeFirst().wait() }
                    let taken = ConsumerConnections.Gate()
                    inFlight.append(taken)
                    deliver(items, taken)
                }
            } catch {
                healthy.lower()
                fail(error)
                return
            }
        }
    }

    /// Acknowledges and requeues what is given, requeues before the `multiple` acknowledgement up
    /// to `upTo` (so it cannot cover them): calls on the connection's thread, between receives.
    func settle(acks: [AMQPDeliveryTag], requeues: [AMQPDeliveryTag], upTo: AMQPDeliveryTag?) throws(AMQPError) {
        for tag in acks {
            try ack(tag)
        }
        for tag in requeues {
            try nack(tag, requeue: true)
        }
        if let upTo {
            try ack(upTo, multiple: true)
        }
    }
}
