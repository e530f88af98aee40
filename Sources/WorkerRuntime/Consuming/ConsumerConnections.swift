import AMQPLayer
import Synchronization

/// The consumer connections of one ``BatchConsumer`` session, each with its own consumer on the
/// same queue, their receive loops, and the routing of an acknowledgement to the connection that
/// received the delivery.
///
/// One consumer can hold at most 65,535 unacknowledged deliveries (`basic.qos` counts in 16 bits),
/// and a quorum queue turns "unlimited" (0) into 2,000 (rabbit_fifo_client's
/// `UNLIMITED_PREFETCH_COUNT`); a window that keeps more keys than that needs several consumers.
/// librabbitmq connections carry one channel each here (``AMQPConnection``), hence one connection
/// per consumer.
///
/// Acknowledgements are queued and sent by the connection's own receive loop, between two
/// receives, in one call on the connection's thread: a call from another task would wait behind a
/// `receive` in progress, and a batch consumer acknowledges a superseded delivery for nearly every
/// one it receives.
struct ConsumerConnections: Sendable {
    /// The connections, in opening order.
    let all: [AMQPConnection]
    private let consumerTags: [String]
    private let outboxes: [Outbox]
    private let index: [UInt64: Int]
    private let healthy = Flag()

    /// Opens `count` connections, declares the topology on the first, and starts a consumer with
    /// `prefetch` on each; closes what it opened when one step fails.
    static func open(
        count: Int, configuration: AMQPConfiguration, topology: Topology, queue: String, prefetch: UInt16
    ) async throws(AMQPError) -> ConsumerConnections {
        var opened: [AMQPConnection] = []
        var tags: [String] = []
        do throws(AMQPError) {
            for position in 0..<count {
                let connection = try await AMQPConnection.connect(configuration)
                opened.append(connection)
                if position == 0 { try await connection.declare(topology) }
                try await connection.setPrefetch(prefetch)
                tags.append(try await connection.consume(queue))
            }
        } catch {
            for connection in opened { await connection.close() }
            throw error
        }
        return ConsumerConnections(all: opened, consumerTags: tags)
    }

    private init(all: [AMQPConnection], consumerTags: [String]) {
        self.all = all
        self.consumerTags = consumerTags
        self.outboxes = all.map { _ in Outbox() }
        self.index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.session, $0) })
    }

    /// Queues acknowledgements, each for the connection that received the delivery; tags of
    /// another session are dropped (the broker requeued those when that session ended).
    func ack(_ tags: [AMQPDeliveryTag]) {
        route(tags) { $0.acks.append(contentsOf: $1) }
    }

    /// Queues deliveries to go back to the queue, on the connections that received them.
    func requeue(_ tags: [AMQPDeliveryTag]) {
        route(tags) { $0.requeues.append(contentsOf: $1) }
    }

    /// Whether every connection is still up (a receive loop that failed lowers it).
    var isHealthy: Bool { healthy.isRaised }

    /// Connection `position`'s loop: sends what is queued for it, hands what arrives to `deliver`,
    /// until `running` is lowered, then sends what was queued last and returns. A failure is
    /// reported to `fail` and ends the loop.
    func receiveLoop(
        _ position: Int, while running: Flag, deliver: @Sendable ([AMQPDelivery]) -> Void, fail: @Sendable (AMQPError) -> Void
    ) async {
        let connection = all[position], outbox = outboxes[position]
        while true {
            let goOn = running.isRaised
            let pending = outbox.take()
            do throws(AMQPError) {
                let deliveries = try await connection.settleAndReceive(
                    acks: pending.acks, requeues: pending.requeues, maxMessages: goOn ? 4096 : 0)
                if !deliveries.isEmpty { deliver(deliveries) }
            } catch {
                healthy.lower()
                fail(error)
                return
            }
            if !goOn { return }
        }
    }

    /// Makes every pending `receive` return now.
    func wake() {
        for connection in all { connection.wake() }
    }

    /// Stops every consumer (deliveries already received can still be acknowledged).
    func cancelConsumers() async {
        for (connection, tag) in zip(all, consumerTags) {
            connection.wake()
            try? await connection.cancel(consumerTag: tag)
        }
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

    /// What waits to be sent on one connection.
    final class Outbox: Sendable {
        struct Pending {
            var acks: [AMQPDeliveryTag] = []
            var requeues: [AMQPDeliveryTag] = []
        }

        let pending = Mutex(Pending())

        func take() -> Pending {
            pending.withLock { pending in
                defer { pending = Pending() }
                return pending
            }
        }
    }
}

extension AMQPConnection {
    /// Acknowledges and requeues what is given, then (when `maxMessages` > 0) waits up to a second
    /// for deliveries: one call on the connection's thread.
    func settleAndReceive(acks: [AMQPDeliveryTag], requeues: [AMQPDeliveryTag], maxMessages: Int) throws(AMQPError) -> [AMQPDelivery] {
        for tag in acks {
            try ack(tag)
        }
        for tag in requeues {
            try nack(tag, requeue: true)
        }
        guard maxMessages > 0 else { return [] }
        return try receive(maxMessages: maxMessages, timeout: .seconds(1))
    }
}
