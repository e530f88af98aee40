import CRabbitMQ
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Publishing with publisher confirms (rabbitmq-recoverability.md §0: a delivery is acknowledged
/// only once what it produced is confirmed).
extension AMQPConnection {
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

    func awaitConfirms(for messages: [AMQPOutgoingMessage], firstTag: UInt64, timeout: Duration) throws(AMQPError) -> [AMQPPublishOutcome] {
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
}
