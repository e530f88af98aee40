public import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import IntegrationRules

/// How an ``IntegrationEvent`` travels: published to the events exchange with its routing key
/// (`log.<entity>.<status>`, which topology.json binds to the `integration.log` stream), AMQP
/// `type` `integration.event`, message id = the event's `operationId`, and headers that let
/// readers filter without decoding the body. The body is JSON with dates as milliseconds since
/// 1970 (the log's own codec, kept apart from the messages' ISO-8601 so old entries still read).
public enum IntegrationEventEnvelope {
    /// The message type of a log entry.
    public static let messageType = "integration.event"
    /// The entry's entity (`product`, `offer`, `order`, `connector`).
    public static let entityHeader = "carrefour-entity"
    /// The entry's entity id.
    public static let entityIdHeader = "carrefour-entity-id"
    /// The entry's status (`Success`, `Error`...).
    public static let statusHeader = "carrefour-status"

    /// The AMQP message of `event`, to publish to `exchange` (the events exchange).
    public static func message(for event: IntegrationEvent, exchange: String) throws(FleetMessageError) -> AMQPOutgoingMessage {
        let body: Data
        do {
            body = try encoder.encode(event)
        } catch {
            throw .unencodable("integration event: \(error)")
        }
        var properties = AMQPProperties()
        properties.contentType = FleetMessageCoding.contentType
        properties.persistent = true
        properties.type = messageType
        properties.messageID = event.operationId
        properties.timestamp = event.at
        properties.appID = event.worker
        properties.headers = [
            entityHeader: .string(event.entity.rawValue),
            entityIdHeader: .string(event.entityId),
            statusHeader: .string(event.status.rawValue),
        ]
        return AMQPOutgoingMessage(exchange: exchange, routingKey: event.routingKey, properties: properties, body: Array(body))
    }

    /// Decodes an entry read back from the log.
    public static func decode(_ body: [UInt8]) throws(FleetMessageError) -> IntegrationEvent {
        do {
            return try decoder.decode(IntegrationEvent.self, from: Data(body))
        } catch {
            throw .undecodable("integration event: \(error)")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}
