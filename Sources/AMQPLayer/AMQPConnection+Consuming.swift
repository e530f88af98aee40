import CRabbitMQ
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Consuming: prefetch, consumers, receiving deliveries, basic.get and acknowledgements.
extension AMQPConnection {
    /// Sets how many unacknowledged deliveries the broker may send this consumer at once.
    public func setPrefetch(_ count: UInt16) throws(AMQPError) {
        let state = try live()
        amqp_basic_qos(state, Self.channel, 0, count, 0)
        try check(amqp_get_rpc_reply(state), "basic.qos")
        prefetch = count
    }

    /// Starts consuming a queue with manual acknowledgements; returns the consumer tag.
    @discardableResult
    public func consume(_ queue: String, exclusive: Bool = false, arguments: AMQPTable = [:]) throws(AMQPError) -> String {
        let state = try live()
        let arena = CArena()
        let ok = amqp_basic_consume(state, Self.channel, arena.bytes(queue), amqp_bytes_t(len: 0, bytes: nil), 0, 0, exclusive ? 1 : 0, arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "basic.consume \(queue)")
        guard let ok else { throw .connectionFailed("basic.consume \(queue): no reply") }
        let tag = ok.pointee.consumer_tag.string
        consumerQueues[tag] = queue
        return tag
    }

    /// Stops a consumer: no new deliveries; those already received can still be acknowledged.
    public func cancel(consumerTag: String) throws(AMQPError) {
        let state = try live()
        let arena = CArena()
        amqp_basic_cancel(state, Self.channel, arena.bytes(consumerTag))
        try check(amqp_get_rpc_reply(state), "basic.cancel")
        consumerQueues[consumerTag] = nil
    }

    /// Waits up to `timeout` for deliveries and returns those available (up to `maxMessages`),
    /// or an empty array when none came. ``wake()`` from any thread makes it return early.
    ///
    /// With `atLeast`, once a first delivery came, it waits up to `gathering` more for that many
    /// before it returns (``wake()`` still returns at once): a consumer that hands every batch to
    /// another thread then hands over fewer, larger ones instead of each burst the socket brings.
    public func receive(maxMessages: Int, timeout: Duration, atLeast: Int = 1, gathering: Duration = .zero) throws(AMQPError) -> [AMQPDelivery] {
        var out: [AMQPDelivery] = []
        out.reserveCapacity(min(maxMessages, 256))
        try receive(maxMessages: maxMessages, timeout: timeout, atLeast: atLeast, gathering: gathering) { out.append($0) }
        return out
    }

