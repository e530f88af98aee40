import CRabbitMQ
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
    let executor: ConnectionExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Where this connection goes (its description never shows the password).
    public nonisolated let configuration: AMQPConfiguration
    /// Unique per connection in this process: delivery tags from another session are void here.
    public nonisolated let session: UInt64

    static let sessions = Atomic<UInt64>(0)
    static let channel: amqp_channel_t = 1

    var state: amqp_connection_state_t?
    let wakeup: WakeupFD?
    var confirmsEnabled = false
    var nextPublishTag: UInt64 = 1
    var prefetch: UInt16 = 0
    var bufferedDeliveries: [AMQPDelivery] = []
    var consumerQueues: [String: String] = [:]
    var names = NameCache()

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

    func open() throws(AMQPError) {
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
    func abandon() {
        guard let state else { return }
        amqp_destroy_connection(state)
        self.state = nil
    }

    func live() throws(AMQPError) -> amqp_connection_state_t {
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

    // MARK: Frames and errors

    /// A delivery from its `basic.deliver` method and content. The method's names point into
    /// memory the connection state owns until `amqp_maybe_release_buffers` recycles it (rabbitmq-c,
    /// amqp.h, `amqp_handle_input`), so reading the content first leaves them readable.
    func delivery(_ deliver: amqp_basic_deliver_t, properties: AMQPProperties, body: [UInt8]) -> AMQPDelivery {
        AMQPDelivery(
            tag: AMQPDeliveryTag(session: session, value: deliver.delivery_tag),
            exchange: names.string(deliver.exchange), routingKey: names.string(deliver.routing_key),
            redelivered: deliver.redelivered != 0, consumerTag: names.string(deliver.consumer_tag),
            properties: properties, body: body)
    }

    /// Reads the content of the method just read (a delivery, a `basic.get-ok`, a return): its
    /// header frame, then its body frames, copied straight from the frames librabbitmq decoded
    /// into the connection's pool. `amqp_read_message` would malloc a 4 KiB pool for the
    /// properties and the body, copy both, and free them once the caller copied them again
    /// (rabbitmq-c, amqp_consumer.c).
    func readContent(_ state: amqp_connection_state_t, _ method: String) throws(AMQPError) -> (AMQPProperties, [UInt8]) {
        var frame = amqp_frame_t()
        try checkStatus(amqp_simple_wait_frame_noblock(state, &frame, nil), method)
        guard frame.frame_type == UInt8(AMQP_FRAME_HEADER), let decoded = frame.payload.properties.decoded else {
            try unexpected(frame, in: method)
        }
        let properties = AMQPProperties(decoded.assumingMemoryBound(to: amqp_basic_properties_t.self).pointee, names: &names)
        guard frame.payload.properties.body_size <= UInt64(Int32.max) else {
            abandon()
            throw .connectionFailed("\(method): a body of \(frame.payload.properties.body_size) bytes")
        }
        let size = Int(frame.payload.properties.body_size)
        var body: [UInt8] = []
        body.reserveCapacity(size)
        while body.count < size {
            try checkStatus(amqp_simple_wait_frame_noblock(state, &frame, nil), method)
            let fragment = frame.payload.body_fragment
            guard frame.frame_type == UInt8(AMQP_FRAME_BODY), fragment.len <= size - body.count else {
                try unexpected(frame, in: method)
            }
            body.append(contentsOf: UnsafeRawBufferPointer(start: fragment.bytes, count: fragment.len))
        }
        return (properties, body)
    }

    /// A frame that breaks a message's content: a broker's close is reported as such, anything
    /// else as a broken connection (the content's remaining frames cannot be told apart).
    private func unexpected(_ frame: amqp_frame_t, in method: String) throws(AMQPError) -> Never {
        if frame.frame_type == UInt8(AMQP_FRAME_METHOD) { try handleUnexpected(frame.payload.method, during: method) }
        abandon()
        throw .connectionFailed("\(method): frame of type \(frame.frame_type) inside a message's content")
    }

    /// Handles a method frame nobody waited for: a broker-side cancel or close.
    func handleUnexpected(_ method: amqp_method_t, during context: String) throws(AMQPError) {
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
    func check(_ reply: amqp_rpc_reply_t, _ method: String) throws(AMQPError) {
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

    func checkStatus(_ status: Int32, _ method: String) throws(AMQPError) {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        abandon()
        throw .connectionFailed("\(method): \(Self.errorString(status))")
    }

    func reopenChannel() {
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

    static func errorString(_ status: Int32) -> String {
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
