import CRabbitMQ
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CArena {
    /// Encodes message properties for `amqp_basic_publish`.
    func properties(_ properties: AMQPProperties) -> amqp_basic_properties_t {
        var c = amqp_basic_properties_t()
        var flags: UInt32 = UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
        c.delivery_mode = properties.persistent ? 2 : 1
        func set(_ value: String?, _ flag: Int32, _ field: inout amqp_bytes_t) {
            guard let value else { return }
            field = bytes(value)
            flags |= UInt32(flag)
        }
        set(properties.contentType, AMQP_BASIC_CONTENT_TYPE_FLAG, &c.content_type)
        set(properties.contentEncoding, AMQP_BASIC_CONTENT_ENCODING_FLAG, &c.content_encoding)
        set(properties.correlationID, AMQP_BASIC_CORRELATION_ID_FLAG, &c.correlation_id)
        set(properties.replyTo, AMQP_BASIC_REPLY_TO_FLAG, &c.reply_to)
        set(properties.expiration, AMQP_BASIC_EXPIRATION_FLAG, &c.expiration)
        set(properties.messageID, AMQP_BASIC_MESSAGE_ID_FLAG, &c.message_id)
        set(properties.type, AMQP_BASIC_TYPE_FLAG, &c.type)
        set(properties.userID, AMQP_BASIC_USER_ID_FLAG, &c.user_id)
        set(properties.appID, AMQP_BASIC_APP_ID_FLAG, &c.app_id)
        if !properties.headers.isEmpty {
            c.headers = table(properties.headers)
            flags |= UInt32(AMQP_BASIC_HEADERS_FLAG)
        }
        if let priority = properties.priority {
            c.priority = priority
            flags |= UInt32(AMQP_BASIC_PRIORITY_FLAG)
        }
        if let timestamp = properties.timestamp {
            c.timestamp = UInt64(max(0, timestamp.timeIntervalSince1970.rounded(.down)))
            flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG)
        }
        c._flags = flags
        return c
    }
}

extension AMQPProperties {
    /// Decodes librabbitmq's properties (deep copy). The fields whose values repeat from message
    /// to message (content type and encoding, type, user and app id) come from `names`.
    init(_ c: amqp_basic_properties_t, names: inout NameCache) {
        let flags = c._flags
        func has(_ flag: Int32) -> Bool { flags & UInt32(flag) != 0 }
        func text(_ flag: Int32, _ field: amqp_bytes_t) -> String? { has(flag) ? field.string : nil }
        func repeated(_ flag: Int32, _ field: amqp_bytes_t) -> String? { has(flag) ? names.string(field) : nil }
        self.init(
            contentType: repeated(AMQP_BASIC_CONTENT_TYPE_FLAG, c.content_type),
            contentEncoding: repeated(AMQP_BASIC_CONTENT_ENCODING_FLAG, c.content_encoding),
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? AMQPTable(c.headers) : [:],
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && c.delivery_mode == 2,
            priority: has(AMQP_BASIC_PRIORITY_FLAG) ? c.priority : nil,
            correlationID: text(AMQP_BASIC_CORRELATION_ID_FLAG, c.correlation_id),
            replyTo: text(AMQP_BASIC_REPLY_TO_FLAG, c.reply_to),
            expiration: text(AMQP_BASIC_EXPIRATION_FLAG, c.expiration),
            messageID: text(AMQP_BASIC_MESSAGE_ID_FLAG, c.message_id),
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? Date(timeIntervalSince1970: TimeInterval(c.timestamp)) : nil,
            type: repeated(AMQP_BASIC_TYPE_FLAG, c.type),
            userID: repeated(AMQP_BASIC_USER_ID_FLAG, c.user_id),
            appID: repeated(AMQP_BASIC_APP_ID_FLAG, c.app_id))
    }
}