    /// ``receive(maxMessages:timeout:atLeast:gathering:)`` handing each delivery to `take` as
    /// soon as it is read, in order, rather than collecting them: a consumer that turns each into
    /// something smaller keeps no array of whole deliveries. Returns how many it handed over.
    @discardableResult
    public func receive(
        maxMessages: Int, timeout: Duration, atLeast: Int = 1, gathering: Duration = .zero, each take: (consuming AMQPDelivery) -> Void
    ) throws(AMQPError) -> Int {
        let state = try live()
        var count = 0
        var gatheredBy: ContinuousClock.Instant?
        if !bufferedDeliveries.isEmpty {
            let buffered = min(maxMessages, bufferedDeliveries.count)
            for delivery in bufferedDeliveries.prefix(buffered) { take(delivery) }
            bufferedDeliveries.removeFirst(buffered)
            count = buffered
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while count < maxMessages {
            let buffered = amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0
            var wait: Duration = .zero
            if count == 0 && !buffered {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else { break }
                if let wakeup {
                    switch wakeup.wait(socket: amqp_get_sockfd(state), timeout: remaining) {
                    case .woken, .timedOut: return count
                    case .readable: wait = .milliseconds(200)
                    }
                } else {
                    wait = min(remaining, .milliseconds(100))
                }
            } else if !buffered {
                // Nothing decoded is left: take what already sits in the kernel's socket buffer
                // too (a zero-time poll), so one call returns a full batch rather than a few, and
                // below `atLeast` what comes within `gathering`.
                guard let wakeup else { break }
                let by = gatheredBy ?? ContinuousClock.now.advanced(by: gathering)
                gatheredBy = by
                let patience = count < atLeast ? max(.zero, ContinuousClock.now.duration(to: by)) : .zero
                guard wakeup.wait(socket: amqp_get_sockfd(state), timeout: patience) == .readable else { break }
                wait = .milliseconds(200)
            }
            amqp_maybe_release_buffers(state)
            // The frames themselves, not `amqp_consume_message`: that mallocs copies of three
            // names, a 4 KiB property pool and the body for every delivery, only to free them
            // once copied (rabbitmq-c, amqp_consumer.c); here the Swift values are the only copy.
            var frame = amqp_frame_t()
            var tv = timeval(wait)
            let status = amqp_simple_wait_frame_noblock(state, &frame, &tv)
            if status == AMQP_STATUS_TIMEOUT.rawValue {
                if wakeup == nil && count == 0 { continue }
                break
            }
            try checkStatus(status, "consuming")
            guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { continue }
            let method = frame.payload.method
            switch method.id {
            case AMQP_BASIC_DELIVER_METHOD:
                let deliver = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
                let (properties, body) = try readContent(state, "basic.deliver")
                take(delivery(deliver, properties: properties, body: body))
                count += 1
            case AMQP_BASIC_ACK_METHOD, AMQP_BASIC_NACK_METHOD:
                continue  // a late confirm from a publish that timed out
            default:
                try handleUnexpected(method, during: "consuming")
            }
        }
        return count
    }

    /// Fetches one message with `basic.get` (manual acknowledgement), or `nil` when the queue is empty.
    public func get(_ queue: String) throws(AMQPError) -> AMQPDelivery? {
        let state = try live()
        // librabbitmq decodes every frame into the channel's pool and frees it only when asked:
        // without this, a connection that only gets (a window journal read back or removed
        // after a flush) keeps every message body it ever read (BENCHMARKS.md, offer coalescing).
        amqp_maybe_release_buffers(state)
        let arena = CArena()
        let reply = amqp_basic_get(state, Self.channel, arena.bytes(queue), 0)
        try check(reply, "basic.get \(queue)")
        guard reply.reply.id == AMQP_BASIC_GET_OK_METHOD, let decoded = reply.reply.decoded else { return nil }
        let ok = decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
        let tag = ok.delivery_tag, redelivered = ok.redelivered != 0
        let exchange = ok.exchange.string, routingKey = ok.routing_key.string
        let (properties, body) = try readContent(state, "basic.get")
        return AMQPDelivery(
            tag: AMQPDeliveryTag(session: session, value: tag), exchange: exchange, routingKey: routingKey,
            redelivered: redelivered, consumerTag: "", properties: properties, body: body)
    }

    /// Acknowledges a delivery (and, with `multiple`, every earlier one). A tag from an earlier
    /// session is ignored: the broker already requeued that message when the session ended.
    public func ack(_ tag: AMQPDeliveryTag, multiple: Bool = false) throws(AMQPError) {
        guard tag.session == session else { return }
        let state = try live()
        let status = amqp_basic_ack(state, Self.channel, tag.value, multiple ? 1 : 0)
        try checkStatus(status, "basic.ack")
    }

    /// Negatively acknowledges a delivery: back to the queue (`requeue`) or dead-lettered.
    public func nack(_ tag: AMQPDeliveryTag, multiple: Bool = false, requeue: Bool) throws(AMQPError) {
        guard tag.session == session else { return }
        let state = try live()
        let status = amqp_basic_nack(state, Self.channel, tag.value, multiple ? 1 : 0, requeue ? 1 : 0)
        try checkStatus(status, "basic.nack")
    }

    /// Rejects one delivery: back to the queue (`requeue`) or dead-lettered.
    public func reject(_ tag: AMQPDeliveryTag, requeue: Bool) throws(AMQPError) {
        guard tag.session == session else { return }
        let state = try live()
        let status = amqp_basic_reject(state, Self.channel, tag.value, requeue ? 1 : 0)
        try checkStatus(status, "basic.reject")
    }

    /// Makes a waiting ``receive(maxMessages:timeout:)`` return now, so that calls queued behind
    /// it (acks, publishes) run without waiting for its timeout. Safe from any thread.
    public nonisolated func wake() {
        wakeup?.signal()
    }
}
