import CRabbitMQ
import Foundation
import Synchronization

/// One connection to RabbitMQ with one channel, confined to its own thread.
///
/// librabbitmq reads frames synchronously, so a connection is used by one thread at a time.
/// This actor runs on a ``ConnectionExecutor`` (a dedicated thread): every call below is serialised
/// there and may block that thread, never Swift's cooperative pool. The fleet opens one connection
/// per role (one to consume, one to publish), the practice RabbitMQ recommends so that flow
/// control on publishing never stalls acknowledgements; therefore a connection has exactly one
/// channel, which keeps frame handling simple and correct.
///
/// Deliveries that arrive while the channel waits for publisher confirms are kept and handed out
/// by the next ``receive(maxMessages:timeout:)``.
public actor AMQPConnection {
    private let executor: ConnectionExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Where this connection goes (its description never shows the password).
    public nonisolated let configuration: AMQPConfiguration
    /// Unique per connection in this process: delivery tags from another session are void here.
    public nonisolated let session: UInt64

    private static let sessions = Atomic<UInt64>(0)
    private static let channel: amqp_channel_t = 1

    private var state: amqp_connection_state_t?
    private let wakeup: WakeupFD?
    private var confirmsEnabled = false
    private var nextPublishTag: UInt64 = 1
    private var prefetch: UInt16 = 0
    private var bufferedDeliveries: [AMQPDelivery] = []
    private var consumerQueues: [String: String] = [:]
    private var names = NameCache()

    private init(configuration: AMQPConfiguration) {
        self.configuration = configuration
        self.session = Self.sessions.add(1, ordering: .relaxed).newValue
        self.executor = ConnectionExecutor(name: "amqp-\(configuration.connectionName)")
        self.wakeup = configuration.useTLS ? nil : WakeupFD()
    }

    /// Opens a connection and its channel to `configuration`'s first node, or throws why not
    /// (broker down, credentials refused). ``connect(_:)`` tries every node in turn.
    static func connect(node configuration: AMQPConfiguration) async throws(AMQPError) -> AMQPConnection {
        let connection = AMQPConnection(configuration: configuration)
        do {
            try await connection.open()
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    isolated deinit {
        if let state {
            amqp_destroy_connection(state)
        }
        executor.shutdown()
    }

    /// Whether the connection is open (it becomes false after a failure or ``close()``).
    public var isOpen: Bool { state != nil }

    // MARK: Open and close

    private func open() throws(AMQPError) {
        guard let state = amqp_new_connection() else { throw .connectionFailed("cannot allocate a connection") }
        self.state = state
        let arena = CArena()
        let socket: OpaquePointer?
        if configuration.useTLS {
            socket = amqp_ssl_socket_new(state)
            if let socket {
                amqp_ssl_socket_set_verify_peer(socket, 1)
                amqp_ssl_socket_set_verify_hostname(socket, 1)
                if let path = configuration.caCertificatePath,
                   amqp_ssl_socket_set_cacert(socket, arena.cString(path)) != AMQP_STATUS_OK.rawValue {
                    throw .invalidConfiguration("cannot read the CA certificate file \(path)")
                }
            }
        } else {
            socket = amqp_tcp_socket_new(state)
        }
        guard let socket else { throw .connectionFailed("cannot create a socket") }
        var timeout = timeval(configuration.connectTimeout)
        amqp_set_handshake_timeout(state, &timeout)
        var rpcTimeout = timeval(.seconds(30))
        amqp_set_rpc_timeout(state, &rpcTimeout)
        let status = amqp_socket_open_noblock(socket, arena.cString(configuration.host), Int32(configuration.port), &timeout)
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .connectionFailed("\(configuration): \(Self.errorString(status))")
        }
        var clientProperties = arena.table(["connection_name": .string(configuration.connectionName)])
        let login = crabbitmq_login_plain(
            state, arena.cString(configuration.vhost), 0, 131_072, Int32(configuration.heartbeatSeconds),
            &clientProperties, arena.cString(configuration.user), arena.cString(configuration.password))
        if login.reply_type != AMQP_RESPONSE_NORMAL {
            // RabbitMQ refuses bad credentials or vhosts by closing the connection during login.
            if login.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION
                && (login.library_error == AMQP_STATUS_CONNECTION_CLOSED.rawValue || login.library_error == AMQP_STATUS_SOCKET_CLOSED.rawValue) {
                throw .accessRefused("\(configuration): login refused (user, password or vhost)")
            }
            if login.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION {
                throw .accessRefused("\(configuration): login refused (user, password or vhost)")
            }
            try check(login, "login")
        }
        amqp_channel_open(state, Self.channel)
        try check(amqp_get_rpc_reply(state), "channel.open")
    }

    /// Closes the channel and the connection. Unacknowledged deliveries go back to their queues.
    public func close() {
        guard let state else { return }
        amqp_channel_close(state, Self.channel, Int32(AMQP_REPLY_SUCCESS))
        amqp_connection_close(state, Int32(AMQP_REPLY_SUCCESS))
        amqp_destroy_connection(state)
        self.state = nil
    }

    /// Drops the connection without the closing handshake (after a failure).
    private func abandon() {
        guard let state else { return }
        amqp_destroy_connection(state)
        self.state = nil
    }

    private func live() throws(AMQPError) -> amqp_connection_state_t {
        guard let state else { throw .closed }
        return state
    }

    // MARK: Topology

    /// Declares an exchange (idempotent when the arguments are equal).
    public func declareExchange(
        _ name: String, type: String, durable: Bool = true, autoDelete: Bool = false,
        isInternal: Bool = false, arguments: AMQPTable = [:]
    ) throws(AMQPError) {
        let state = try live()
        let arena = CArena()
        amqp_exchange_declare(
            state, Self.channel, arena.bytes(name), arena.bytes(type), 0, durable ? 1 : 0,
            autoDelete ? 1 : 0, isInternal ? 1 : 0, arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "exchange.declare \(name)")
    }

    /// Declares a queue (idempotent when the arguments are equal) and returns its state.
    @discardableResult
    public func declareQueue(
        _ name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        arguments: AMQPTable = [:]
    ) throws(AMQPError) -> AMQPQueueState {
        let state = try live()
        let arena = CArena()
        let ok = amqp_queue_declare(
            state, Self.channel, arena.bytes(name), 0, durable ? 1 : 0, exclusive ? 1 : 0,
            autoDelete ? 1 : 0, arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "queue.declare \(name)")
        guard let ok else { throw .connectionFailed("queue.declare \(name): no reply") }
        return AMQPQueueState(name: ok.pointee.queue.string, readyMessages: ok.pointee.message_count, consumers: ok.pointee.consumer_count)
    }

    /// Ready messages and consumers of a queue (passive declare), or `nil` when it does not exist.
    public func queueState(_ name: String) throws(AMQPError) -> AMQPQueueState? {
        let state = try live()
        let arena = CArena()
        let ok = amqp_queue_declare(state, Self.channel, arena.bytes(name), 1, 0, 0, 0, amqp_table_t(num_entries: 0, entries: nil))
        do {
            try check(amqp_get_rpc_reply(state), "queue.declare(passive) \(name)")
        } catch .brokerClosed(code: 404, _, _) {
            return nil
        }
        guard let ok else { return nil }
        return AMQPQueueState(name: name, readyMessages: ok.pointee.message_count, consumers: ok.pointee.consumer_count)
    }

    /// Binds a queue to an exchange.
    public func bindQueue(_ queue: String, exchange: String, routingKey: String, arguments: AMQPTable = [:]) throws(AMQPError) {
        let state = try live()
        let arena = CArena()
        amqp_queue_bind(state, Self.channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "queue.bind \(queue) → \(exchange)")
    }

    /// Deletes a queue and its messages.
    public func deleteQueue(_ name: String) throws(AMQPError) {
        let state = try live()
        let arena = CArena()
        amqp_queue_delete(state, Self.channel, arena.bytes(name), 0, 0)
        try check(amqp_get_rpc_reply(state), "queue.delete \(name)")
    }

    /// Deletes an exchange.
    public func deleteExchange(_ name: String) throws(AMQPError) {
        let state = try live()
        let arena = CArena()
        amqp_exchange_delete(state, Self.channel, arena.bytes(name), 0)
        try check(amqp_get_rpc_reply(state), "exchange.delete \(name)")
    }

    // MARK: Publishing

    /// Publishes a batch and waits until the broker confirmed, returned or refused every message.
    ///
    /// Returns one outcome per message, in order. Throws when the connection breaks or the
    /// confirms do not come within `timeout`; then no message of the batch may be taken as
    /// published, and the caller publishes the batch again (at-least-once).
    public func publish(_ messages: [AMQPOutgoingMessage], timeout: Duration = .seconds(30)) throws(AMQPError) -> [AMQPPublishOutcome] {
        let state = try live()
        if !confirmsEnabled {
            amqp_confirm_select(state, Self.channel)
            try check(amqp_get_rpc_reply(state), "confirm.select")
            confirmsEnabled = true
            nextPublishTag = 1
        }
        guard !messages.isEmpty else { return [] }
        let firstTag = nextPublishTag
        for message in messages {
            let arena = CArena()
            var properties = arena.properties(message.properties)
            let status = message.body.withUnsafeBytes { body in
                amqp_basic_publish(
                    state, Self.channel, arena.bytes(message.exchange), arena.bytes(message.routingKey),
                    message.mandatory ? 1 : 0, 0, &properties,
                    amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
            }
            guard status == AMQP_STATUS_OK.rawValue else {
                abandon()
                throw .connectionFailed("publish: \(Self.errorString(status))")
            }
            nextPublishTag += 1
        }
        return try awaitConfirms(for: messages, firstTag: firstTag, timeout: timeout)
    }

    private func awaitConfirms(for messages: [AMQPOutgoingMessage], firstTag: UInt64, timeout: Duration) throws(AMQPError) -> [AMQPPublishOutcome] {
        let state = try live()
        var outcomes = [AMQPPublishOutcome?](repeating: nil, count: messages.count)
        var returned = Set<Int>()
        var unresolved = messages.count
        let deadline = ContinuousClock.now.advanced(by: timeout)
        func resolve(upTo tag: UInt64, multiple: Bool, as outcome: AMQPPublishOutcome) {
            guard tag >= firstTag else { return }
            let last = Int(tag - firstTag)
            let first = multiple ? 0 : last
            guard last < messages.count else { return }
            for index in first...last where outcomes[index] == nil {
                outcomes[index] = returned.contains(index) && outcome == .confirmed ? outcomes[index] : outcome
                unresolved -= 1
            }
        }
        while unresolved > 0 {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw .timedOut("\(unresolved) of \(messages.count) publisher confirms")
            }
            var frame = amqp_frame_t()
            var tv = timeval(remaining)
            let status = amqp_simple_wait_frame_noblock(state, &frame, &tv)
            if status == AMQP_STATUS_TIMEOUT.rawValue { continue }
            guard status == AMQP_STATUS_OK.rawValue else {
                abandon()
                throw .connectionFailed("waiting for confirms: \(Self.errorString(status))")
            }
            guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { continue }
            let method = frame.payload.method
            switch method.id {
            case AMQP_BASIC_ACK_METHOD:
                let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
                resolve(upTo: ack.delivery_tag, multiple: ack.multiple != 0, as: .confirmed)
            case AMQP_BASIC_NACK_METHOD:
                let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
                resolve(upTo: nack.delivery_tag, multiple: nack.multiple != 0, as: .nacked)
            case AMQP_BASIC_RETURN_METHOD:
                let info = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
                let (properties, _) = try readContent(state, "basic.return")
                // Returns arrive in publish order, before their message's ack: the first
                // unresolved mandatory message to the same exchange and routing key (and with
                // the same message id, when there is one) is the returned one.
                let exchange = info.exchange.string, routingKey = info.routing_key.string
                if let index = messages.indices.first(where: { index in
                    outcomes[index] == nil && !returned.contains(index) && messages[index].mandatory
                        && messages[index].exchange == exchange && messages[index].routingKey == routingKey
                        && messages[index].properties.messageID == properties.messageID
                }) {
                    returned.insert(index)
                    outcomes[index] = .returned(replyCode: info.reply_code, replyText: info.reply_text.string)
                    unresolved -= 1
                }
            case AMQP_BASIC_DELIVER_METHOD:
                let deliver = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
                let (properties, body) = try readContent(state, "basic.deliver")
                bufferedDeliveries.append(delivery(deliver, properties: properties, body: body))
            default:
                try handleUnexpected(method, during: "waiting for confirms")
            }
        }
        return outcomes.map { $0 ?? .nacked }
    }

    // MARK: Consuming

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
    public func receive(maxMessages: Int, timeout: Duration) throws(AMQPError) -> [AMQPDelivery] {
        let state = try live()
        var out: [AMQPDelivery] = []
        if !bufferedDeliveries.isEmpty {
            out = Array(bufferedDeliveries.prefix(maxMessages))
            bufferedDeliveries.removeFirst(out.count)
        }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while out.count < maxMessages {
            let buffered = amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0
            var wait: Duration = .zero
            if out.isEmpty && !buffered {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else { break }
                if let wakeup {
                    switch wakeup.wait(socket: amqp_get_sockfd(state), timeout: remaining) {
                    case .woken, .timedOut: return out
                    case .readable: wait = .milliseconds(200)
                    }
                } else {
                    wait = min(remaining, .milliseconds(100))
                }
            } else if !buffered {
                // Nothing decoded is left: take what already sits in the kernel's socket buffer
                // too (a zero-time poll), so one call returns a full batch rather than a few.
                guard let wakeup, wakeup.wait(socket: amqp_get_sockfd(state), timeout: .zero) == .readable else { break }
                wait = .milliseconds(200)
            }
            amqp_maybe_release_buffers(state)
            var envelope = amqp_envelope_t()
            var tv = timeval(wait)
            let reply = amqp_consume_message(state, &envelope, &tv, 0)
            if reply.reply_type == AMQP_RESPONSE_NORMAL {
                let properties = AMQPProperties(envelope.message.properties)
                let body = envelope.message.body.array
                out.append(AMQPDelivery(
                    tag: AMQPDeliveryTag(session: session, value: envelope.delivery_tag),
                    exchange: names.string(envelope.exchange), routingKey: names.string(envelope.routing_key),
                    redelivered: envelope.redelivered != 0, consumerTag: names.string(envelope.consumer_tag),
                    properties: properties, body: body))
                amqp_destroy_envelope(&envelope)
                continue
            }
            if reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_TIMEOUT.rawValue {
                if wakeup == nil && out.isEmpty { continue }
                break
            }
            if reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue {
                // A frame other than a delivery: read it and handle it.
                var frame = amqp_frame_t()
                var zero = timeval(.seconds(5))
                let status = amqp_simple_wait_frame_noblock(state, &frame, &zero)
                guard status == AMQP_STATUS_OK.rawValue else {
                    abandon()
                    throw .connectionFailed("reading a frame: \(Self.errorString(status))")
                }
                if frame.frame_type == UInt8(AMQP_FRAME_METHOD) {
                    let method = frame.payload.method
                    switch method.id {
                    case AMQP_BASIC_ACK_METHOD, AMQP_BASIC_NACK_METHOD:
                        continue  // a late confirm from a publish that timed out
                    default:
                        try handleUnexpected(method, during: "consuming")
                    }
                }
                continue
            }
            try check(reply, "consuming")
        }
        return out
    }

    /// Fetches one message with `basic.get` (manual acknowledgement), or `nil` when the queue is empty.
    public func get(_ queue: String) throws(AMQPError) -> AMQPDelivery? {
        let state = try live()
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

    // MARK: Frames and errors

    private func delivery(_ deliver: amqp_basic_deliver_t, properties: AMQPProperties, body: [UInt8]) -> AMQPDelivery {
        AMQPDelivery(
            tag: AMQPDeliveryTag(session: session, value: deliver.delivery_tag),
            exchange: deliver.exchange.string, routingKey: deliver.routing_key.string,
            redelivered: deliver.redelivered != 0, consumerTag: deliver.consumer_tag.string,
            properties: properties, body: body)
    }

    private func readContent(_ state: amqp_connection_state_t, _ method: String) throws(AMQPError) -> (AMQPProperties, [UInt8]) {
        var message = amqp_message_t()
        let reply = amqp_read_message(state, Self.channel, &message, 0)
        try check(reply, method)
        defer { amqp_destroy_message(&message) }
        return (AMQPProperties(message.properties), message.body.array)
    }

    /// Handles a method frame nobody waited for: a broker-side cancel or close.
    private func handleUnexpected(_ method: amqp_method_t, during context: String) throws(AMQPError) {
        guard let state else { throw .closed }
        switch method.id {
        case AMQP_BASIC_CANCEL_METHOD:
            let cancel = method.decoded.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            let tag = cancel.consumer_tag.string
            let queue = consumerQueues.removeValue(forKey: tag) ?? tag
            throw .consumerCancelled(queue)
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            var ok = amqp_channel_close_ok_t()
            amqp_send_method(state, Self.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
            let error = AMQPError.brokerClosed(code: close.reply_code, text: close.reply_text.string, method: context)
            abandon()
            throw error
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            var ok = amqp_connection_close_ok_t()
            amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
            let error = AMQPError.brokerClosed(code: close.reply_code, text: close.reply_text.string, method: context)
            abandon()
            throw error
        default:
            return  // e.g. basic.qos-ok races are harmless; unknown methods are ignored
        }
    }

    /// Turns an RPC reply into an error. A channel error reopens the channel so the connection
    /// stays usable (consumers and confirm mode are then gone, so consuming callers reconnect).
    private func check(_ reply: amqp_rpc_reply_t, _ method: String) throws(AMQPError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            guard let state, let decoded = reply.reply.decoded else { throw .closed }
            if reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD {
                let close = decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                let error = AMQPError.brokerClosed(code: close.reply_code, text: close.reply_text.string, method: method)
                var ok = amqp_channel_close_ok_t()
                amqp_send_method(state, Self.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
                reopenChannel()
                throw error
            }
            if reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD {
                let close = decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                var ok = amqp_connection_close_ok_t()
                amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
                let error = AMQPError.brokerClosed(code: close.reply_code, text: close.reply_text.string, method: method)
                abandon()
                throw error
            }
            throw .brokerClosed(code: 0, text: "unexpected method \(reply.reply.id)", method: method)
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            let text = Self.errorString(reply.library_error)
            if reply.library_error == AMQP_STATUS_TIMEOUT.rawValue {
                abandon()
                throw .timedOut("\(method): no answer from the broker")
            }
            abandon()
            throw .connectionFailed("\(method): \(text)")
        default:
            abandon()
            throw .connectionFailed("\(method): no reply")
        }
    }

    private func checkStatus(_ status: Int32, _ method: String) throws(AMQPError) {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        abandon()
        throw .connectionFailed("\(method): \(Self.errorString(status))")
    }

    private func reopenChannel() {
        guard let state else { return }
        consumerQueues.removeAll()
        amqp_channel_open(state, Self.channel)
        guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else {
            abandon()
            return
        }
        if confirmsEnabled {
            amqp_confirm_select(state, Self.channel)
            nextPublishTag = 1
            if amqp_get_rpc_reply(state).reply_type != AMQP_RESPONSE_NORMAL { abandon(); return }
        }
        if prefetch > 0 {
            amqp_basic_qos(state, Self.channel, 0, prefetch, 0)
            if amqp_get_rpc_reply(state).reply_type != AMQP_RESPONSE_NORMAL { abandon() }
        }
    }

    private static func errorString(_ status: Int32) -> String {
        guard let text = amqp_error_string2(status) else { return "error \(status)" }
        return String(cString: text)
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(max(0, seconds)), tv_usec: Int(max(0, attoseconds / 1_000_000_000_000)))
    }
}
