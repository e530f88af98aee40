import AMQPLayer

/// The consumer connections of one ``BatchConsumer`` session, each with its own consumer on the
/// same queue, and the routing of an acknowledgement to the connection that received the delivery.
///
/// One consumer can hold at most 65,535 unacknowledged deliveries (`basic.qos` counts in 16 bits),
/// and a quorum queue turns "unlimited" (0) into 2,000 (rabbit_fifo_client's
/// `UNLIMITED_PREFETCH_COUNT`); a window that keeps more keys than that needs several consumers.
/// librabbitmq connections carry one channel each here (``AMQPConnection``), hence one connection
/// per consumer.
struct ConsumerConnections: Sendable {
    /// The connections, in opening order.
    let all: [AMQPConnection]
    /// Each connection's consumer tag.
    let consumerTags: [String]
    private let bySession: [UInt64: AMQPConnection]

    /// Opens `count` connections, declares the topology on the first, and starts a consumer with
    /// `prefetch` on each; closes what it opened when one step fails.
    static func open(
        count: Int, configuration: AMQPConfiguration, topology: Topology, queue: String, prefetch: UInt16
    ) async throws(AMQPError) -> ConsumerConnections {
        var opened: [AMQPConnection] = []
        var tags: [String] = []
        do throws(AMQPError) {
            for index in 0..<count {
                let connection = try await AMQPConnection.connect(configuration)
                opened.append(connection)
                if index == 0 { try await connection.declare(topology) }
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
        self.bySession = Dictionary(uniqueKeysWithValues: all.map { ($0.session, $0) })
    }

    /// Acknowledges each delivery on the connection that received it; tags of another session
    /// are skipped (the broker requeued those when that session ended).
    func ack(_ tags: [AMQPDeliveryTag]) async throws(AMQPError) {
        for (session, group) in Self.grouped(tags) {
            guard let connection = bySession[session] else { continue }
            connection.wake()
            try await connection.ackAll(group)
        }
    }

    /// Returns deliveries to the queue, on the connections that received them.
    func requeue(_ tags: [AMQPDeliveryTag]) async {
        for (session, group) in Self.grouped(tags) {
            guard let connection = bySession[session] else { continue }
            connection.wake()
            try? await connection.nackAll(group)
        }
    }

    /// Whether every connection is still open.
    func isOpen() async -> Bool {
        for connection in all where await !connection.isOpen { return false }
        return true
    }

    /// Makes every pending `receive` return now.
    func wake() {
        for connection in all { connection.wake() }
    }

    /// Stops every consumer (deliveries already received can still be acknowledged).
    func cancelConsumers() async {
        for (connection, tag) in zip(all, consumerTags) {
            try? await connection.cancel(consumerTag: tag)
        }
    }

    /// Closes every connection; what is unacknowledged goes back to the queue.
    func close() async {
        for connection in all { await connection.close() }
    }

    private static func grouped(_ tags: [AMQPDeliveryTag]) -> [UInt64: [AMQPDeliveryTag]] {
        guard let first = tags.first else { return [:] }
        if tags.allSatisfy({ $0.session == first.session }) { return [first.session: tags] }
        return Dictionary(grouping: tags, by: \.session)
    }
}

extension AMQPConnection {
    /// Acknowledges many deliveries in one call on the connection's thread.
    func ackAll(_ tags: [AMQPDeliveryTag]) throws(AMQPError) {
        for tag in tags {
            try ack(tag)
        }
    }

    /// Returns many deliveries to their queue in one call on the connection's thread.
    func nackAll(_ tags: [AMQPDeliveryTag]) throws(AMQPError) {
        for tag in tags {
            try nack(tag, requeue: true)
        }
    }
}
